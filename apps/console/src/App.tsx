// Routes of the console under /console, behind sign-in; admin pages only for admins.
import { Alert, Center, Loader, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/Shell.js';
import { ApiKeysPage } from './pages/ApiKeysPage.js';
import { BindingEditorPage } from './pages/BindingEditorPage.js';
import { ContactPage, ContactSearchPage } from './pages/ContactPage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { MessagesPage } from './pages/MessagesPage.js';
import { MessageStoryPage } from './pages/MessageStoryPage.js';
import { NotAllowed } from './components/NotAllowed.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { TemplatesPage } from './pages/TemplatesPage.js';
import { SessionProvider, useSession } from './session.js';

// The charts (Recharts) are most of the bundle and one page's: loaded when that page opens.
const OverviewPage = lazy(() => import('./pages/OverviewPage.js').then((m) => ({ default: m.OverviewPage })));

// WCAG AA contrast for small text: darker primary and dimmed text than Mantine's defaults, and
// badge/button text black or white by the background's luminance.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.4,
  // Staff who asked their system for less motion get modals and menus without fades (WCAG 2.3.3).
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  // An alert's tinted title would be light text on a light tint: the text colour reads on every tint.
  components: { Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }) },
});
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-6)' },
  dark: {},
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <SessionProvider>
        <BrowserRouter basename="/console">
          <Gate />
        </BrowserRouter>
      </SessionProvider>
    </MantineProvider>
  );
}

function Gate() {
  const { session, ready, can } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  if (!ready) {
    return (
      <Center h="100vh" component="main">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!session) return <SignInPage />;
  const admin = (page: React.ReactNode) => (can('manageStaff') ? page : <NotAllowed />);
  return (
    <Shell>
      <PageErrorBoundary resetKey={location.pathname}>
        <Routes>
          <Route path="/" element={<Navigate to="/messages" replace />} />
          <Route path="/messages" element={<MessagesPage />} />
          <Route path="/messages/:id" element={<MessageStoryPage />} />
          <Route path="/contacts" element={<ContactSearchPage />} />
          <Route path="/contacts/:contact" element={<ContactPage />} />
          <Route path="/templates" element={<TemplatesPage />} />
          <Route path="/bindings/:eventType" element={<BindingEditorPage />} />
          <Route
            path="/overview"
            element={
              <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
                <OverviewPage />
              </Suspense>
            }
          />
          <Route path="/history" element={<HistoryPage />} />
          <Route path="/staff" element={admin(<StaffPage />)} />
          <Route path="/keys" element={can('manageApiKeys') ? <ApiKeysPage /> : <NotAllowed />} />
          <Route path="*" element={<Navigate to="/messages" replace />} />
        </Routes>
      </PageErrorBoundary>
    </Shell>
  );
}
