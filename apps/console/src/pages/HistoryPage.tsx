// History: every configuration change (binding, consent recorded by staff, erasure, API key, staff
// account, tenant setting) as its ledger entry, with the account or key that made it.
import { Badge, Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.js';
import type { HistoryEntry, Page } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { explanationKey, explanationValues } from '../lib/explanation.js';
import { formatInstant, type Language } from '../lib/language.js';
import { useSession } from '../session.js';
import { TONES } from '../lib/tones.js';

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { tenant } = useSession();
  const [items, setItems] = useState<HistoryEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await get<Page<HistoryEntry>>(`/history${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    void load(null);
  }, [tenant]);

  return (
    <Stack>
      <Title order={1}>{t('history.title')}</Title>
      <Text>{t('history.lead')}</Text>
      <LoadState loading={loading} error={error} />
      <Table striped data-testid="history">
        <Table.Caption>{t('history.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.col.when')}</Table.Th>
            <Table.Th scope="col">{t('history.col.change')}</Table.Th>
            <Table.Th scope="col">{t('history.col.actor')}</Table.Th>
            <Table.Th scope="col">{t('history.col.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((h) => (
            <Table.Tr key={`${h.seq ?? 'x'}-${h.at}-${h.type}`} data-type={h.type}>
              <Table.Td>
                {formatInstant(h.at, lang)}
                {h.seq !== null && (
                  <Text size="xs" c="gray.8">
                    {t('story.seq', { seq: h.seq })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(explanationKey(h.explanation?.code ?? h.type.split('/')[0]), explanationValues(h.type, h.explanation?.params))}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={TONES.gray} mr={4}>
                  {t(`actor.${h.actor?.kind}`, { defaultValue: h.actor?.kind ?? '?' })}
                </Badge>
                {h.actor ? (h.actor.label ?? h.actor.id) : '—'}
              </Table.Td>
              <Table.Td>
                <Code fz="xs" block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {Object.entries(h.summary ?? {})
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join('\n')}
                </Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {next && (
        <Button variant="default" onClick={() => void load(next)} loading={loading}>
          {t('messages.more')}
        </Button>
      )}
    </Stack>
  );
}
