// The frame of every page: header (tenant, language, account), navigation, and the page's main landmark.
import { AppShell, Burger, Button, Group, NavLink, SegmentedControl, Select, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useResource } from '../use-resource.js';
import { switchLanguage } from '../i18n/index.js';
import { isLanguage } from '../lib/language.js';
import { useSession } from '../session.js';

const PAGES = [
  { to: '/messages', key: 'nav.messages' },
  { to: '/contacts', key: 'nav.contacts' },
  { to: '/templates', key: 'nav.templates' },
  { to: '/overview', key: 'nav.overview' },
  { to: '/history', key: 'nav.history' },
] as const;

const ADMIN_PAGES = [
  { to: '/staff', key: 'nav.staff' },
  { to: '/keys', key: 'nav.apiKeys' },
] as const;

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, signOut, can } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const account = session!.account;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} size="lg" component="span">
              Sigillo
            </Text>
            <Text size="sm" c="gray.8" visibleFrom="sm" component="span">
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {account.tenantId === null && <TenantPicker />}
            <SegmentedControl
              size="xs"
              aria-label={t('language.label')}
              data-testid="language-switch"
              value={i18n.language}
              onChange={(value) => {
                if (isLanguage(value)) void switchLanguage(value);
              }}
              data={[
                { value: 'it', label: 'IT' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Text size="sm" visibleFrom="md" component="span" data-testid="signed-in-as">
              {account.displayName || account.email} · {t(`role.${account.role}`)}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t('auth.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {PAGES.map((p) => (
          <NavLink key={p.to} component={RouterLink} to={p.to} label={t(p.key)} active={location.pathname.startsWith(p.to)} />
        ))}
        {can('manageStaff') &&
          ADMIN_PAGES.map((p) => <NavLink key={p.to} component={RouterLink} to={p.to} label={t(p.key)} active={location.pathname.startsWith(p.to)} />)}
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}

function TenantPicker() {
  const { t } = useTranslation();
  const { tenant, chooseTenant } = useSession();
  const tenants = useResource<{ items?: { id: string; name: string }[] } | { id: string; name: string }[]>('/tenants');
  const list = Array.isArray(tenants.data) ? tenants.data : (tenants.data?.items ?? []);
  return (
    <>
      <VisuallyHidden id="tenant-label">{t('tenant.label')}</VisuallyHidden>
      <Select
        size="xs"
        aria-labelledby="tenant-label"
        placeholder={t('tenant.choose')}
        value={tenant}
        onChange={chooseTenant}
        data={list.map((x) => ({ value: x.id, label: x.name }))}
      />
    </>
  );
}
