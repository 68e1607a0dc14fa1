// Byte/text conversions for hashes and proofs. Decoders are strict so that each
// byte string has exactly one accepted encoding in stored and signed records.

const HEX = /^[0-9a-fA-F]*$/;
// Canonical, padded RFC 4648 §4 base64 (standard alphabet).
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Lower-case hex, no prefix. */
export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

/** Decodes hex (either case, optional 0x prefix); throws SyntaxError on odd length or non-hex. */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('fromHex: expected a string');
  const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (digits.length % 2 !== 0) throw new SyntaxError('fromHex: odd number of hex digits');
  if (!HEX.test(digits)) throw new SyntaxError('fromHex: not a hex string');
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

/** Standard padded base64. */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

/** Decodes canonical padded base64; throws SyntaxError otherwise (Buffer alone would skip bad characters). */
export function fromBase64(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('fromBase64: expected a string');
  if (!BASE64.test(text)) throw new SyntaxError('fromBase64: not canonical padded base64');
  const bytes = Buffer.from(text, 'base64');
  // Non-zero unused bits in the last group ("QR==" for "QQ==") decode to the same bytes.
  if (bytes.toString('base64') !== text) throw new SyntaxError('fromBase64: not canonical padded base64');
  return new Uint8Array(bytes);
}

/** Byte-wise equality (not constant-time: hashes compared here are public). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// A view, not a copy: Buffer's codecs are the fastest available here.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
