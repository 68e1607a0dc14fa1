let counter = 0;

/** A `message.sent` event as Passweb posts it, with a unique id and recipient each call. */
export function benchEvent(): string {
  const n = counter++;
  return JSON.stringify({
    id: `bench-${process.pid}-${n}`,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    // A different recipient each time: Meta's 6 s pair limit would otherwise pace the sends.
    recipient: { userId: `u${n}`, phone: `+39333${String(1_000_000 + (n % 8_999_999)).padStart(7, '0')}`, language: 'it' },
    data: { firstName: 'Giulia', messageSubject: `Ordine ${n}`, messageText: 'Il tuo preventivo è pronto', siteUrl: 'https://shop.example/area' },
  });
}
