// The console bench's data: one shop's notifications over 30 days with their events, and five
// ledger entries per notification (event received, decision, submission, two statuses), already
// sequenced, plus a second shop's, so the tenant filter has someone else's rows to skip. Written by
// set-based SQL: a million entries take a minute, not the sequencer's hour of real sends.
import pg from 'pg';

export const BENCH_TENANT = '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b';
export const OTHER_TENANT = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
/** Entries per notification written by seedConsoleData. */
export const ENTRIES_PER_NOTIFICATION = 5;

export async function seedConsoleData(db: pg.Client, notifications: number, say: (line: string) => void): Promise<void> {
  await db.query(
    `INSERT INTO tenants (id, name, phone_number_id, waba_id, provider_base_url, provider_token)
     VALUES ($1, 'Negozio bench', '100000000000001', '200000000000001', 'https://graph.facebook.com', 'bench-token'),
            ($2, 'Altro negozio', '100000000000002', '200000000000002', 'https://graph.facebook.com', 'bench-token-2')`,
    [BENCH_TENANT, OTHER_TENANT],
  );
  const other = Math.floor(notifications / 4);
  for (const [tenant, n, prefix] of [
    [BENCH_TENANT, notifications, 'b'],
    [OTHER_TENANT, other, 'o'],
  ] as const) {
    say(`${n} notifications and events of tenant ${prefix}`);
    // 1 in 10 refused (by one of three reasons), 1 in 50 failed, the rest sent/delivered/read;
    // 20,000 recipients; created over the last 30 days.
    await db.query(
      `WITH g AS (
         SELECT g, md5($3 || g)::uuid AS id, $3 || '-evt-' || g AS event_id, now() - (g::double precision / $2) * interval '30 days' AS at,
                '+39333' || lpad((g % 20000)::text, 7, '0') AS phone
           FROM generate_series(1, $2) AS g
       ), e AS (
         INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, received_at, payload, notification_id)
         SELECT $1::uuid, event_id, CASE WHEN g % 10 = 0 THEN 'cart.abandoned' ELSE 'order.status_changed' END, md5(event_id), at, at,
                jsonb_build_object('recipient', jsonb_build_object('userId', 'u' || g, 'phone', phone), 'data', jsonb_build_object('documentCode', 'ORD-' || g, 'firstName', 'Cliente')),
                id
           FROM g
       )
       INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, status, wamid, delivery_status, created_at, updated_at)
       SELECT id, $1::uuid, event_id,
              CASE WHEN g % 10 = 0 THEN 'SKIP' ELSE 'SEND' END,
              CASE WHEN g % 10 = 0 THEN (ARRAY['NO_BINDING', 'NO_MARKETING_CONSENT', 'OPTED_OUT'])[1 + (g / 10) % 3] END,
              'order_status_update', 'it', 'UTILITY', phone,
              CASE WHEN g % 10 = 0 THEN 'SKIPPED' WHEN g % 50 = 1 THEN 'FAILED' ELSE 'SUBMITTED' END,
              CASE WHEN g % 10 = 0 OR g % 50 = 1 THEN NULL ELSE 'wamid.' || $3 || g END,
              CASE WHEN g % 10 = 0 OR g % 50 = 1 THEN NULL ELSE (ARRAY['sent', 'delivered', 'read', 'read'])[1 + g % 4] END,
              at, at
         FROM g`,
      [tenant, n, prefix],
    );
  }
  say(`${(notifications + other) * ENTRIES_PER_NOTIFICATION} ledger entries`);
  await db.query(
    `INSERT INTO ledger_entries (seq, type, occurred_at, recorded_at, sequenced_at, body, salt, leaf_hash, tenant_id)
     SELECT row_number() OVER (ORDER BY n.created_at, n.id, k) - 1,
            (ARRAY['event.received', 'notification.decided', 'message.submitted', 'message.status', 'message.status'])[k],
            n.created_at, n.created_at, n.created_at,
            CASE k
              WHEN 1 THEN jsonb_build_object('tenantId', n.tenant_id, 'eventId', n.event_id, 'eventType', 'order.status_changed', 'occurredAt', n.created_at)
              WHEN 2 THEN jsonb_build_object('tenantId', n.tenant_id, 'eventId', n.event_id, 'notificationId', n.id, 'decision', n.decision, 'reason', n.reason,
                                             'template', jsonb_build_object('name', 'order_status_update', 'language', 'it', 'category', 'UTILITY', 'status', 'APPROVED'))
              WHEN 3 THEN jsonb_build_object('tenantId', n.tenant_id, 'eventId', n.event_id, 'notificationId', n.id, 'attempt', 1)
              ELSE jsonb_build_object('tenantId', n.tenant_id, 'eventId', n.event_id, 'notificationId', n.id, 'status', CASE k WHEN 4 THEN 'sent' ELSE 'delivered' END,
                                      'statusObject', jsonb_build_object('pricing', jsonb_build_object('category', 'utility')))
            END,
            decode(md5(random()::text) || md5(random()::text), 'hex'), decode(md5(random()::text) || md5(random()::text), 'hex'), n.tenant_id
       FROM notifications n CROSS JOIN generate_series(1, ${ENTRIES_PER_NOTIFICATION}) AS k`,
  );
  const { rows } = await db.query<{ size: string }>('SELECT (max(seq) + 1)::text AS size FROM ledger_entries');
  await db.query(
    `INSERT INTO anchors (chain_id, contract, tree_size, root, previous_size, tx_hash, status, block_number, confirmed_at)
     VALUES (31337, $1, $2, decode(md5('root') || md5('root'), 'hex'), 0, '0x' || md5('tx') || md5('tx'), 'CONFIRMED', 1234, now())`,
    ['0x' + '0'.repeat(40), rows[0].size],
  );
  say('VACUUM ANALYZE');
  await db.query('VACUUM ANALYZE');
}
