import { pino } from 'pino';
import { logParams, routeOf } from './logging.js';

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

describe('routeOf', () => {
  it('names the matched pattern, never the path', () => {
    expect(routeOf({ route: { path: '/v1/contacts/:phone' }, baseUrl: '', url: '/v1/contacts/%2B393330000001' } as never)).toBe('/v1/contacts/:phone');
    expect(routeOf({ route: { path: '/api/queues' }, baseUrl: '/admin/queues' } as never)).toBe('/admin/queues/api/queues');
    expect(routeOf({ baseUrl: '/admin/queues', url: '/static/x.js' } as never)).toBe('/admin/queues/*');
    expect(routeOf({ url: '/v1/nothing/393330000001' } as never)).toBe('(unmatched)');
  });
});
