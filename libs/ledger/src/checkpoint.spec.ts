import { fromBase64, fromHex, toBase64, toHex } from './bytes.js';
import {
  CheckpointFormatError,
  KeyFormatError,
  computeKeyId,
  formatCheckpoint,
  generateSignerKey,
  keyLabel,
  noteSignedBy,
  openCheckpointNote,
  parseCheckpointBody,
  parseCheckpointNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifierKeyFor,
  verifyCheckpointNote,
} from './checkpoint.js';
import { sha256 } from './hash.js';

// Published vectors of golang.org/x/mod/sumdb/note (note_test.go).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const ORIGIN = 'sigillo.test/log';
const ROOT = sha256(new TextEncoder().encode('root'));
const KEYS = generateSignerKey(ORIGIN);
const OTHER_KEYS = generateSignerKey(ORIGIN);
const CHECKPOINT = { origin: ORIGIN, treeSize: 128n, root: ROOT };
const NOTE = signCheckpoint(CHECKPOINT, KEYS.signerKey);

function expectFormatError(fn: () => unknown, message: string | RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CheckpointFormatError);
  if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
  else expect((thrown as Error).message).toMatch(message);
}

describe('sumdb/note interoperability', () => {
  it('derives the published verifier key from the published signer key', () => {
    expect(verifierKeyFor(PETER_SKEY)).toBe(PETER_VKEY);
  });

  it('parses the published keys with the published key id', () => {
    const signer = parseSignerKey(PETER_SKEY);
    const verifier = parseVerifierKey(PETER_VKEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(toHex(signer.keyId)).toBe('c74f20a3');
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(toHex(verifier.keyId)).toBe('c74f20a3');
    expect(toHex(computeKeyId('PeterNeumann', verifier.publicKey))).toBe('c74f20a3');
    expect(toHex(parseVerifierKey(ENOCH_VKEY).keyId)).toBe('af0cfe78');
    expect(keyLabel(verifier)).toBe('PeterNeumann+c74f20a3');
  });

  it('produces byte-identical signed notes (Ed25519 is deterministic)', () => {
    expect(signNote(GO_TEXT, PETER_SKEY)).toBe(`${GO_TEXT}\n${PETER_SIG}`);
  });

  it('verifies the published signatures of both keys', () => {
    const parsed = parseNote(`${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`);
    expect(parsed.text).toBe(GO_TEXT);
    expect(parsed.signatures.map((s) => [s.name, toHex(s.keyId)])).toEqual([
      ['PeterNeumann', 'c74f20a3'],
      ['EnochRoot', 'af0cfe78'],
    ]);
    expect(noteSignedBy(parsed, parseVerifierKey(PETER_VKEY))).toBe(true);
    expect(noteSignedBy(parsed, parseVerifierKey(ENOCH_VKEY))).toBe(true);
  });

  it('rejects a note whose signature by the key was altered, even next to a good one', () => {
    const bad = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(noteSignedBy(parseNote(`${GO_TEXT}\n${bad}`), parseVerifierKey(PETER_VKEY))).toBe(false);
    expect(noteSignedBy(parseNote(`${GO_TEXT}\n${PETER_SIG}${bad}`), parseVerifierKey(PETER_VKEY))).toBe(false);
  });

  it('does not accept a signature from another key', () => {
    expect(noteSignedBy(parseNote(`${GO_TEXT}\n${ENOCH_SIG}`), parseVerifierKey(PETER_VKEY))).toBe(false);
    const renamed = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    expect(noteSignedBy(parseNote(`${GO_TEXT}\n${renamed}`), parseVerifierKey(PETER_VKEY))).toBe(false);
    const otherId = PETER_SIG.replace('x08g', 'xxxx');
    expect(noteSignedBy(parseNote(`${GO_TEXT}\n${otherId}`), parseVerifierKey(PETER_VKEY))).toBe(false);
  });

  it('rejects the malformed notes of the Go test suite', () => {
    const bad = [
      GO_TEXT,
      `${GO_TEXT}\n`,
      `${GO_TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${GO_TEXT}\n${PETER_SIG}`,
      `\uD800${GO_TEXT}\n${PETER_SIG}`,
      `${GO_TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${GO_TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${GO_TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const note of bad) expect(() => parseNote(note)).toThrow(CheckpointFormatError);
    expect(() => parseNote(`${GO_TEXT}\n${PETER_SIG.repeat(100)}`)).not.toThrow();
  });

  it('rejects every truncation and every single-character change of the verifier key', () => {
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        expect(() => parseVerifierKey(PETER_VKEY.slice(i, j))).toThrow(KeyFormatError);
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(() => parseVerifierKey(mangled)).toThrow(KeyFormatError);
    }
  });

  it('rejects every truncation and every single-character change of the signer key', () => {
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++) {
        if (i === 0 && j === PETER_SKEY.length) continue;
        expect(() => parseSignerKey(PETER_SKEY.slice(i, j))).toThrow(KeyFormatError);
      }
    }
    for (let i = 0; i < PETER_SKEY.length; i++) {
      const mangled = PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1);
      expect(() => parseSignerKey(mangled)).toThrow(KeyFormatError);
    }
  });

  it('rejects the wrong-length and unknown-algorithm keys of the Go test suite', () => {
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(
      'verifier key: key is not canonical base64',
    );
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      'verifier key: unsupported key algorithm (only 0x01 Ed25519 is supported)',
    );
  });
});

describe('keys', () => {
  it('generates a consistent, unique key pair in the sumdb/note format', () => {
    expect(KEYS.signerKey).toMatch(/^PRIVATE\+KEY\+sigillo\.test\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(KEYS.verifierKey).toMatch(/^sigillo\.test\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKeyFor(KEYS.signerKey)).toBe(KEYS.verifierKey);
    expect(KEYS.verifierKey.split('+')[1]).toBe(KEYS.signerKey.split('+')[3]);
    expect(OTHER_KEYS.verifierKey).not.toBe(KEYS.verifierKey);
  });

  it('computes the key id as SHA-256(name || 0x0a || 0x01 || public key)[0:4]', () => {
    const key = parseVerifierKey(KEYS.verifierKey);
    const manual = sha256(new TextEncoder().encode(`${ORIGIN}\n\x01`), key.publicKey).slice(0, 4);
    expect(key.keyId).toEqual(manual);
  });

  it('refuses names that cannot appear in key strings', () => {
    expect(() => generateSignerKey('')).toThrow('key name is empty');
    expect(() => generateSignerKey('a+b')).toThrow(`key name "a+b" contains '+' or whitespace`);
    expect(() => generateSignerKey('a b')).toThrow(KeyFormatError);
    expect(() => generateSignerKey('a\nb')).toThrow(KeyFormatError);
  });

  it('explains malformed verifier keys', () => {
    expect(() => parseVerifierKey('nokey')).toThrow('verifier key: expected <name>+<key id>+<key>');
    expect(() => parseVerifierKey('+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow('verifier key: key name is empty');
    expect(() => parseVerifierKey('PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      'verifier key: key id "c74f20a" is not 8 hex digits',
    );
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      'verifier key: key id c74f20a4 does not match name and key (expected c74f20a3)',
    );
    expect(() => parseVerifierKey(`PeterNeumann+c74f20a3+${toBase64(Uint8Array.of(1, 2, 3))}`)).toThrow('verifier key: Ed25519 key must be 32 bytes, got 2');
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3+')).toThrow('verifier key: unsupported key algorithm');
    expect(() => parseVerifierKey(42 as unknown as string)).toThrow('verifier key: not a string');
  });

  it('accepts the key id in upper case, as Go does', () => {
    expect(toHex(parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'C74F20A3')).keyId)).toBe('c74f20a3');
  });

  it('explains malformed signer keys', () => {
    expect(() => parseSignerKey(PETER_VKEY)).toThrow('signer key: expected PRIVATE+KEY+<name>+<key id>+<key>');
    expect(() => parseSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(
      'signer key: key id c74f20a4 does not match name and key (expected c74f20a3)',
    );
    expect(() => parseSignerKey(PETER_SKEY.replace('PeterNeumann', 'Peter'))).toThrow(/^signer key: key id c74f20a3 does not match/);
  });
});

describe('checkpoint body', () => {
  it('formats origin, decimal size and base64 root on three lines', () => {
    expect(formatCheckpoint(CHECKPOINT)).toBe(`${ORIGIN}\n128\n${toBase64(ROOT)}\n`);
    expect(formatCheckpoint({ ...CHECKPOINT, treeSize: 0n })).toBe(`${ORIGIN}\n0\n${toBase64(ROOT)}\n`);
  });

  it('round-trips through parseCheckpointBody', () => {
    const big = { ...CHECKPOINT, treeSize: 2n ** 64n - 1n };
    expect(parseCheckpointBody(formatCheckpoint(big))).toEqual(big);
  });

  it('refuses to format invalid checkpoints', () => {
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, origin: '' }), 'checkpoint origin is empty');
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, origin: 'a b' }), /^checkpoint origin: key name "a b"/);
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, treeSize: -1n }), 'checkpoint tree size must be a bigint in [0, 2^64-1]');
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, treeSize: 2n ** 64n }), /tree size/);
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, treeSize: 5 as unknown as bigint }), /tree size/);
    expectFormatError(() => formatCheckpoint({ ...CHECKPOINT, root: ROOT.slice(1) }), 'checkpoint root must be 32 bytes');
  });

  it.each([
    ['no final newline', `${ORIGIN}\n1\n${toBase64(ROOT)}`, 'checkpoint body does not end with a newline'],
    [
      'an extension line',
      `${ORIGIN}\n1\n${toBase64(ROOT)}\nextra\n`,
      'checkpoint body has 4 lines, expected exactly 3 (origin, tree size, root hash) and no extension lines',
    ],
    ['a missing root', `${ORIGIN}\n1\n`, /^checkpoint body has 2 lines/],
    ['an empty origin', `\n1\n${toBase64(ROOT)}\n`, 'checkpoint origin is empty'],
    ['a leading zero', `${ORIGIN}\n012\n${toBase64(ROOT)}\n`, 'checkpoint tree size "012" is not a decimal number without leading zeros'],
    ['a signed size', `${ORIGIN}\n+1\n${toBase64(ROOT)}\n`, /^checkpoint tree size "\+1" is not a decimal/],
    ['a hex size', `${ORIGIN}\n0x10\n${toBase64(ROOT)}\n`, /^checkpoint tree size "0x10" is not a decimal/],
    ['an empty size', `${ORIGIN}\n\n${toBase64(ROOT)}\n`, /^checkpoint tree size "" is not a decimal/],
    ['a size over 2^64-1', `${ORIGIN}\n18446744073709551616\n${toBase64(ROOT)}\n`, 'checkpoint tree size 18446744073709551616 exceeds 2^64-1'],
    ['a hex root', `${ORIGIN}\n1\n${toHex(ROOT)}\n`, 'checkpoint root hash decodes to 48 bytes, expected 32'],
    ['a root with a space', `${ORIGIN}\n1\n ${toBase64(ROOT)}\n`, /^checkpoint root hash " [A-Za-z0-9+/=]{44}" is not canonical standard base64$/],
    ['url-safe base64', `${ORIGIN}\n1\n${toBase64(fromHex('fb'.repeat(32)))}\n`.replace(/\+/g, '-'), /is not canonical standard base64$/],
    ['unpadded base64', `${ORIGIN}\n1\n${toBase64(ROOT).replace('=', '')}\n`, /is not canonical standard base64$/],
    ['a 31-byte root', `${ORIGIN}\n1\n${toBase64(ROOT.slice(1))}\n`, 'checkpoint root hash decodes to 31 bytes, expected 32'],
  ])('rejects %s', (_, body, message) => {
    expectFormatError(() => parseCheckpointBody(body), message);
  });
});

describe('signed checkpoint notes', () => {
  it('signs the body and appends one signature line by the origin key', () => {
    const body = formatCheckpoint(CHECKPOINT);
    const lines = NOTE.split('\n');
    expect(NOTE.startsWith(`${body}\n\u2014 ${ORIGIN} `)).toBe(true);
    expect(NOTE.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(6);
    const sig = fromBase64(lines[4].split(' ')[2]);
    expect(sig).toHaveLength(68);
    expect(toHex(sig.slice(0, 4))).toBe(KEYS.verifierKey.split('+')[1]);
    expect(signCheckpoint(body, KEYS.signerKey)).toBe(NOTE);
  });

  it('round-trips through parseCheckpointNote and verifies', () => {
    const parsed = parseCheckpointNote(NOTE);
    expect(parsed.origin).toBe(ORIGIN);
    expect(parsed.treeSize).toBe(128n);
    expect(parsed.root).toEqual(ROOT);
    expect(parsed.body).toBe(formatCheckpoint(CHECKPOINT));
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0].name).toBe(ORIGIN);
    expect(parsed.signatures[0].signature).toHaveLength(64);
    expect(verifyCheckpointNote(NOTE, KEYS.verifierKey)).toBe(true);
    expect(openCheckpointNote(NOTE, KEYS.verifierKey)).toEqual({ ok: true, checkpoint: parsed });
  });

  it('verifies a note co-signed by other keys', () => {
    const witness = generateSignerKey('witness.example');
    const cosigned = NOTE + signNote(formatCheckpoint(CHECKPOINT), witness.signerKey).split('\n\n')[1];
    expect(parseCheckpointNote(cosigned).signatures).toHaveLength(2);
    expect(verifyCheckpointNote(cosigned, KEYS.verifierKey)).toBe(true);
    expect(noteSignedBy(parseNote(cosigned), parseVerifierKey(witness.verifierKey))).toBe(true);
  });

  it('refuses to sign with a key not named after the origin', () => {
    expectFormatError(
      () => signCheckpoint(CHECKPOINT, generateSignerKey('other').signerKey),
      `signer key name "other" differs from checkpoint origin "${ORIGIN}"`,
    );
  });

  it('refuses to sign text a note cannot carry', () => {
    expectFormatError(() => signNote('no newline', KEYS.signerKey), 'note text does not end with a newline');
    expectFormatError(() => signNote('a\n\nb\n', KEYS.signerKey), 'note text contains an empty line');
    expectFormatError(() => signNote('\n', KEYS.signerKey), 'note text contains an empty line');
    expectFormatError(() => signNote('a\tb\n', KEYS.signerKey), 'note contains control character 0x09 at offset 1');
  });

  it('rejects every single changed byte of the body', () => {
    const bodyLength = formatCheckpoint(CHECKPOINT).length;
    for (let i = 0; i < bodyLength; i++) {
      if (NOTE[i] === '\n') continue;
      const c = NOTE.charCodeAt(i);
      // Stay within printable ASCII so the change is a signature failure, not only a parse failure.
      const tampered = NOTE.slice(0, i) + String.fromCharCode(c === 0x7e ? 0x7d : c + 1) + NOTE.slice(i + 1);
      expect(verifyCheckpointNote(tampered, KEYS.verifierKey)).toBe(false);
    }
  });

  it('says the signature does not verify when the body is changed consistently', () => {
    const forged = NOTE.replace('\n128\n', '\n129\n');
    expect(parseCheckpointNote(forged).treeSize).toBe(129n);
    expect(openCheckpointNote(forged, KEYS.verifierKey)).toEqual({
      ok: false,
      reason: `checkpoint signature does not verify with key ${keyLabel(parseVerifierKey(KEYS.verifierKey))}`,
    });
  });

  it('rejects every single flipped bit of the signature', () => {
    const parsed = parseCheckpointNote(NOTE);
    const sigLine = NOTE.split('\n')[4];
    const raw = fromBase64(sigLine.split(' ')[2]);
    for (let byte = 4; byte < raw.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = raw.slice();
        copy[byte] ^= 1 << bit;
        const tampered = `${parsed.body}\n\u2014 ${ORIGIN} ${toBase64(copy)}\n`;
        expect(verifyCheckpointNote(tampered, KEYS.verifierKey)).toBe(false);
      }
    }
  });

  it('rejects a changed key id', () => {
    const parsed = parseCheckpointNote(NOTE);
    const raw = fromBase64(NOTE.split('\n')[4].split(' ')[2]);
    raw[0] ^= 0x80;
    const tampered = `${parsed.body}\n\u2014 ${ORIGIN} ${toBase64(raw)}\n`;
    expect(verifyCheckpointNote(tampered, KEYS.verifierKey)).toBe(false);
    expect(openCheckpointNote(tampered, KEYS.verifierKey)).toMatchObject({ reason: /^checkpoint has no signature by key / });
  });

  it('rejects a truncated or extended signature', () => {
    const parsed = parseCheckpointNote(NOTE);
    const raw = fromBase64(NOTE.split('\n')[4].split(' ')[2]);
    for (const sig of [raw.slice(0, 67), Uint8Array.of(...raw, 0)]) {
      const tampered = `${parsed.body}\n\u2014 ${ORIGIN} ${toBase64(sig)}\n`;
      expect(openCheckpointNote(tampered, KEYS.verifierKey)).toMatchObject({ reason: /^checkpoint signature does not verify/ });
    }
  });

  it('rejects a signature by another key with the same name', () => {
    expect(verifyCheckpointNote(NOTE, OTHER_KEYS.verifierKey)).toBe(false);
    expect(openCheckpointNote(NOTE, OTHER_KEYS.verifierKey)).toMatchObject({ reason: /^checkpoint has no signature by key sigillo\.test\/log\+/ });
  });

  it('rejects a key whose name is not the origin, even when the signature is by that key', () => {
    const other = generateSignerKey('elsewhere');
    const body = formatCheckpoint(CHECKPOINT);
    const signedByOther = signNote(body, other.signerKey);
    expect(verifyCheckpointNote(signedByOther, other.verifierKey)).toBe(false);
    expect(openCheckpointNote(signedByOther, other.verifierKey)).toEqual({
      ok: false,
      reason: `checkpoint origin "${ORIGIN}" is not the name of key ${keyLabel(parseVerifierKey(other.verifierKey))}`,
    });
  });

  it('rejects a signature line whose name was changed', () => {
    const renamed = NOTE.replace(`\u2014 ${ORIGIN} `, '\u2014 sigillo.test/other ');
    expect(verifyCheckpointNote(renamed, KEYS.verifierKey)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    expect(verifyCheckpointNote('garbage', KEYS.verifierKey)).toBe(false);
    expect(verifyCheckpointNote(NOTE, 'garbage')).toBe(false);
    expect(verifyCheckpointNote(undefined as unknown as string, KEYS.verifierKey)).toBe(false);
    expect(verifyCheckpointNote(NOTE, null as unknown as string)).toBe(false);
    expect(openCheckpointNote(NOTE, 'garbage')).toEqual({ ok: false, reason: 'verifier key: expected <name>+<key id>+<key>' });
  });

  describe('parse errors', () => {
    const body = formatCheckpoint(CHECKPOINT);
    const sigLine = NOTE.slice(body.length + 1);
    const sigB64 = sigLine.slice(`\u2014 ${ORIGIN} `.length, -1);

    it.each([
      ['a missing blank line', body + sigLine, 'note has no blank line between the text and the signatures'],
      ['no signatures', `${body}\n`, 'note has no signature lines'],
      ['no final newline', NOTE.slice(0, -1), 'note does not end with a newline'],
      ['a second blank line', `${NOTE}\n`, 'signature line 2: empty line (only one blank line may separate text and signatures)'],
      ['a hyphen instead of an em dash', NOTE.replace('\u2014', '-'), 'signature line 1: does not start with "\u2014 " (em dash, space)'],
      ['an unsigned trailing line', `${NOTE}trailing\n`, 'signature line 2: does not start with "\u2014 " (em dash, space)'],
      ['no space before the signature', `${body}\n\u2014 ${ORIGIN}\n`, 'signature line 1: expected "\u2014 <key name> <base64 signature>"'],
      ['an empty key name', `${body}\n\u2014  ${sigB64}\n`, 'signature line 1: key name is empty'],
      ['a key name with +', `${body}\n\u2014 a+b ${sigB64}\n`, `signature line 1: key name "a+b" contains '+' or whitespace`],
      ['bad base64', `${body}\n\u2014 ${ORIGIN} ${sigB64.slice(1)}\n`, 'signature line 1: signature is not canonical base64'],
      [
        'a short signature',
        `${body}\n\u2014 ${ORIGIN} ${toBase64(Uint8Array.of(1, 2, 3, 4))}\n`,
        'signature line 1: signature has 4 bytes, fewer than a key id and a signature',
      ],
      ['a tab', NOTE.replace(ORIGIN, `${ORIGIN}\t`), 'note contains control character 0x09 at offset 16'],
      ['a carriage return', NOTE.replace(/\n/g, '\r\n'), /^note contains control character 0x0d at offset/],
      ['a lone surrogate', NOTE.replace(ORIGIN, `${ORIGIN}\uDC00`), 'note is not valid UTF-8 (lone surrogate)'],
      ['a body with an extension line', signNote(`${body}ext\n`, KEYS.signerKey), /^checkpoint body has 4 lines/],
      ['a body with a leading-zero size', NOTE.replace('\n128\n', '\n0128\n'), 'checkpoint tree size "0128" is not a decimal number without leading zeros'],
      ['a body with a short root', NOTE.replace(toBase64(ROOT), toBase64(ROOT.slice(2))), 'checkpoint root hash decodes to 30 bytes, expected 32'],
    ])('names %s', (_, note, message) => {
      expectFormatError(() => parseCheckpointNote(note), message);
      expect(verifyCheckpointNote(note, KEYS.verifierKey)).toBe(false);
    });

    it('reports parse errors through openCheckpointNote', () => {
      expect(openCheckpointNote(NOTE.slice(0, -1), KEYS.verifierKey)).toEqual({
        ok: false,
        reason: 'checkpoint note is malformed: note does not end with a newline',
      });
    });

    it('rejects a non-string note', () => {
      expectFormatError(() => parseCheckpointNote(7 as unknown as string), 'note is not a string');
    });
  });
});
