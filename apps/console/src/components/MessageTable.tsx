import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MessageItem } from '../api/types.js';
import { formatInstant, type Language } from '../lib/language.js';
import { OutcomeBadge } from './OutcomeBadge.js';
import { ReasonText } from './ReasonText.js';

export function MessageTable({ items, caption }: { items: MessageItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover data-testid="messages-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('messages.col.when')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.reference')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.event')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.phone')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.template')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.outcome')}</Table.Th>
            <Table.Th scope="col">{t('messages.col.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.notificationId} data-notification={m.notificationId} data-event={m.eventId}>
              <Table.Td>
                <Anchor component={Link} to={`/messages/${encodeURIComponent(m.notificationId)}`}>
                  {formatInstant(m.createdAt, lang)}
                </Anchor>
              </Table.Td>
              <Table.Td>{m.reference ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">{m.eventType}</Text>
                <Text size="xs" c="gray.8" ff="monospace">
                  {m.eventId}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{m.phoneMasked ?? '—'}</Table.Td>
              <Table.Td>{m.template ? `${m.template}${m.language ? `/${m.language}` : ''}` : '—'}</Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={m.outcome} />
              </Table.Td>
              <Table.Td>
                <ReasonText reason={m.reason} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
