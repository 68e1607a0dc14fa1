import { checkAssetUrl } from './media-asset.js';

const META = 'https://graph.facebook.com';
const SIM = 'http://127.0.0.1:3100';

describe('checkAssetUrl', () => {
  it('takes an https link on a public host, query included', () => {
    expect(checkAssetUrl('https://cdn.example.it/img/promo.png?v=3', META)).toMatchObject({ ok: true });
  });

  it.each([
    ['http://cdn.example.it/a.png', 'not https'],
    ['https://127.0.0.1/a.png', 'a loopback address'],
    ['https://10.0.0.5/a.png', 'a private address'],
    ['https://169.254.169.254/latest', 'link-local'],
    ['https://localhost/a.png', 'localhost'],
    ['https://intranet/a.png', 'single-label'],
    ['https://user:pw@cdn.example.it/a.png', 'user name or password'],
    ['cdn.example.it/a.png', 'not an absolute URL'],
  ])('refuses %s (%s)', (link, reason) => {
    const check = checkAssetUrl(link, META);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it("takes any link on the tenant's own provider origin (the simulator over http), and only that origin", () => {
    expect(checkAssetUrl(`${SIM}/_sim/assets/promo.png`, SIM)).toMatchObject({ ok: true });
    expect(checkAssetUrl('http://127.0.0.1:3101/promo.png', SIM)).toMatchObject({ ok: false });
  });
});
