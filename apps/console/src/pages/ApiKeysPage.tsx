// API keys of the tenant (admin only): list, create (the key is shown once), revoke.
import { Alert, Badge, Button, Code, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client.js';
import type { ApiKeyRow, FieldError } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { errorOf } from '../lib/field-errors.js';
import { formatInstant, type Language } from '../lib/language.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const keys = useResource<ApiKeyRow[] | { items: ApiKeyRow[] }>('/api-keys');
  const rows = Array.isArray(keys.data) ? keys.data : (keys.data?.items ?? []);
  const [role, setRole] = useState<string | null>('passweb');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    setMessage(null);
    try {
      const res = await request<{ key?: string }>('POST', '/api-keys', { role, ...(label.trim() ? { label: label.trim() } : {}) });
      setCreated(res.key ?? null);
      keys.reload();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.errors);
      setMessage(err instanceof Error ? err.message : String(err));
    }
  }
  async function revoke(row: ApiKeyRow) {
    try {
      await request('POST', `/api-keys/${encodeURIComponent(row.id)}/revoke`);
      keys.reload();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Stack>
      <Title order={1}>{t('apiKeys.title')}</Title>
      <LoadState loading={keys.loading} error={keys.error} />
      <Table striped data-testid="api-keys">
        <Table.Caption>{t('apiKeys.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('apiKeys.key')}</Table.Th>
            <Table.Th scope="col">{t('apiKeys.role')}</Table.Th>
            <Table.Th scope="col">{t('apiKeys.created')}</Table.Th>
            <Table.Th scope="col">{t('apiKeys.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td ff="monospace">{k.label ?? k.prefix ?? k.id}</Table.Td>
              <Table.Td>{k.role}</Table.Td>
              <Table.Td>{formatInstant(k.createdAt, lang)}</Table.Td>
              <Table.Td>
                {k.revokedAt ? (
                  <Badge color={TONES.gray} variant="filled">
                    {t('apiKeys.revoked')}
                  </Badge>
                ) : (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void revoke(k)}
                    aria-label={t('apiKeys.revokeWhich', { key: k.label ?? k.prefix ?? k.id })}
                  >
                    {t('apiKeys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={create} aria-labelledby="new-key">
        <Title order={2} size="h3" id="new-key" mb="sm">
          {t('apiKeys.new')}
        </Title>
        <Group align="start">
          <Select
            label={t('apiKeys.role')}
            value={role}
            onChange={setRole}
            allowDeselect={false}
            error={errorOf(errors, 'role')}
            data={(['passweb', 'auditor', 'admin'] as const).map((r) => ({ value: r, label: t(`apiKeys.roles.${r}`) }))}
            name="role"
          />
          <TextInput label={t('apiKeys.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errorOf(errors, 'label')} name="label" />
        </Group>
        <Button type="submit" mt="sm">
          {t('apiKeys.create')}
        </Button>
      </form>
      {created && (
        <Alert color="green" title={t('apiKeys.createdTitle')} role="status">
          {t('apiKeys.createdLead')}
          <Code block mt="xs" tabIndex={0}>
            {created}
          </Code>
        </Alert>
      )}
      {message && (
        <Alert color="red" role="alert">
          {message}
        </Alert>
      )}
    </Stack>
  );
}
