import pg from 'pg';
import type { DestinationStream } from 'pino';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Every inbound message type the simulator emits as Meta shapes it reaches inbound_messages
 * through the api and the worker; the user's own messages open the window, a system notice does
 * not; a "Stop promotions" quick reply opts out of marketing (issue 15).
 */
let stack: LedgerStack;
let db: pg.Client;
let n = 0;
const lines: string[] = [];
const capture: DestinationStream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) };
const phone = () => `+39334${String(5_000_000 + n++).padStart(7, '0')}`;

async function inbound(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${stack.simulator!.url}/_sim/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  stack = await LedgerStack.start({ LOG_LEVEL: 'debug' }, { simulator: { statusDelaysMs: [20, 40, 60] }, logDestination: capture });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('inbound message types through the simulator', () => {
  it.each([
    ['button', { type: 'button', text: 'Grazie', replyTo: 'wamid.ctx1' }, 'button'],
    ['button_reply', { type: 'button_reply', text: 'Conferma', replyTo: 'wamid.ctx2' }, 'interactive'],
    ['list_reply', { type: 'list_reply', text: 'Ritiro in negozio', replyTo: 'wamid.ctx3' }, 'interactive'],
    ['reaction', { type: 'reaction', emoji: '👍', replyTo: 'wamid.ctx4' }, 'reaction'],
    ['image', { type: 'image', text: 'lo scontrino' }, 'image'],
    ['unsupported', { type: 'unsupported' }, 'unsupported'],
  ])('%s is recorded and opens the customer-service window', async (_label, body, type) => {
    const to = phone();
    const id = await inbound({ from: to.slice(1), ...body });
    await waitFor(`the ${type} message recorded`, async () => (await db.query('SELECT 1 FROM inbound_messages WHERE message_id = $1', [id])).rowCount === 1);
    const { rows } = await db.query('SELECT type, phone FROM inbound_messages WHERE message_id = $1', [id]);
    expect(rows[0]).toEqual({ type, phone: to });
    expect((await db.query('SELECT 1 FROM customer_windows WHERE phone = $1', [to])).rowCount).toBe(1);
    expect((await db.query('SELECT 1 FROM consents WHERE phone = $1', [to])).rowCount).toBe(0);
  });

  it('a system message (the user changed number) is recorded without opening the window, and neither number is logged', async () => {
    const to = phone();
    const newNumber = phone();
    const id = await inbound({ from: to.slice(1), type: 'system', newNumber: newNumber.slice(1) });
    await waitFor('the system message recorded', async () => (await db.query('SELECT 1 FROM inbound_messages WHERE message_id = $1', [id])).rowCount === 1);
    const { rows } = await db.query('SELECT type, phone, text, text_hash FROM inbound_messages WHERE message_id = $1', [id]);
    expect(rows[0]).toEqual({ type: 'system', phone: to, text: null, text_hash: null });
    expect((await db.query('SELECT 1 FROM customer_windows WHERE phone = $1 OR phone = $2', [to, newNumber])).rowCount).toBe(0);
    await waitFor('the system message logged', async () => lines.some((l) => l.includes('inbound system message user_changed_number')));
    const logs = lines.join('\n');
    expect(logs).not.toContain(newNumber.slice(1));
    expect(logs).not.toContain(to.slice(1));
  });

  it('a "Stop promotions" quick reply opts the user out of marketing', async () => {
    const to = phone();
    await inbound({ from: to.slice(1), type: 'button', text: 'Stop promotions', replyTo: 'wamid.promo' });
    await waitFor(
      'the opt-out recorded',
      async () =>
        (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out' AND category = 'marketing' AND source = 'whatsapp-keyword'", [to]))
          .rowCount === 1,
    );
  });
});
