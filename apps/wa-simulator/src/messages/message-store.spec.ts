import { MessageStore, type AcceptedMessage } from './message-store.js';

function message(
  n: number,
  statuses: AcceptedMessage['statuses'] = ['sent', 'delivered', 'read'],
  droppedStatuses: AcceptedMessage['statuses'] = [],
): AcceptedMessage {
  return {
    wamid: `wamid.${n}`,
    phoneNumberId: '100000000000001',
    to: '393330000000',
    template: { name: 'order_status_update', language: 'it', category: 'UTILITY' },
    components: [],
    bizOpaqueCallbackData: null,
    acceptedAt: '2026-11-22T00:00:00.000Z',
    statuses,
    droppedStatuses,
    errorCode: null,
  };
}

describe('MessageStore', () => {
  it('counts every accepted message and planned status, also past the ones it keeps', () => {
    const store = new MessageStore();
    const total = 110_001; // past the 100,000 kept plus the 10% slack before trimming
    for (let n = 0; n < total; n++) store.add(message(n, n % 2 ? ['sent', 'failed'] : ['sent', 'delivered', 'read']));
    expect(store.list().length).toBe(100_000);
    expect(store.list().at(-1)!.wamid).toBe(`wamid.${total - 1}`);
    expect(store.counts()).toEqual({ messages: total, statuses: 55_001 * 3 + 55_000 * 2 });
  });

  it('counts only the statuses it will POST: dropped ones are seen by no one', () => {
    const store = new MessageStore();
    store.add(message(1, ['sent', 'delivered', 'read'], ['delivered']));
    store.add(message(2, ['sent', 'failed'], ['sent', 'failed']));
    expect(store.counts()).toEqual({ messages: 2, statuses: 2 });
  });

  it('starts counting again after clear', () => {
    const store = new MessageStore();
    store.add(message(1));
    store.clear();
    expect(store.counts()).toEqual({ messages: 0, statuses: 0 });
    store.add(message(2, ['sent']));
    expect(store.counts()).toEqual({ messages: 1, statuses: 1 });
    expect(store.list().map((m) => m.wamid)).toEqual(['wamid.2']);
  });
});
