// Contacts: one recipient's 24-hour window, consent per category with where each change came
// from, recent messages, recording a consent (admin, support) and erasure (admin) behind a
// confirmation that says what is kept.
import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, request } from '../api/client.js';
import type { Contact, FieldError } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { MessageTable } from '../components/MessageTable.js';
import { sourceKey } from '../lib/explanation.js';
import { errorOf, unplacedErrors } from '../lib/field-errors.js';
import { formatInstant, type Language } from '../lib/language.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

const CATEGORIES = ['marketing', 'utility', 'authentication', 'all'] as const;

export function ContactSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  return (
    <Stack>
      <Title order={1}>{t('contacts.title')}</Title>
      <form
        role="search"
        aria-label={t('contacts.search')}
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) navigate(`/contacts/${encodeURIComponent(value.trim())}`);
        }}
      >
        <Group align="end">
          <TextInput
            label={t('contacts.lookup')}
            description={t('contacts.lookupHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            name="contact"
            w={360}
          />
          <Button type="submit">{t('contacts.open')}</Button>
        </Group>
      </form>
    </Stack>
  );
}

export function ContactPage() {
  const { contact = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { can } = useSession();
  const { data, loading, error, reload } = useResource<Contact>(`/contacts/${encodeURIComponent(contact)}`);

  return (
    <Stack data-testid="contact">
      <Title order={1}>{t('contacts.of', { contact })}</Title>
      <LoadState loading={loading && !data} error={error} />
      {data && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="window-title">
            <Title order={2} size="h3" id="window-title">
              {t('contacts.window')}
            </Title>
            <Text mt="xs" data-testid="window">
              {data.window.open ? t('contacts.windowOpen', { until: formatInstant(data.window.until, lang) }) : t('contacts.windowClosed')}
            </Text>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="consent-title">
            <Title order={2} size="h3" id="consent-title" mb="sm">
              {t('contacts.consents')}
            </Title>
            {data.consents.length === 0 && <Text>{t('contacts.noConsents')}</Text>}
            {data.consents.map((c) => (
              <Stack key={c.category} gap={4} mb="md" data-category={c.category} data-state={c.state}>
                <Group gap="xs">
                  <Text fw={600}>{t(`category.${c.category}`, { defaultValue: c.category })}</Text>
                  <Badge variant="filled" color={c.state === 'opt_in' ? TONES.green : c.state === 'opt_out' ? TONES.red : TONES.gray}>
                    {t(`consent.${c.state}`)}
                  </Badge>
                  {c.since && (
                    <Text size="sm" c="gray.8">
                      {t('contacts.since', { at: formatInstant(c.since, lang) })}
                    </Text>
                  )}
                </Group>
                <Table withTableBorder fz="sm">
                  <Table.Caption>{t('contacts.historyOf', { category: t(`category.${c.category}`, { defaultValue: c.category }) })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('contacts.col.when')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.col.change')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.col.source')}</Table.Th>
                      <Table.Th scope="col">{t('contacts.col.seq')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.history.map((h, i) => (
                      <Table.Tr key={`${h.seq ?? 'x'}-${i}`} data-source={h.source}>
                        <Table.Td>{formatInstant(h.at, lang)}</Table.Td>
                        <Table.Td>{t(`consent.${h.state}`)}</Table.Td>
                        <Table.Td title={h.source}>{t(sourceKey(h.source), { source: h.source })}</Table.Td>
                        <Table.Td>{h.seq ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
            {can('recordConsent') ? <RecordConsent contact={contact} onDone={reload} /> : <Text size="sm">{t('contacts.readOnly')}</Text>}
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="recent-title">
            <Title order={2} size="h3" id="recent-title" mb="sm">
              {t('contacts.recent')}
            </Title>
            {data.recentMessages.length ? (
              <MessageTable items={data.recentMessages} caption={t('contacts.recentCaption')} />
            ) : (
              <Text>{t('messages.none')}</Text>
            )}
          </Paper>
          <Erasure contact={contact} keeps={data.erasure?.keeps ?? []} allowed={can('erase')} onDone={reload} />
        </>
      )}
    </Stack>
  );
}

function RecordConsent({ contact, onDone }: { contact: string; onDone(): void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string | null>('marketing');
  const [state, setState] = useState<string | null>('opt_in');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setMessage(null);
    try {
      await request('POST', `/contacts/${encodeURIComponent(contact)}/consents`, { category, state, ...(note.trim() ? { note: note.trim() } : {}) });
      setMessage({ ok: true, text: t('contacts.recorded') });
      setNote('');
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.errors);
        setMessage({ ok: false, text: err.message });
      } else setMessage({ ok: false, text: String(err) });
    } finally {
      setBusy(false);
    }
  }
  const shown = ['category', 'state', 'note'];
  return (
    <form onSubmit={submit} aria-labelledby="record-title" data-testid="record-consent">
      <Title order={3} size="h4" id="record-title" mt="md" mb="xs">
        {t('contacts.record')}
      </Title>
      <Group align="start">
        <Select
          label={t('contacts.category')}
          value={category}
          onChange={setCategory}
          data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          error={errorOf(errors, 'category')}
          name="category"
          allowDeselect={false}
        />
        <Select
          label={t('contacts.state')}
          value={state}
          onChange={setState}
          data={[
            { value: 'opt_in', label: t('consent.opt_in') },
            { value: 'opt_out', label: t('consent.opt_out') },
          ]}
          error={errorOf(errors, 'state')}
          name="state"
          allowDeselect={false}
        />
        <Textarea
          label={t('contacts.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errorOf(errors, 'note')}
          name="note"
          autosize
          minRows={1}
          w={320}
        />
      </Group>
      {unplacedErrors(errors, shown).map((e) => (
        <Text key={e.field} c="red.9" size="sm">
          {e.field}: {e.message}
        </Text>
      ))}
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} mt="xs" role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Button type="submit" mt="sm" loading={busy}>
        {t('contacts.recordButton')}
      </Button>
    </form>
  );
}

function Erasure({ contact, keeps, allowed, onDone }: { contact: string; keeps: string[]; allowed: boolean; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function erase() {
    setBusy(true);
    try {
      await request('DELETE', `/contacts/${encodeURIComponent(contact)}`, { confirm });
      setResult({ ok: true, text: t('erasure.done') });
      setOpen(false);
      onDone();
    } catch (err) {
      setResult({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="erasure-title">
      <Title order={2} size="h3" id="erasure-title" mb="xs">
        {t('erasure.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('erasure.lead')}
      </Text>
      <Button color={TONES.red} onClick={() => setOpen(true)} disabled={!allowed} data-testid="erase">
        {t('erasure.button')}
      </Button>
      {!allowed && (
        <Text size="sm" mt="xs" c="gray.8">
          {t('erasure.adminOnly')}
        </Text>
      )}
      {result && (
        <Alert color={result.ok ? 'green' : 'red'} mt="sm" role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </Alert>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('erasure.confirmTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text>{t('erasure.confirmLead', { contact })}</Text>
          <Text fw={600}>{t('erasure.keeps')}</Text>
          <ul data-testid="erasure-keeps">
            {keeps.map((k) => (
              <li key={k}>{t(`erasure.keep.${k}`, { defaultValue: k })}</li>
            ))}
          </ul>
          <TextInput label={t('erasure.type', { contact })} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} name="confirm" />
          <Group justify="end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color={TONES.red} onClick={() => void erase()} disabled={confirm !== contact} loading={busy}>
              {t('erasure.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
