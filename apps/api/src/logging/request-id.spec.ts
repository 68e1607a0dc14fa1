import { requestIdFrom } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it("keeps a caller's plain token", () => {
    expect(requestIdFrom('shop-42:req.7_a-b')).toBe('shop-42:req.7_a-b');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it('replaces a missing, empty, too long or odd one with a UUID', () => {
    for (const given of [undefined, '', 'x'.repeat(129), 'has space', '+393330000001', 'a\nb', '<script>']) {
      expect(requestIdFrom(given)).toMatch(UUID);
    }
  });
});
