// The pgbench transaction that stands for one accepted event: the four inserts the api's intake
// makes per event (libs/notifications/src/notification.repository.ts, RECORD_INTAKES) in one
// statement, one event per transaction, on the same tables and indexes, with rows of the same shape
// and size. The api groups concurrent events into one statement (group commit); the ceiling is
// PostgreSQL writing each event on its own.

export interface IntakeSample {
  tenantId: string;
  eventType: string;
  /** The normalised event as the api stores it. */
  payload: object;
  /** Rendered template parameters of the notification. */
  parameters: object;
  /** Bodies of the `event.received` and `notification.decided` entries, without their ids. */
  receivedBody: object;
  decidedBody: object;
}

/**
 * JSON goes in base64: pgbench would read `:name` inside a literal (a time, a URL) as one of its
 * variables. Decoding costs the server far less than the inserts it stands next to.
 */
const json = (value: object) => `convert_from(decode('${Buffer.from(JSON.stringify(value)).toString('base64')}', 'base64'), 'UTF8')::jsonb`;
// 32 random bytes as hex, without needing pgcrypto (the api makes these in Node).
const hex32 = `(md5(random()::text) || md5(random()::text))`;

export function intakeScript(s: IntakeSample): string {
  const tenant = `'${s.tenantId}'::uuid`;
  return `-- one accepted event: event, notification, two ledger entries, outbox row (as RECORD_INTAKES does per event)
\\set req random(1, 2000000000)
WITH ids AS (
  SELECT gen_random_uuid() AS nid, 'pgbench-' || :client_id || '-' || gen_random_uuid()::text AS eid
), ev AS (
  INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
  SELECT ${tenant}, ids.eid, '${s.eventType}', ${hex32}, now(), ${json(s.payload)}, ids.nid FROM ids
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING notification_id, event_id
), nt AS (
  INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, updated_at)
  SELECT ev.notification_id, ${tenant}, ev.event_id, 'SEND', NULL, 'bench_template', 'it', 'UTILITY', '+393331234567', ${json(s.parameters)}, 'QUEUED', now() FROM ev
  RETURNING id
), le AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, now(),
         u.b || CASE u.ord WHEN 1 THEN jsonb_build_object('eventId', ev.event_id)
                           ELSE jsonb_build_object('eventId', ev.event_id, 'notificationId', ev.notification_id) END,
         decode(${hex32}, 'hex'), ${tenant}, decode(${hex32}, 'hex')
    FROM ev, unnest(ARRAY['event.received', 'notification.decided'], ARRAY[${json(s.receivedBody)}, ${json(s.decidedBody)}]) WITH ORDINALITY AS u(t, b, ord)
   ORDER BY u.ord
  RETURNING id
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT ev.notification_id, ${tenant}, 'req-' || :req FROM ev
  RETURNING notification_id
)
SELECT (SELECT count(*) FROM ev)::int AS created;
`;
}

/** The tps pgbench reports, without the initial connection time. */
export function parsePgbenchTps(output: string): number {
  const m = /^tps = ([\d.]+) \(without initial connection time\)/m.exec(output);
  if (!m) throw new Error(`no tps in pgbench output:\n${output.trim().split('\n').slice(-5).join('\n')}`);
  return Number(m[1]);
}
