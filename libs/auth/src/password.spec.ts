import { DUMMY_HASH, hashPassword, parseHash, passwordProblem, verifyPassword } from './password.js';

// Small scrypt parameters keep the test fast; the stored string carries them.
const FAST = { N: 1024, r: 8, p: 1 };

describe('staff passwords', () => {
  it('verifies the right password and refuses another', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password here', FAST)).not.toBe(await hashPassword('same password here', FAST));
  });

  it('compares passwords in NFC, so the same text typed differently matches', async () => {
    const stored = await hashPassword('caf\u00e9-password-1', FAST);
    expect(await verifyPassword('cafe\u0301-password-1', stored)).toBe(true);
  });

  it('uses OWASP-level parameters by default', async () => {
    expect(parseHash(await hashPassword('a default password'))?.params).toEqual({ N: 32768, r: 8, p: 1 });
  });

  it('refuses stored strings it did not write, and the dummy hash matches nothing', async () => {
    for (const bad of ['', 'bcrypt$x', 'scrypt$1000$8$1$AA$AA', 'scrypt$1024$8$1$$AA', 'scrypt$1024$8$1$AA$', 'scrypt$0$8$1$AA$AA', 'scrypt$1024$x$1$AA$AA']) {
      expect(parseHash(bad)).toBeNull();
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });

  it('asks 12 to 256 characters of a new password', () => {
    expect(passwordProblem('x'.repeat(12))).toBeNull();
    expect(passwordProblem('x'.repeat(11))).toBe('must be at least 12 characters');
    expect(passwordProblem('x'.repeat(257))).toBe('must be at most 256 characters');
    expect(passwordProblem(12345678901234)).toBe('must be a string');
  });
});
