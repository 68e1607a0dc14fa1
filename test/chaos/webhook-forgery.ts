// Cross-tenant webhook forgery under load (issue 13): a second tenant shares the demo tenant's
// WhatsApp Business Account with a number of its own and sends nothing. While the load runs,
// deliveries signed with the deployment's app secret name that second number and the first
// tenant's wamids (as "failed") and notification ids (as biz_opaque_callback_data). At the end
// none of them may have changed anything: every forged part refused with its reason, no status
// stored for the second tenant, and the first tenant's failed statuses exactly the simulator's.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { callbackDataFor } from '#sigillo/notifications';
import { hubSignature } from '#sigillo/webhooks';
import type { SimMessage } from './pipeline-check.js';

const FORGED_PHONE_NUMBER_ID = '100000000000666';
const EVERY_MS = 250;
const WAMIDS_PER_DELIVERY = 10;

export interface WebhookForgery {
  /** After the run settled: a finding for anything a forgery changed, and a note of what was tried. */
  check(simulatorMessages: SimMessage[], findings: string[], notes: string[]): Promise<void>;
}

/** Creates the second tenant and forges deliveries while the load runs (`loadProgress` below 1). */
export async function startWebhookForgery(
  db: pg.Pool,
  apiUrls: string[],
  appSecret: string,
  victimTenantId: string,
  loadProgress: () => number,
): Promise<WebhookForgery> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tenants (id, name, phone_number_id, waba_id, provider_base_url, graph_version, provider_token)
     SELECT gen_random_uuid(), 'Chaos forger', $2, waba_id, provider_base_url, graph_version, provider_token FROM tenants WHERE id = $1
     RETURNING id::text`,
    [victimTenantId, FORGED_PHONE_NUMBER_ID],
  );
  const forger = rows[0].id;
  const { rows: waba } = await db.query<{ waba_id: string }>('SELECT waba_id FROM tenants WHERE id = $1', [victimTenantId]);
  const forgedWamids = new Set<string>();
  let deliveries = 0;
  let accepted = 0;
  const serverErrors: string[] = [];

  const forgeOnce = async (i: number) => {
    // The victim's messages as they are being sent and delivered: the freshest ones.
    const { rows: victims } = await db.query<{ id: string; wamid: string }>(
      'SELECT id::text, wamid FROM notifications WHERE tenant_id = $1 AND wamid IS NOT NULL ORDER BY updated_at DESC LIMIT $2',
      [victimTenantId, WAMIDS_PER_DELIVERY],
    );
    if (victims.length === 0) return;
    const ts = `${Math.floor(Date.now() / 1000)}`;
    const statuses = victims.flatMap((v) => [
      { id: v.wamid, status: 'failed', timestamp: ts, recipient_id: '393330000000', errors: [{ code: 131026, title: 'Message undeliverable' }] },
      {
        id: `wamid.forged${randomUUID().replace(/-/g, '')}`,
        status: 'sent',
        timestamp: ts,
        recipient_id: '393330000000',
        biz_opaque_callback_data: callbackDataFor(v.id, 1),
      },
    ]);
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: waba[0].waba_id,
          changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: FORGED_PHONE_NUMBER_ID }, statuses } }],
        },
      ],
    });
    deliveries++;
    const res = await fetch(`${apiUrls[i % apiUrls.length]}/v1/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(Buffer.from(body), appSecret) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    if (res.status === 200) {
      accepted++;
      for (const v of victims) forgedWamids.add(v.wamid);
    } else if (res.status === 500) serverErrors.push(`forged webhook answered 500`);
  };
  const loop = (async () => {
    for (let i = 0; loadProgress() < 1; i++) {
      // PostgreSQL down, an api restarting: the forger just tries again later, like the load does.
      await forgeOnce(i).catch(() => undefined);
      await sleep(EVERY_MS);
    }
  })();

  return {
    async check(simulatorMessages, findings, notes) {
      await loop;
      findings.push(...serverErrors);
      const { rows: stored } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM message_statuses WHERE tenant_id = $1', [forger]);
      if (stored[0].n > 0) findings.push(`forgery: ${stored[0].n} statuses stored for the forging tenant`);
      const { rows: refused } = await db.query<{ reason: string; n: number }>(
        'SELECT reason, COUNT(*)::int AS n FROM webhook_rejections WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1',
        [forger],
      );
      const byReason = new Map(refused.map((r) => [r.reason, r.n]));
      // At least one of the victim's wamids and one of its callbacks per forged delivery accepted.
      if (accepted === 0)
        findings.push(`forgery: none of ${deliveries} forged deliveries was accepted (signed with the deployment's secret, they must be, then refused)`);
      if ((byReason.get('wamid-of-another-tenant') ?? 0) < accepted || (byReason.get('callback-of-another-tenant') ?? 0) < accepted) {
        findings.push(`forgery: ${accepted} forged deliveries accepted but refusals recorded ${JSON.stringify(Object.fromEntries(byReason))}`);
      }
      const other = [...byReason.keys()].filter((r) => r !== 'wamid-of-another-tenant' && r !== 'callback-of-another-tenant');
      if (other.length > 0) findings.push(`forgery: refused for unexpected reasons ${other.join(', ')}`);
      // The victim's failed statuses are exactly the simulator's (2% fail on delivery on their own).
      const reallyFailed = new Set(simulatorMessages.filter((m) => m.statuses.includes('failed')).map((m) => m.wamid));
      const { rows: failed } = await db.query<{ wamid: string; delivery_status: string | null; failed_entries: number }>(
        `SELECT n.wamid, n.delivery_status,
                (SELECT COUNT(*)::int FROM ledger_entries l WHERE l.type = 'message.status' AND l.tenant_id = n.tenant_id AND l.body->>'wamid' = n.wamid AND l.body->>'status' = 'failed') AS failed_entries
           FROM notifications n WHERE n.tenant_id = $1 AND n.wamid = ANY($2::text[])`,
        [victimTenantId, [...forgedWamids]],
      );
      const changed = failed.filter((n) => !reallyFailed.has(n.wamid) && (n.delivery_status === 'failed' || n.failed_entries > 0));
      if (changed.length > 0) findings.push(`forgery: ${changed.length} of the victim's messages marked failed by forged statuses, e.g. ${changed[0].wamid}`);
      const forgedEntries = await db.query('SELECT 1 FROM ledger_entries WHERE tenant_id = $1 LIMIT 1', [forger]);
      if (forgedEntries.rowCount) findings.push('forgery: ledger entries written for the forging tenant');
      notes.push(
        `cross-tenant forgery: ${accepted}/${deliveries} forged deliveries accepted (signed), ${forgedWamids.size} of the victim's wamids named; refused parts ${JSON.stringify(Object.fromEntries(byReason))}; victim's messages changed by them: ${changed.length}`,
      );
    },
  };
}
