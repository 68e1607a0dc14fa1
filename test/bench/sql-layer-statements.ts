// The two hot statements (event intake, delivery statuses) written in each candidate SQL layer, so
// `npm run bench:sql` compares layers on the very same SQL. The positional texts are the ones the
// repositories ran when the layers were chosen (libs/notifications/src/notification.repository.ts,
// status.repository.ts); every candidate sends PostgreSQL the same statement.
import { type Kysely, sql as ksql } from 'kysely';
import { sql, statement, verbatim } from '#sigillo/db';
import type { DB } from '#sigillo/db';

/** The intake statement's input as it was when the layers were chosen (positional entry columns). */
export interface IntakeColumns {
  tenantId: string[];
  eventId: string[];
  eventType: string[];
  requestHash: string[];
  occurredAt: string[];
  payload: string[];
  notificationId: string[];
  decision: string[];
  reason: (string | null)[];
  templateName: (string | null)[];
  language: (string | null)[];
  category: (string | null)[];
  recipient: string[];
  parameters: (string | null)[];
  status: string[];
  owesSend: boolean[];
  requestId: (string | null)[];
  entryEvent: number[];
  entryType: string[];
  entryOccurredAt: string[];
  entryBody: string[];
  entrySalt: string[];
  entrySubject: (string | null)[];
}

/** The status statement's input: one element per status, and (entry*) one per ledger entry. */
export interface StatusColumns {
  wamid: string[];
  status: string[];
  tenantId: string[];
  callbackData: (string | null)[];
  occurredAt: string[];
  payload: string[];
  notificationId: (string | null)[];
  entryType: string[];
  entryOccurredAt: string[];
  entryBody: string[];
  entrySalt: string[];
  entryTenant: (string | null)[];
  entrySubject: (string | null)[];
  entryRef: number[];
}

export const INTAKE_ORDER: (keyof IntakeColumns)[] = [
  'tenantId',
  'eventId',
  'eventType',
  'requestHash',
  'occurredAt',
  'payload',
  'notificationId',
  'decision',
  'reason',
  'templateName',
  'language',
  'category',
  'recipient',
  'parameters',
  'status',
  'owesSend',
  'requestId',
  'entryEvent',
  'entryType',
  'entryOccurredAt',
  'entryBody',
  'entrySalt',
  'entrySubject',
];
export const STATUS_ORDER: (keyof StatusColumns)[] = [
  'wamid',
  'status',
  'tenantId',
  'callbackData',
  'occurredAt',
  'payload',
  'notificationId',
  'entryType',
  'entryOccurredAt',
  'entryBody',
  'entrySalt',
  'entryTenant',
  'entrySubject',
  'entryRef',
];

// --- today: positional text, named prepared statement over pg -------------------------------------

export const RECORD_INTAKES_POSITIONAL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::uuid[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[], $16::boolean[], $17::text[])
         WITH ORDINALITY AS i(tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id, decision, reason,
                              template_name, language, category, recipient, parameters, status, owes_send, request_id, ord)
), ev AS (
  INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
  SELECT tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id FROM input ORDER BY tenant_id, event_id
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING notification_id
), created AS (
  SELECT i.* FROM input i JOIN ev ON ev.notification_id = i.notification_id
), nt AS (
  INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, updated_at)
  SELECT notification_id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, now() FROM created
), le AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), c.tenant_id, decode(u.sr, 'hex')
    FROM unnest($18::int[], $19::text[], $20::timestamptz[], $21::jsonb[], $22::text[], $23::text[]) WITH ORDINALITY AS u(event_ord, t, o, b, s, sr, ord)
    JOIN created c ON c.ord = u.event_ord
   ORDER BY u.ord
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT notification_id, tenant_id, request_id FROM created WHERE owes_send
)
SELECT notification_id::text AS notification_id FROM ev`;

const rankOf = (column: string) => `CASE ${column} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
const CURRENT_RANK = `CASE n.delivery_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END`;

export const RECORD_STATUSES_POSITIONAL = `
WITH x AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::uuid[])
         WITH ORDINALITY AS x(wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, ord)
), s AS (
  INSERT INTO message_statuses (wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, recorded_at)
  SELECT x.wamid, x.status, x.tenant_id, x.callback_data, x.occurred_at, x.payload, x.notification_id,
         CASE WHEN x.notification_id IS NULL THEN NULL ELSE now() END
    FROM x ORDER BY x.ord
  ON CONFLICT (wamid, status, tenant_id) DO NOTHING
  RETURNING wamid, status, tenant_id
), k AS (
  SELECT x.* FROM x JOIN s ON s.wamid = x.wamid AND s.status = x.status AND s.tenant_id = x.tenant_id WHERE x.notification_id IS NOT NULL
), l AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
    FROM unnest($8::text[], $9::timestamptz[], $10::jsonb[], $11::text[], $12::uuid[], $13::text[], $14::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)
    JOIN k ON k.ord = u.ref
   ORDER BY u.ord
), d AS (
  UPDATE notifications n SET delivery_status = f.status, updated_at = now()
    FROM (SELECT DISTINCT ON (k.notification_id) k.notification_id AS id, k.status FROM k ORDER BY k.notification_id, ${rankOf('k.status')} DESC) f
   WHERE n.id = f.id AND ${CURRENT_RANK} < ${rankOf('f.status')}
)
SELECT wamid, status, tenant_id FROM s`;

// --- (c) typed `sql` template over pg: named parameters, compiled once, named prepared statement ---

// Both typed statements are written here as the repositories had them when the layers were chosen
// (the repositories have since moved their ledger insert to LedgerAppender: ledger-append.bench.ts).
export const RECORD_INTAKES_TYPED = statement<IntakeColumns, { notification_id: string }>(
  'bench-typed-record-intakes',
  (p) => sql`
WITH input AS (
  SELECT * FROM unnest(${p.tenantId}::uuid[], ${p.eventId}::text[], ${p.eventType}::text[], ${p.requestHash}::text[], ${p.occurredAt}::timestamptz[],
                       ${p.payload}::jsonb[], ${p.notificationId}::uuid[], ${p.decision}::text[], ${p.reason}::text[], ${p.templateName}::text[],
                       ${p.language}::text[], ${p.category}::text[], ${p.recipient}::text[], ${p.parameters}::jsonb[], ${p.status}::text[],
                       ${p.owesSend}::boolean[], ${p.requestId}::text[])
         WITH ORDINALITY AS i(tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id, decision, reason,
                              template_name, language, category, recipient, parameters, status, owes_send, request_id, ord)
), ev AS (
  INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
  SELECT tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id FROM input ORDER BY tenant_id, event_id
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING notification_id
), created AS (
  SELECT i.* FROM input i JOIN ev ON ev.notification_id = i.notification_id
), nt AS (
  INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, updated_at)
  SELECT notification_id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, now() FROM created
), le AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), c.tenant_id, decode(u.sr, 'hex')
    FROM unnest(${p.entryEvent}::int[], ${p.entryType}::text[], ${p.entryOccurredAt}::timestamptz[], ${p.entryBody}::jsonb[],
                ${p.entrySalt}::text[], ${p.entrySubject}::text[]) WITH ORDINALITY AS u(event_ord, t, o, b, s, sr, ord)
    JOIN created c ON c.ord = u.event_ord
   ORDER BY u.ord
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT notification_id, tenant_id, request_id FROM created WHERE owes_send
)
SELECT notification_id::text AS notification_id FROM ev`,
);

export const RECORD_STATUSES_TYPED = statement<StatusColumns, { wamid: string; status: string; tenant_id: string }>(
  'bench-typed-record-statuses',
  (p) => sql`
WITH x AS (
  SELECT * FROM unnest(${p.wamid}::text[], ${p.status}::text[], ${p.tenantId}::uuid[], ${p.callbackData}::text[], ${p.occurredAt}::timestamptz[],
                       ${p.payload}::jsonb[], ${p.notificationId}::uuid[])
         WITH ORDINALITY AS x(wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, ord)
), s AS (
  INSERT INTO message_statuses (wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, recorded_at)
  SELECT x.wamid, x.status, x.tenant_id, x.callback_data, x.occurred_at, x.payload, x.notification_id,
         CASE WHEN x.notification_id IS NULL THEN NULL ELSE now() END
    FROM x ORDER BY x.ord
  ON CONFLICT (wamid, status, tenant_id) DO NOTHING
  RETURNING wamid, status, tenant_id
), k AS (
  SELECT x.* FROM x JOIN s ON s.wamid = x.wamid AND s.status = x.status AND s.tenant_id = x.tenant_id WHERE x.notification_id IS NOT NULL
), l AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
    FROM unnest(${p.entryType}::text[], ${p.entryOccurredAt}::timestamptz[], ${p.entryBody}::jsonb[], ${p.entrySalt}::text[],
                ${p.entryTenant}::uuid[], ${p.entrySubject}::text[], ${p.entryRef}::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)
    JOIN k ON k.ord = u.ref
   ORDER BY u.ord
), d AS (
  UPDATE notifications n SET delivery_status = f.status, updated_at = now()
    FROM (SELECT DISTINCT ON (k.notification_id) k.notification_id AS id, k.status FROM k ORDER BY k.notification_id, ${verbatim(rankOf('k.status'))} DESC) f
   WHERE n.id = f.id AND ${verbatim(CURRENT_RANK)} < ${verbatim(rankOf('f.status'))}
)
SELECT wamid, status, tenant_id FROM s`,
);

// --- (a) Kysely over the same pool: the query built and compiled on each call ---------------------

type IntakeInput = {
  tenant_id: string;
  event_id: string;
  type: string;
  request_hash: string;
  occurred_at: Date;
  payload: unknown;
  notification_id: string;
  decision: string;
  reason: string | null;
  template_name: string | null;
  language: string | null;
  category: string | null;
  recipient: string;
  parameters: unknown;
  status: string;
  owes_send: boolean;
  request_id: string | null;
  ord: number;
};

export function kyselyRecordIntakes(db: Kysely<DB>, c: IntakeColumns) {
  return db
    .with(
      'input',
      () => ksql<IntakeInput>`(SELECT * FROM unnest(${c.tenantId}::uuid[], ${c.eventId}::text[], ${c.eventType}::text[], ${c.requestHash}::text[],
        ${c.occurredAt}::timestamptz[], ${c.payload}::jsonb[], ${c.notificationId}::uuid[], ${c.decision}::text[], ${c.reason}::text[],
        ${c.templateName}::text[], ${c.language}::text[], ${c.category}::text[], ${c.recipient}::text[], ${c.parameters}::jsonb[],
        ${c.status}::text[], ${c.owesSend}::boolean[], ${c.requestId}::text[])
        WITH ORDINALITY AS i(tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id, decision, reason,
                             template_name, language, category, recipient, parameters, status, owes_send, request_id, ord))`,
    )
    .with('ev', (qb) =>
      qb
        .insertInto('events')
        .columns(['tenant_id', 'event_id', 'type', 'request_hash', 'occurred_at', 'payload', 'notification_id'])
        .expression((eb) =>
          eb
            .selectFrom('input')
            .select(['tenant_id', 'event_id', 'type', 'request_hash', 'occurred_at', 'payload', 'notification_id'])
            .orderBy('tenant_id')
            .orderBy('event_id'),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
        .returning('notification_id'),
    )
    .with('created', (qb) => qb.selectFrom('input as i').innerJoin('ev', 'ev.notification_id', 'i.notification_id').selectAll('i'))
    .with('nt', (qb) =>
      qb
        .insertInto('notifications')
        .columns([
          'id',
          'tenant_id',
          'event_id',
          'decision',
          'reason',
          'template_name',
          'language',
          'category',
          'recipient',
          'parameters',
          'status',
          'updated_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('created')
            .select([
              'notification_id',
              'tenant_id',
              'event_id',
              'decision',
              'reason',
              'template_name',
              'language',
              'category',
              'recipient',
              'parameters',
              'status',
            ])
            .select(ksql<Date>`now()`.as('updated_at')),
        ),
    )
    .with('le', (qb) =>
      qb
        .insertInto('ledger_entries')
        .columns(['type', 'occurred_at', 'body', 'salt', 'tenant_id', 'subject_ref'])
        .expression(
          ksql`SELECT u.t, u.o, u.b, decode(u.s, 'hex'), c.tenant_id, decode(u.sr, 'hex')
                 FROM unnest(${c.entryEvent}::int[], ${c.entryType}::text[], ${c.entryOccurredAt}::timestamptz[], ${c.entryBody}::jsonb[],
                             ${c.entrySalt}::text[], ${c.entrySubject}::text[]) WITH ORDINALITY AS u(event_ord, t, o, b, s, sr, ord)
                 JOIN created c ON c.ord = u.event_ord ORDER BY u.ord`,
        ),
    )
    .with('ob', (qb) =>
      qb
        .insertInto('outbox')
        .columns(['notification_id', 'tenant_id', 'request_id'])
        .expression((eb) => eb.selectFrom('created').select(['notification_id', 'tenant_id', 'request_id']).where('owes_send', '=', true)),
    )
    .selectFrom('ev')
    .select(ksql<string>`notification_id::text`.as('notification_id'));
}

type StatusInput = {
  wamid: string;
  status: string;
  tenant_id: string;
  callback_data: string | null;
  occurred_at: Date;
  payload: unknown;
  notification_id: string | null;
  ord: number;
};

export function kyselyRecordStatuses(db: Kysely<DB>, c: StatusColumns) {
  return db
    .with(
      'x',
      () => ksql<StatusInput>`(SELECT * FROM unnest(${c.wamid}::text[], ${c.status}::text[], ${c.tenantId}::uuid[], ${c.callbackData}::text[],
        ${c.occurredAt}::timestamptz[], ${c.payload}::jsonb[], ${c.notificationId}::uuid[])
        WITH ORDINALITY AS x(wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, ord))`,
    )
    .with('s', (qb) =>
      qb
        .insertInto('message_statuses')
        .columns(['wamid', 'status', 'tenant_id', 'callback_data', 'occurred_at', 'payload', 'notification_id', 'recorded_at'])
        .expression((eb) =>
          eb
            .selectFrom('x')
            .select(['x.wamid', 'x.status', 'x.tenant_id', 'x.callback_data', 'x.occurred_at', 'x.payload', 'x.notification_id'])
            .select(ksql<Date | null>`CASE WHEN x.notification_id IS NULL THEN NULL ELSE now() END`.as('recorded_at'))
            .orderBy('x.ord'),
        )
        .onConflict((oc) => oc.columns(['wamid', 'status', 'tenant_id']).doNothing())
        .returning(['wamid', 'status', 'tenant_id']),
    )
    .with('k', (qb) =>
      qb
        .selectFrom('x')
        .innerJoin('s', (join) => join.onRef('s.wamid', '=', 'x.wamid').onRef('s.status', '=', 'x.status').onRef('s.tenant_id', '=', 'x.tenant_id'))
        .selectAll('x')
        .where('x.notification_id', 'is not', null),
    )
    .with('l', (qb) =>
      qb
        .insertInto('ledger_entries')
        .columns(['type', 'occurred_at', 'body', 'salt', 'tenant_id', 'subject_ref'])
        .expression(
          ksql`SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
                 FROM unnest(${c.entryType}::text[], ${c.entryOccurredAt}::timestamptz[], ${c.entryBody}::jsonb[], ${c.entrySalt}::text[],
                             ${c.entryTenant}::uuid[], ${c.entrySubject}::text[], ${c.entryRef}::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)
                 JOIN k ON k.ord = u.ref ORDER BY u.ord`,
        ),
    )
    .with('d', (qb) =>
      qb
        .updateTable('notifications as n')
        .from(
          ksql`(SELECT DISTINCT ON (k.notification_id) k.notification_id AS id, k.status FROM k ORDER BY k.notification_id, ${ksql.raw(rankOf('k.status'))} DESC)`.as(
            'f',
          ),
        )
        .set({ delivery_status: ksql`f.status`, updated_at: ksql`now()` })
        .where(ksql<boolean>`n.id = f.id AND ${ksql.raw(CURRENT_RANK)} < ${ksql.raw(rankOf('f.status'))}`),
    )
    .selectFrom('s')
    .select(['wamid', 'status', 'tenant_id']);
}
