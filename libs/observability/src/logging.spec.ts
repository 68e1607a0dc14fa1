import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { logParams, PRETTY_TRANSPORT, routeOf } from './logging.js';

describe('logParams', () => {
  it('redacts secret headers from anything that logs them', () => {
    const lines: string[] = [];
    const params = logParams('info', { write: (line: string) => void lines.push(line) }).pinoHttp as [pino.LoggerOptions, pino.DestinationStream];
    const logger = pino(params[0], params[1]);
    logger.info({ req: { headers: { authorization: 'Bearer sk_passweb_secret', cookie: 'sigillo_admin_key=sk_admin_secret' } } }, 'x');
    logger.info({ headers: { 'x-hub-signature-256': 'sha256=abc' } }, 'y');
    const text = lines.join('');
    expect(text).not.toMatch(/sk_passweb_secret|sk_admin_secret|sha256=abc/);
    expect(text).toContain('[redacted]');
  });
});

describe('log format', () => {
  it('is JSON unless pretty is asked for, and JSON to a given destination whatever the format', () => {
    const sink = { write: () => undefined };
    expect(logParams('info').pinoHttp).not.toHaveProperty('transport');
    expect(logParams('info', undefined, 'pretty').pinoHttp).toHaveProperty('transport', PRETTY_TRANSPORT);
    const [options, destination] = logParams('info', sink, 'pretty').pinoHttp as [pino.LoggerOptions, pino.DestinationStream];
    expect(options).not.toHaveProperty('transport');
    expect(destination).toBe(sink);
  });

  it('pretty: one line with the time, level, Nest context and message, then the other fields', () => {
    const format = prettyFactory({ ...PRETTY_TRANSPORT.options, colorize: false });
    const line = format(
      JSON.stringify({
        level: 30,
        time: Date.UTC(2026, 0, 2, 3, 4, 5),
        pid: 1,
        hostname: 'h',
        context: 'SequencerService',
        requestId: 'r-1',
        msg: 'sequencing from seq 0',
      }),
    );
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: SequencerService: sequencing from seq 0 \{"requestId":"r-1"\}\n$/);
  });
});

describe('routeOf', () => {
  it('names the matched pattern, never the path', () => {
    expect(routeOf({ route: { path: '/v1/contacts/:phone' }, baseUrl: '', url: '/v1/contacts/%2B393330000001' } as never)).toBe('/v1/contacts/:phone');
    expect(routeOf({ route: { path: '/api/queues' }, baseUrl: '/admin/queues' } as never)).toBe('/admin/queues/api/queues');
    expect(routeOf({ baseUrl: '/admin/queues', url: '/static/x.js' } as never)).toBe('/admin/queues/*');
    expect(routeOf({ url: '/v1/nothing/393330000001' } as never)).toBe('(unmatched)');
  });
});
