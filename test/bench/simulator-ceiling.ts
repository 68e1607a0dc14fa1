// The simulator's own ceiling: template sends POSTed straight at it, its throughput cap lifted and
// no webhook URL, as in the drains. The worker's sends/s are judged as a fraction of it: the
// simulator shares the machine's two cores with the pipeline, so its pace bounds the drains.
import autocannon from 'autocannon';

export interface SimulatorCeilingOptions {
  simulatorUrl: string;
  phoneNumberId: string;
  accessToken: string;
  connections: number;
  durationS: number;
  runs: number;
  onProgress?: (line: string) => void;
}

/** A send of the bench's template (`reserved_area_message_sent`, two body parameters) to a new number each time. */
export function simulatorSendBody(n: number): string {
  return JSON.stringify({
    messaging_product: 'whatsapp',
    to: `39334${String(1_000_000 + (n % 8_999_999)).padStart(7, '0')}`,
    type: 'template',
    template: {
      name: 'reserved_area_message_sent',
      language: { code: 'it' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Giulia' },
            { type: 'text', text: `Ordine ${n}` },
          ],
        },
      ],
    },
    biz_opaque_callback_data: `ceiling-${n}`,
  });
}

export async function measureSimulatorCeiling(o: SimulatorCeilingOptions): Promise<number[]> {
  const control = (body: unknown) =>
    fetch(`${o.simulatorUrl}/_sim/failure-modes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const before = (await (await fetch(`${o.simulatorUrl}/_sim/failure-modes`)).json()) as { throughputPerSecond: number };
  await control({ throughputPerSecond: 100_000 });
  let n = 0;
  const rates: number[] = [];
  try {
    for (let r = 0; r < o.runs; r++) {
      o.onProgress?.(`simulator alone, run ${r + 1}/${o.runs}`);
      const result = await autocannon({
        url: `${o.simulatorUrl}/v23.0/${o.phoneNumberId}/messages`,
        method: 'POST',
        connections: o.connections,
        duration: o.durationS,
        headers: { authorization: `Bearer ${o.accessToken}`, 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: simulatorSendBody(n++) }) }],
      });
      if (result.non2xx > 0) throw new Error(`simulator ceiling: ${result.non2xx} sends refused`);
      rates.push(result['2xx'] / o.durationS);
    }
  } finally {
    await control({ throughputPerSecond: before.throughputPerSecond });
  }
  return rates;
}
