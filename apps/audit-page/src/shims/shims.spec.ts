// The browser shims must behave exactly like the Node APIs they stand in for, for every call the
// ledger library makes: then the page's verdicts are the CLI's.
import * as nodeCrypto from 'node:crypto';
import { Buffer as ShimBufferFactory } from './buffer.js';
import * as shim from './node-crypto.js';
import { isUint8Array } from './node-util-types.js';

const random = (n: number) => new Uint8Array(nodeCrypto.randomBytes(n));
const ED25519_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('node:crypto shim', () => {
  it('hashes like node:crypto: createHash over several parts and the one-shot hash, digest as latin1 and bytes', () => {
    for (let n = 0; n < 300; n += 7) {
      const parts = [random(n), random(n % 5), random(33)];
      const expected = nodeCrypto.createHash('sha256');
      const actual = shim.createHash('sha256');
      for (const p of parts) {
        expected.update(p);
        actual.update(p);
      }
      expect(actual.digest('binary')).toBe(expected.digest('binary'));
      expect(shim.hash('sha256', parts[0], 'binary')).toBe(nodeCrypto.hash('sha256', parts[0], 'binary'));
      expect(shim.hash('sha256', parts[0], 'hex')).toBe(nodeCrypto.hash('sha256', parts[0], 'hex'));
    }
    expect(() => shim.createHash('sha512')).toThrow(/only sha256/);
  });

  it('verifies Ed25519 like node:crypto: genuine, altered message or signature, other key, non-canonical S', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ed25519');
    const other = nodeCrypto.generateKeyPairSync('ed25519').publicKey;
    const spki = (k: nodeCrypto.KeyObject) => new Uint8Array(k.export({ format: 'der', type: 'spki' }));
    const shimKey = shim.createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' });
    const shimOther = shim.createPublicKey({ key: spki(other), format: 'der', type: 'spki' });
    for (let n = 0; n < 20; n++) {
      const message = random(n * 13);
      const signature = new Uint8Array(nodeCrypto.sign(null, message, privateKey));
      const altered = signature.slice();
      altered[n % 64] ^= 1;
      const otherMessage = random(n * 13 + 1);
      // S + L: the same signature mathematically, refused by RFC 8032 (and OpenSSL) as non-canonical.
      const s = BigInt(`0x${Buffer.from(signature.slice(32)).reverse().toString('hex')}`) + ED25519_ORDER;
      const malleable = new Uint8Array([...signature.slice(0, 32), ...Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse()]);
      const cases: [Uint8Array, Uint8Array, nodeCrypto.KeyObject, shim.KeyObject][] = [
        [message, signature, publicKey, shimKey],
        [message, altered, publicKey, shimKey],
        [otherMessage, signature, publicKey, shimKey],
        [message, signature, other, shimOther],
        [message, malleable, publicKey, shimKey],
      ];
      for (const [m, sig, key, sk] of cases) expect(shim.verify(null, m, sk, sig)).toBe(nodeCrypto.verify(null, m, key, sig));
    }
  });

  it('imports only Ed25519 SPKI keys and refuses to sign', () => {
    expect(() => shim.createPublicKey({ key: random(44), format: 'der', type: 'spki' })).toThrow(/not an Ed25519 SPKI/);
    expect(() => shim.createPrivateKey()).toThrow(/not available in the audit page/);
    expect(() => shim.sign()).toThrow(/not available in the audit page/);
    expect(shim.randomBytes(70000)).toHaveLength(70000);
  });
});

describe('Buffer shim', () => {
  it('encodes and decodes hex, base64 and latin1 like Node, and views memory like Buffer.from(arrayBuffer, offset, length)', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = random(n);
      const hex = Buffer.from(bytes).toString('hex');
      const b64 = Buffer.from(bytes).toString('base64');
      expect(ShimBufferFactory.from(bytes).toString('hex')).toBe(hex);
      expect(ShimBufferFactory.from(bytes).toString('base64')).toBe(b64);
      expect(ShimBufferFactory.from(bytes).toString('latin1')).toBe(Buffer.from(bytes).toString('latin1'));
      expect([...ShimBufferFactory.from(hex, 'hex')]).toEqual([...bytes]);
      expect([...ShimBufferFactory.from(b64, 'base64')]).toEqual([...bytes]);
    }
    const backing = random(16);
    const view = ShimBufferFactory.from(backing.buffer, 4, 8);
    expect([...view]).toEqual([...backing.slice(4, 12)]);
    backing[4] ^= 0xff;
    expect(view[0]).toBe(backing[4]);
    expect(ShimBufferFactory.from('àé€', 'utf8').toString('utf8')).toBe('àé€');
  });

  it('isUint8Array: true for Uint8Arrays and the shim, false for other views and values', () => {
    expect(isUint8Array(new Uint8Array(2))).toBe(true);
    expect(isUint8Array(ShimBufferFactory.from('00', 'hex'))).toBe(true);
    expect(isUint8Array(new Uint16Array(2))).toBe(false);
    expect(isUint8Array(new DataView(new ArrayBuffer(2)))).toBe(false);
    expect(isUint8Array([1, 2])).toBe(false);
  });
});
