import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A resource's loading or failed state; nothing once it has data. */
export function LoadState({ loading, error }: { loading: boolean; error: Error | null }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="red" role="alert" mt="md">
        {t('common.failed', { message: error.message })}
      </Alert>
    );
  }
  return loading ? <Loader size="sm" mt="md" aria-label={t('common.loading')} /> : null;
}
