import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 15 item 8: a template's image header uploaded once through the provider and sent by its
 * media id, through the api, the worker and the simulator; an id Meta refuses (expired) falls back
 * to the link and is uploaded afresh next time; an asset that cannot be fetched goes by link.
 */
let stack: LedgerStack;
let db: pg.Client;
let n = 0;
const phone = () => `+39335${String(6_000_000 + n++).padStart(7, '0')}`;

interface SimMessage {
  to: string;
  components: { type: string; parameters: Record<string, any>[] }[];
}

function cart(to: string) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u-${to}`, phone: to, language: 'it' },
    data: { firstName: 'Sara', lastName: 'Neri', cartTotal: '20.00', cartItemCount: 1, siteUrl: 'https://shop.example/carrello/x1' },
  };
}

async function sendCart(): Promise<Record<string, any>> {
  const to = phone();
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, cart(to));
  expect(res.status).toBe(202);
  expect(res.body.decision).toBe('SEND');
  await waitFor(
    'submitted',
    async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND status = 'SUBMITTED'", [res.body.notificationId])).rowCount === 1,
  );
  const [message] = stack.simulator!.control.messages(to.slice(1)) as unknown as SimMessage[];
  return message.components.find((c) => c.type === 'header')!.parameters[0];
}

async function media(): Promise<{ id: string; mimeType: string; size: number }[]> {
  return (await (await fetch(`${stack.simulator!.url}/_sim/media`)).json()) as { id: string; mimeType: string; size: number }[];
}

beforeAll(async () => {
  stack = await LedgerStack.start({ RECIPIENT_MIN_INTERVAL_MS: '0' }, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  await stack.syncAndBind({
    'cart.abandoned': { ...(DEMO_BINDINGS['cart.abandoned'] as object), media: { link: `${stack.simulator!.url}/_sim/assets/cart.png` } },
  });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('media headers by uploaded id', () => {
  it('two sends of an image-header template upload once and both carry the same id', async () => {
    const first = await sendCart();
    const second = await sendCart();
    const uploads = await media();
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ mimeType: 'image/png' });
    expect(uploads[0].size).toBeGreaterThan(0);
    expect(first).toEqual({ type: 'image', image: { id: uploads[0].id } });
    expect(second).toEqual(first);
    const { rows } = await db.query('SELECT media_id, expires_at - uploaded_at AS lifetime FROM media_uploads');
    expect(rows).toHaveLength(1);
    expect(rows[0].media_id).toBe(uploads[0].id);
    expect(rows[0].lifetime.days).toBe(30);
  });

  it('an id Meta refuses (expired) is sent by link instead, and the next send uploads afresh', async () => {
    const [old] = await media();
    await fetch(`${stack.simulator!.url}/_sim/media/${old.id}/expire`, { method: 'POST' });
    const refused = await sendCart();
    expect(refused).toEqual({ type: 'image', image: { link: `${stack.simulator!.url}/_sim/assets/cart.png` } });
    const fresh = await sendCart();
    const uploads = await media();
    expect(uploads).toHaveLength(2);
    expect(fresh).toEqual({ type: 'image', image: { id: uploads[1].id } });
    expect(uploads[1].id).not.toBe(old.id);
  });

  it('an asset that cannot be fetched goes by link, without failing the send', async () => {
    const link = `${stack.simulator!.url}/_sim/assets/missing.jpg`;
    await stack.syncAndBind({ 'cart.abandoned': { ...(DEMO_BINDINGS['cart.abandoned'] as object), media: { link } } });
    expect(await sendCart()).toEqual({ type: 'image', image: { link } });
    const { rows } = await db.query('SELECT media_id, failed_at FROM media_uploads WHERE source_url = $1', [link]);
    expect(rows[0].media_id).toBeNull();
    expect(rows[0].failed_at).not.toBeNull();
    expect(await media()).toHaveLength(2);
  });
});
