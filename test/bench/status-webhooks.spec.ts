import { parseMetaWebhook } from '#sigillo/whatsapp';
import { verifyHubSignature } from '#sigillo/webhooks';
import { statusWebhooks, type SentMessage } from './status-webhooks.js';

const message = (i: number): SentMessage => ({
  notificationId: `n-${i}`,
  wamid: `wamid.${i}`,
  recipient: `+39333000${String(i).padStart(4, '0')}`,
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
});

describe('statusWebhooks (the bench posting Meta status webhooks)', () => {
  it('posts three statuses per message, each signed as the api checks it and read as the worker reads it', () => {
    const hooks = statusWebhooks([message(1)], 'secret', new Date(1763719200_000));
    expect(hooks).toHaveLength(3);
    const parsed = hooks.map((h) => {
      expect(verifyHubSignature(Buffer.from(h.body), h.signature, ['secret'])).toBe(true);
      expect(verifyHubSignature(Buffer.from(h.body), h.signature, ['other'])).toBe(false);
      return parseMetaWebhook(JSON.parse(h.body)).statuses;
    });
    expect(parsed.map((s) => s.map((x) => [x.wamid, x.status, x.recipientId, x.callbackData, x.phoneNumberId, x.occurredAt.getTime()]))).toEqual([
      [['wamid.1', 'sent', '393330000001', 'n-1', '100000000000001', 1763719200_000]],
      [['wamid.1', 'delivered', '393330000001', 'n-1', '100000000000001', 1763719200_000]],
      [['wamid.1', 'read', '393330000001', 'n-1', '100000000000001', 1763719200_000]],
    ]);
  });

  it('sends a block of messages a wave at a time: every sent, then every delivered, then every read', () => {
    const messages = Array.from({ length: 1200 }, (_, i) => message(i));
    const statuses = statusWebhooks(messages, 'secret').map((h) => parseMetaWebhook(JSON.parse(h.body)).statuses[0]);
    expect(statuses).toHaveLength(3600);
    const waves = (from: number, to: number) => [...new Set(statuses.slice(from, to).map((s) => s.status))];
    expect([waves(0, 500), waves(500, 1000), waves(1000, 1500)]).toEqual([['sent'], ['delivered'], ['read']]);
    expect(waves(3000, 3200)).toEqual(['sent']);
    // Every message gets each of its three statuses exactly once.
    const seen = new Map<string, string[]>();
    for (const s of statuses) seen.set(s.wamid, [...(seen.get(s.wamid) ?? []), s.status]);
    expect(seen.size).toBe(1200);
    expect([...seen.values()].every((x) => x.join() === 'sent,delivered,read')).toBe(true);
  });
});
