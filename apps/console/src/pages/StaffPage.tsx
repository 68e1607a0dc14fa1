// Staff accounts of the tenant (admin only): list, create with a role, disable.
import { Alert, Badge, Button, Group, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client.js';
import type { FieldError, StaffRow } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { errorOf, unplacedErrors } from '../lib/field-errors.js';
import { formatInstant, type Language } from '../lib/language.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

export function StaffPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const staff = useResource<StaffRow[] | { items: StaffRow[] }>('/staff');
  const rows = Array.isArray(staff.data) ? staff.data : (staff.data?.items ?? []);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function disable(row: StaffRow) {
    try {
      await request('POST', `/staff/${encodeURIComponent(row.id)}/disable`);
      setMessage({ ok: true, text: t('staff.disabledDone', { email: row.email }) });
      staff.reload();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <Stack>
      <Title order={1}>{t('staff.title')}</Title>
      <LoadState loading={staff.loading} error={staff.error} />
      <Table striped data-testid="staff">
        <Table.Caption>{t('staff.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.email')}</Table.Th>
            <Table.Th scope="col">{t('staff.name')}</Table.Th>
            <Table.Th scope="col">{t('staff.role')}</Table.Th>
            <Table.Th scope="col">{t('staff.created')}</Table.Th>
            <Table.Th scope="col">{t('staff.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.email}</Table.Td>
              <Table.Td>{r.displayName}</Table.Td>
              <Table.Td>{t(`role.${r.role}`)}</Table.Td>
              <Table.Td>{formatInstant(r.createdAt, lang)}</Table.Td>
              <Table.Td>
                {r.disabledAt ? (
                  <Badge color={TONES.gray} variant="filled">
                    {t('staff.disabled')}
                  </Badge>
                ) : (
                  <Button size="xs" variant="default" onClick={() => void disable(r)} aria-label={t('staff.disableWho', { email: r.email })}>
                    {t('staff.disable')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <CreateStaff onDone={staff.reload} />
    </Stack>
  );
}

function CreateStaff({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string | null>('support');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    setMessage(null);
    try {
      await request('POST', '/staff', { email, displayName, role, password });
      setMessage({ ok: true, text: t('staff.createdDone', { email }) });
      setEmail('');
      setDisplayName('');
      setPassword('');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.errors);
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="new-staff">
      <Title order={2} size="h3" id="new-staff" mb="sm">
        {t('staff.new')}
      </Title>
      <Group align="start">
        <TextInput
          label={t('staff.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errorOf(errors, 'email')}
          name="email"
          required
        />
        <TextInput
          label={t('staff.name')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errorOf(errors, 'displayName')}
          name="displayName"
        />
        <Select
          label={t('staff.role')}
          value={role}
          onChange={setRole}
          allowDeselect={false}
          error={errorOf(errors, 'role')}
          data={(['admin', 'support', 'auditor'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
          name="role"
        />
        <PasswordInput
          label={t('staff.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errorOf(errors, 'password')}
          name="password"
          autoComplete="new-password"
          required
        />
      </Group>
      {unplacedErrors(errors, ['email', 'displayName', 'role', 'password']).map((x) => (
        <Alert key={x.field} color="red" mt="xs">
          {x.field}: {x.message}
        </Alert>
      ))}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} mt="xs" role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Button type="submit" mt="sm">
        {t('staff.create')}
      </Button>
    </form>
  );
}
