import { Alert, Box, Button, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { switchLanguage } from '../i18n/index.js';
import { isLanguage } from '../lib/language.js';
import { useSession } from '../session.js';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const [tenant, setTenant] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(tenant, email, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('auth.tooMany'));
      else if (err instanceof ApiError && err.status === 401) setError(t('auth.invalid'));
      else setError(t('common.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box component="main" maw={420} mx="auto" mt={80} px="md">
      <Paper withBorder p="xl" radius="md">
        <Stack>
          <Title order={1} size="h2">
            {t('auth.title')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('auth.lead')}
          </Text>
          <form onSubmit={submit} aria-label={t('auth.title')}>
            <Stack>
              <TextInput
                label={t('auth.tenant')}
                description={t('auth.tenantHint')}
                value={tenant}
                onChange={(e) => setTenant(e.currentTarget.value)}
                name="tenant"
                autoComplete="organization"
              />
              <TextInput
                label={t('auth.email')}
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                name="email"
                autoComplete="username"
              />
              <PasswordInput
                label={t('auth.password')}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                name="password"
                autoComplete="current-password"
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Button type="submit" loading={busy}>
                {t('auth.signIn')}
              </Button>
            </Stack>
          </form>
          <SegmentedControl
            size="xs"
            aria-label={t('language.label')}
            data-testid="language-switch"
            value={i18n.language}
            onChange={(v) => {
              if (isLanguage(v)) void switchLanguage(v);
            }}
            data={[
              { value: 'it', label: 'Italiano' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Stack>
      </Paper>
    </Box>
  );
}
