// Routes of the console under /console, behind sign-in; admin pages only for admins.
import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Shell } from './components/Shell.js';
import { ApiKeysPage } from './pages/ApiKeysPage.js';
import { BindingEditorPage } from './pages/BindingEditorPage.js';
import { ContactPage, ContactSearchPage } from './pages/ContactPage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { MessagesPage } from './pages/MessagesPage.js';
import { MessageStoryPage } from './pages/MessageStoryPage.js';
import { NotAllowed } from './components/NotAllowed.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { TemplatesPage } from './pages/TemplatesPage.js';
import { SessionProvider, useSession } from './session.js';

// Darker shades than Mantine's defaults for text on white: WCAG AA contrast for small text.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' });

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
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
      <Routes>
        <Route path="/" element={<Navigate to="/messages" replace />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/messages/:id" element={<MessageStoryPage />} />
        <Route path="/contacts" element={<ContactSearchPage />} />
        <Route path="/contacts/:contact" element={<ContactPage />} />
        <Route path="/templates" element={<TemplatesPage />} />
        <Route path="/bindings/:eventType" element={<BindingEditorPage />} />
        <Route path="/overview" element={<OverviewPage />} />
        <Route path="/history" element={<HistoryPage />} />
        <Route path="/staff" element={admin(<StaffPage />)} />
        <Route path="/api-keys" element={can('manageApiKeys') ? <ApiKeysPage /> : <NotAllowed />} />
        <Route path="*" element={<Navigate to="/messages" replace />} />
      </Routes>
    </Shell>
  );
}
