// A page that throws while rendering shows what went wrong, and the rest of the console (navigation,
// language, sign-out) keeps working; moving to another page clears it.
import { Alert } from '@mantine/core';
import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" role="alert">
        {i18next.t('common.failed', { message: this.state.error.message })}
      </Alert>
    );
  }
}
