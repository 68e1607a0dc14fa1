// Templates & bindings: the synced catalog (status, category, quality) and the event bindings, each
// opening the editor.
import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Binding, TemplateRow } from '../api/types.js';
import { LoadState } from '../components/Failure.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';
import { TONES } from '../lib/tones.js';

const STATUS_COLOR: Record<string, string> = { APPROVED: TONES.green, PENDING: TONES.blue, REJECTED: TONES.red, PAUSED: TONES.orange, DISABLED: TONES.gray };
const QUALITY_COLOR: Record<string, string> = { GREEN: TONES.green, YELLOW: TONES.yellow, RED: TONES.red };

/** Lists arrive as arrays (the /v1 shape) or as {items}. */
function itemsOf<T>(data: T[] | { items: T[] } | null): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : (data.items ?? []);
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const templates = useResource<TemplateRow[] | { items: TemplateRow[] }>('/templates');
  const bindings = useResource<Binding[] | { items: Binding[] }>('/bindings');
  return (
    <Stack>
      <Title order={1}>{t('templates.title')}</Title>
      <Tabs defaultValue="catalog" keepMounted={false}>
        <Tabs.List aria-label={t('templates.title')}>
          <Tabs.Tab value="catalog">{t('templates.catalog')}</Tabs.Tab>
          <Tabs.Tab value="bindings">{t('templates.bindings')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="catalog" pt="md">
          <LoadState loading={templates.loading} error={templates.error} />
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="catalog">
              <Table.Caption>{t('templates.catalogCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('templates.col.name')}</Table.Th>
                  <Table.Th scope="col">{t('templates.col.language')}</Table.Th>
                  <Table.Th scope="col">{t('templates.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('templates.col.category')}</Table.Th>
                  <Table.Th scope="col">{t('templates.col.quality')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {itemsOf(templates.data).map((tpl) => (
                  <Table.Tr key={`${tpl.name}/${tpl.language}`}>
                    <Table.Td ff="monospace">{tpl.name}</Table.Td>
                    <Table.Td>{tpl.language}</Table.Td>
                    <Table.Td>
                      <Badge variant="filled" color={STATUS_COLOR[tpl.status] ?? TONES.gray}>
                        {tpl.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{tpl.category ?? '—'}</Table.Td>
                    <Table.Td>
                      {tpl.quality ? (
                        <Badge variant="filled" color={QUALITY_COLOR[tpl.quality] ?? TONES.gray}>
                          {tpl.quality}
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Tabs.Panel>
        <Tabs.Panel value="bindings" pt="md">
          <LoadState loading={bindings.loading} error={bindings.error} />
          {!can('editBindings') && (
            <Text size="sm" mb="sm">
              {t('bindings.readOnly')}
            </Text>
          )}
          <Table striped data-testid="bindings">
            <Table.Caption>{t('templates.bindingsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('bindings.eventType')}</Table.Th>
                <Table.Th scope="col">{t('bindings.templates')}</Table.Th>
                <Table.Th scope="col">{t('bindings.variables')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {itemsOf(bindings.data).map((b) => (
                <Table.Tr key={b.eventType} data-event-type={b.eventType}>
                  <Table.Td>
                    <Anchor component={Link} to={`/bindings/${encodeURIComponent(b.eventType)}`}>
                      {b.eventType}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{b.templates.map((x) => `${x.name}/${x.language}`).join(', ')}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {Object.entries(b.variables)
                      .map(([slot, v]) => `${slot}→${v}`)
                      .join(' ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {can('editBindings') && <NewBinding />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function NewBinding() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [eventType, setEventType] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (eventType.trim()) navigate(`/bindings/${encodeURIComponent(eventType.trim())}`);
      }}
    >
      <Group align="end" mt="md">
        <TextInput
          label={t('bindings.newFor')}
          value={eventType}
          onChange={(e) => setEventType(e.currentTarget.value)}
          placeholder="order.status_changed"
          name="eventType"
        />
        <Button type="submit" variant="default">
          {t('bindings.openEditor')}
        </Button>
      </Group>
    </form>
  );
}
