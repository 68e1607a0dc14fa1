// Signed checkpoints of the log: C2SP tlog-checkpoint bodies wrapped in C2SP
// signed-note envelopes with Ed25519 keys. Key strings and note bytes match
// golang.org/x/mod/sumdb/note exactly, so Go and Rust tooling can check ours.
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { concatBytes, equalBytes, fromBase64, fromHex, toBase64, toHex } from './bytes.js';
import { HASH_SIZE, sha256 } from './hash.js';

/** Thrown by the note and checkpoint parsers/formatters; the message says exactly what is wrong. */
export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFormatError';
  }
}

/** Thrown on a malformed signer or verifier key string. */
export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

export interface Checkpoint {
  origin: string;
  treeSize: bigint;
  root: Uint8Array;
}

export interface NoteSignature {
  name: string;
  /** First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
  keyId: Uint8Array;
  /** Everything after the key id: 64 bytes for Ed25519, possibly other lengths for other algorithms. */
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

export interface ParsedCheckpointNote extends Checkpoint {
  /** The signed body text. */
  body: string;
  signatures: NoteSignature[];
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

export interface SignerKey extends VerifierKey {
  seed: Uint8Array;
}

export type OpenResult = { ok: true; checkpoint: ParsedCheckpointNote } | { ok: false; reason: string };

const ALG_ED25519 = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIG_SIZE = 64;
const KEY_ID_SIZE = 4;
// sumdb/note refuses notes with more signatures than this; so do we, to bound work.
const MAX_SIGNATURES = 100;
const MAX_TREE_SIZE = 2n ** 64n - 1n;
const SIG_PREFIX = '\u2014 ';
// In a /u regex a surrogate range only matches unpaired halves: strings that are not UTF-8 encodable.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// DER headers of RFC 8410 keys: node:crypto only imports Ed25519 keys wrapped this way.
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');
const SPKI_ED25519_PREFIX = fromHex('302a300506032b6570032100');

// ---------------------------------------------------------------- keys

/** Creates a fresh Ed25519 key pair named `name` (for checkpoints: the log origin). */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  assertKeyName(name, KeyFormatError);
  const seed = new Uint8Array(randomBytes(ED25519_KEY_SIZE));
  const key = signerKeyFromSeed(name, seed);
  return { signerKey: formatSignerKey(key), verifierKey: formatVerifierKey(key) };
}

/** Parses `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>`. */
export function parseSignerKey(s: string): SignerKey {
  if (typeof s !== 'string') throw new KeyFormatError('signer key: not a string');
  const parts = s.split('+');
  // Base64 may itself contain '+': everything after the fourth separator is the key.
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new KeyFormatError('signer key: expected PRIVATE+KEY+<name>+<key id>+<key>');
  }
  const name = parts[2];
  const keyIdHex = parts[3];
  const encoded = parts.slice(4).join('+');
  const material = decodeKeyMaterial('signer key', name, keyIdHex, encoded);
  const key = signerKeyFromSeed(name, material.slice(1));
  if (!equalBytes(key.keyId, fromHex(keyIdHex))) {
    throw new KeyFormatError(`signer key: key id ${keyIdHex.toLowerCase()} does not match name and key (expected ${toHex(key.keyId)})`);
  }
  return key;
}

/** Parses `<name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>`. */
export function parseVerifierKey(s: string): VerifierKey {
  if (typeof s !== 'string') throw new KeyFormatError('verifier key: not a string');
  const first = s.indexOf('+');
  const second = first < 0 ? -1 : s.indexOf('+', first + 1);
  if (second < 0) throw new KeyFormatError('verifier key: expected <name>+<key id>+<key>');
  const name = s.slice(0, first);
  const keyIdHex = s.slice(first + 1, second);
  const material = decodeKeyMaterial('verifier key', name, keyIdHex, s.slice(second + 1));
  const publicKey = material.slice(1);
  const keyId = computeKeyId(name, publicKey);
  if (!equalBytes(keyId, fromHex(keyIdHex))) {
    throw new KeyFormatError(`verifier key: key id ${keyIdHex.toLowerCase()} does not match name and key (expected ${toHex(keyId)})`);
  }
  return { name, keyId, publicKey };
}

/** The verifier key string belonging to a signer key string. */
export function verifierKeyFor(signerKey: string): string {
  return formatVerifierKey(parseSignerKey(signerKey));
}

/** `<name>+<key id hex>`: how sumdb/note names a key in messages. */
export function keyLabel(key: VerifierKey): string {
  return `${key.name}+${toHex(key.keyId)}`;
}

/** First 4 bytes of SHA-256(name || "\n" || 0x01 || publicKey). */
export function computeKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  const digest = sha256(utf8(name), Uint8Array.of(0x0a, ALG_ED25519), publicKey);
  return digest.slice(0, KEY_ID_SIZE);
}

function decodeKeyMaterial(what: string, name: string, keyIdHex: string, encoded: string): Uint8Array {
  assertKeyName(name, KeyFormatError, `${what}: `);
  if (!/^[0-9a-fA-F]{8}$/.test(keyIdHex)) {
    throw new KeyFormatError(`${what}: key id "${keyIdHex}" is not 8 hex digits`);
  }
  let material: Uint8Array;
  try {
    material = fromBase64(encoded);
  } catch {
    throw new KeyFormatError(`${what}: key is not canonical base64`);
  }
  if (material.length === 0 || material[0] !== ALG_ED25519) {
    throw new KeyFormatError(`${what}: unsupported key algorithm (only 0x01 Ed25519 is supported)`);
  }
  if (material.length !== 1 + ED25519_KEY_SIZE) {
    throw new KeyFormatError(`${what}: Ed25519 key must be ${ED25519_KEY_SIZE} bytes, got ${material.length - 1}`);
  }
  return material;
}

function signerKeyFromSeed(name: string, seed: Uint8Array): SignerKey {
  const publicKey = publicKeyOf(privateKeyObject(seed));
  return { name, keyId: computeKeyId(name, publicKey), publicKey, seed };
}

function formatSignerKey(key: SignerKey): string {
  return `PRIVATE+KEY+${key.name}+${toHex(key.keyId)}+${toBase64(concatBytes(Uint8Array.of(ALG_ED25519), key.seed))}`;
}

function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${toHex(key.keyId)}+${toBase64(concatBytes(Uint8Array.of(ALG_ED25519), key.publicKey))}`;
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed)), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(concatBytes(SPKI_ED25519_PREFIX, publicKey)), format: 'der', type: 'spki' });
}

function publicKeyOf(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - ED25519_KEY_SIZE));
}

// sumdb/note: a name is non-empty UTF-8 without '+' or whitespace, since both
// separate fields in key strings and signature lines.
function assertKeyName(name: string, E: new (message: string) => Error, prefix = ''): void {
  if (name === '') throw new E(`${prefix}key name is empty`);
  if (LONE_SURROGATE.test(name)) throw new E(`${prefix}key name is not valid UTF-8`);
  if (/[\s+]/u.test(name)) throw new E(`${prefix}key name "${name}" contains '+' or whitespace`);
}

// ---------------------------------------------------------------- notes

/** Signs `text` (which must end in a newline) as a signed note with one signature. */
export function signNote(text: string, signerKey: string | SignerKey): string {
  const key = typeof signerKey === 'string' ? parseSignerKey(signerKey) : signerKey;
  assertNoteText(text);
  const signature = new Uint8Array(sign(null, utf8(text), privateKeyObject(key.seed)));
  return `${text}\n${SIG_PREFIX}${key.name} ${toBase64(concatBytes(key.keyId, signature))}\n`;
}

/** Splits a signed note into its text and signature lines, checking the envelope syntax only. */
export function parseNote(note: string): ParsedNote {
  if (typeof note !== 'string') throw new CheckpointFormatError('note is not a string');
  assertNoteCharacters(note);
  // The text never contains an empty line (we refuse to sign one), and signature
  // lines are never empty, so the first blank line is the separator.
  const split = note.indexOf('\n\n');
  if (split < 0) throw new CheckpointFormatError('note has no blank line between the text and the signatures');
  const text = note.slice(0, split + 1);
  const sigBlock = note.slice(split + 2);
  if (sigBlock === '') throw new CheckpointFormatError('note has no signature lines');
  if (!sigBlock.endsWith('\n')) throw new CheckpointFormatError('note does not end with a newline');
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    throw new CheckpointFormatError(`note has ${lines.length} signature lines, more than ${MAX_SIGNATURES}`);
  }
  return { text, signatures: lines.map((line, i) => parseSignatureLine(line, i + 1)) };
}

function parseSignatureLine(line: string, lineNo: number): NoteSignature {
  const where = `signature line ${lineNo}`;
  if (line === '') throw new CheckpointFormatError(`${where}: empty line (only one blank line may separate text and signatures)`);
  if (!line.startsWith(SIG_PREFIX)) throw new CheckpointFormatError(`${where}: does not start with "\u2014 " (em dash, space)`);
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new CheckpointFormatError(`${where}: expected "\u2014 <key name> <base64 signature>"`);
  const name = rest.slice(0, space);
  assertKeyName(name, CheckpointFormatError, `${where}: `);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(rest.slice(space + 1));
  } catch {
    throw new CheckpointFormatError(`${where}: signature is not canonical base64`);
  }
  if (bytes.length <= KEY_ID_SIZE) {
    throw new CheckpointFormatError(`${where}: signature has ${bytes.length} bytes, fewer than a key id and a signature`);
  }
  return { name, keyId: bytes.slice(0, KEY_ID_SIZE), signature: bytes.slice(KEY_ID_SIZE) };
}

/**
 * Whether `text` carries a signature by `key` that verifies. As in sumdb/note, a
 * signature line naming this key (name and key id) that does not verify is a
 * failure even if another such line does.
 */
export function noteSignedBy(parsed: ParsedNote, key: VerifierKey): boolean {
  const mine = parsed.signatures.filter((s) => s.name === key.name && equalBytes(s.keyId, key.keyId));
  if (mine.length === 0) return false;
  const message = utf8(parsed.text);
  const publicKey = publicKeyObject(key.publicKey);
  return mine.every((s) => s.signature.length === ED25519_SIG_SIZE && verify(null, message, publicKey, s.signature));
}

function assertNoteText(text: string): void {
  if (typeof text !== 'string') throw new CheckpointFormatError('note text is not a string');
  assertNoteCharacters(text);
  if (!text.endsWith('\n')) throw new CheckpointFormatError('note text does not end with a newline');
  if (text.startsWith('\n') || text.includes('\n\n')) throw new CheckpointFormatError('note text contains an empty line');
}

// Signed bytes must be unambiguous: valid UTF-8 and no control characters except '\n'.
function assertNoteCharacters(s: string): void {
  if (LONE_SURROGATE.test(s)) throw new CheckpointFormatError('note is not valid UTF-8 (lone surrogate)');
  const control = s.search(/[\u0000-\u0009\u000b-\u001f]/);
  if (control >= 0) {
    const code = s.charCodeAt(control).toString(16).padStart(2, '0');
    throw new CheckpointFormatError(`note contains control character 0x${code} at offset ${control}`);
  }
}

// ---------------------------------------------------------------- checkpoints

/** `<origin>\n<tree size>\n<base64 root>\n`: a C2SP tlog-checkpoint body without extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, root } = checkpoint;
  assertOrigin(origin);
  if (typeof treeSize !== 'bigint' || treeSize < 0n || treeSize > MAX_TREE_SIZE) {
    throw new CheckpointFormatError('checkpoint tree size must be a bigint in [0, 2^64-1]');
  }
  if (!(root instanceof Uint8Array) || root.length !== HASH_SIZE) {
    throw new CheckpointFormatError(`checkpoint root must be ${HASH_SIZE} bytes`);
  }
  return `${origin}\n${treeSize}\n${toBase64(root)}\n`;
}

/** Parses a checkpoint body as produced by formatCheckpoint. */
export function parseCheckpointBody(body: string): Checkpoint {
  if (typeof body !== 'string') throw new CheckpointFormatError('checkpoint body is not a string');
  if (!body.endsWith('\n')) throw new CheckpointFormatError('checkpoint body does not end with a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length !== 3) {
    throw new CheckpointFormatError(`checkpoint body has ${lines.length} lines, expected exactly 3 (origin, tree size, root hash) and no extension lines`);
  }
  const [origin, sizeText, rootText] = lines;
  assertOrigin(origin);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    throw new CheckpointFormatError(`checkpoint tree size "${sizeText}" is not a decimal number without leading zeros`);
  }
  const treeSize = BigInt(sizeText);
  if (treeSize > MAX_TREE_SIZE) throw new CheckpointFormatError(`checkpoint tree size ${sizeText} exceeds 2^64-1`);
  let root: Uint8Array;
  try {
    root = fromBase64(rootText);
  } catch {
    throw new CheckpointFormatError(`checkpoint root hash "${rootText}" is not canonical standard base64`);
  }
  if (root.length !== HASH_SIZE) {
    throw new CheckpointFormatError(`checkpoint root hash decodes to ${root.length} bytes, expected ${HASH_SIZE}`);
  }
  return { origin, treeSize, root };
}

/** Signs a checkpoint (object or formatted body) with a key named after its origin; returns the whole note. */
export function signCheckpoint(checkpoint: Checkpoint | string, signerKey: string): string {
  const body = typeof checkpoint === 'string' ? checkpoint : formatCheckpoint(checkpoint);
  const { origin } = parseCheckpointBody(body);
  const key = parseSignerKey(signerKey);
  if (key.name !== origin) {
    throw new CheckpointFormatError(`signer key name "${key.name}" differs from checkpoint origin "${origin}"`);
  }
  return signNote(body, key);
}

/** Parses a signed checkpoint note (syntax only: signatures are not verified). */
export function parseCheckpointNote(note: string): ParsedCheckpointNote {
  const { text, signatures } = parseNote(note);
  return { ...parseCheckpointBody(text), body: text, signatures };
}

/** Parses and verifies a checkpoint note, saying why when it does not verify. Never throws. */
export function openCheckpointNote(note: string, verifierKey: string): OpenResult {
  let checkpoint: ParsedCheckpointNote;
  let key: VerifierKey;
  try {
    checkpoint = parseCheckpointNote(note);
  } catch (e) {
    return { ok: false, reason: `checkpoint note is malformed: ${messageOf(e)}` };
  }
  try {
    key = parseVerifierKey(verifierKey);
  } catch (e) {
    return { ok: false, reason: messageOf(e) };
  }
  const label = keyLabel(key);
  if (key.name !== checkpoint.origin) {
    return { ok: false, reason: `checkpoint origin "${checkpoint.origin}" is not the name of key ${label}` };
  }
  if (!checkpoint.signatures.some((s) => s.name === key.name && equalBytes(s.keyId, key.keyId))) {
    return { ok: false, reason: `checkpoint has no signature by key ${label}` };
  }
  if (!noteSignedBy({ text: checkpoint.body, signatures: checkpoint.signatures }, key)) {
    return { ok: false, reason: `checkpoint signature does not verify with key ${label}` };
  }
  return { ok: true, checkpoint };
}

/** True when `note` is a well-formed checkpoint signed by `verifierKey` (named after its origin). Never throws. */
export function verifyCheckpointNote(note: string, verifierKey: string): boolean {
  try {
    return openCheckpointNote(note, verifierKey).ok;
  } catch {
    return false;
  }
}

function assertOrigin(origin: string): void {
  if (typeof origin !== 'string' || origin === '') throw new CheckpointFormatError('checkpoint origin is empty');
  // The origin doubles as the signing key's name, so it obeys key-name rules.
  assertKeyName(origin, CheckpointFormatError, 'checkpoint origin: ');
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
