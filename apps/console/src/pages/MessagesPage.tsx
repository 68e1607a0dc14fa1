// Messages: the search form (its fields kept in the page URL) and the list, newest first, with more on demand.
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { get } from '../api/client.js';
import type { MessageItem, Page } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { MessageTable } from '../components/MessageTable.js';
import { SKIP_REASONS } from '../lib/explanation.js';
import { OUTCOMES } from '../lib/outcome.js';
import { filtersToApiQuery, filtersToSearch, localOffsetOf, searchToFilters, type MessageFilters } from '../lib/search-query.js';
import { useSession } from '../session.js';

const PAGE_SIZE = 50;

export function MessagesPage() {
  const { t } = useTranslation();
  const { tenant } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const applied = searchToFilters(location.search);
  const [form, setForm] = useState<MessageFilters>(applied);
  const [items, setItems] = useState<MessageItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await get<Page<MessageItem>>(
        `/messages${filtersToApiQuery(searchToFilters(location.search), { cursor, limit: PAGE_SIZE, offsetMinutes: localOffsetOf })}`,
      );
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setForm(searchToFilters(location.search));
    void load(null);
    // Reloads when the search (the URL) or the tenant changes; load reads the URL itself.
  }, [location.search, tenant]);

  const field = (name: keyof MessageFilters) => ({
    value: form[name] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value }),
    name,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate({ pathname: '/messages', search: filtersToSearch(form) });
  }

  return (
    <Stack>
      <Title order={1}>{t('messages.title')}</Title>
      <form onSubmit={submit} role="search" aria-label={t('messages.search')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <TextInput label={t('messages.f.q')} description={t('messages.f.qHint')} {...field('q')} />
          <TextInput label={t('messages.f.phone')} {...field('phone')} placeholder="+39 333 123 4567" />
          <TextInput label={t('messages.f.reference')} {...field('reference')} />
          <TextInput label={t('messages.f.eventId')} {...field('eventId')} />
          <TextInput label={t('messages.f.template')} {...field('template')} />
          <Select
            label={t('messages.f.outcome')}
            clearable
            value={form.outcome ?? null}
            onChange={(v) => setForm({ ...form, outcome: v ?? '' })}
            data={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
            placeholder={t('common.any')}
          />
          <Select
            label={t('messages.f.reason')}
            clearable
            searchable
            value={form.reason ?? null}
            onChange={(v) => setForm({ ...form, reason: v ?? '' })}
            data={SKIP_REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            placeholder={t('common.any')}
          />
          <TextInput type="date" label={t('messages.f.from')} {...field('from')} />
          <TextInput type="date" label={t('messages.f.to')} {...field('to')} />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('messages.searchButton')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setForm({});
              navigate('/messages');
            }}
          >
            {t('messages.clear')}
          </Button>
        </Group>
      </form>
      <LoadState loading={loading} error={error} />
      {!loading && !error && items.length === 0 ? <Text>{t('messages.none')}</Text> : null}
      {items.length > 0 && <MessageTable items={items} caption={t('messages.caption', { count: items.length })} />}
      {next && (
        <Button variant="default" onClick={() => void load(next)} loading={loading}>
          {t('messages.more')}
        </Button>
      )}
    </Stack>
  );
}
