import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Who an entry is about, for erasure. The reference lives only in the database (ledger_entries.
 * subject_ref), never in a leaf or on chain, and is nulled when the subject is erased: a bare hash
 * of a phone number can be reversed by trying every number, so it must not outlive the erasure.
 *
 * SHA-256(UTF-8("sigillo.subject.v1\n" || tenant id (lower case) || "\n" || E.164 phone or BSUID)).
 * The erasure migration computes the very same in SQL for the entries recorded before it.
 */
export function subjectRef(tenantId: string, phone: string): Uint8Array {
  // Or a WhatsApp business-scoped user id: a user with a username may be known by nothing else.
  if (!/^(?:\+[1-9][0-9]{6,14}|[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128})$/.test(phone)) {
    throw new TypeError('subjectRef expects an E.164 phone number or a business-scoped user id');
  }
  return new Uint8Array(createHash('sha256').update(`sigillo.subject.v1\n${tenantId.toLowerCase()}\n${phone}`, 'utf8').digest());
}

/**
 * The reference a `subject.erased` entry carries instead of the subject: HMAC-SHA-256 keyed with
 * fresh random bytes that Sigillo does not keep. Without the key it is indistinguishable from
 * random; the key is handed out once (the erasure's `receipt`) so the data subject can later show
 * that this entry is their erasure.
 */
export function erasureReceipt(tenantId: string, phone: string, key: Uint8Array = randomBytes(32)): { key: Uint8Array; reference: Uint8Array } {
  if (key.length !== 32) throw new RangeError('the receipt key must be 32 bytes');
  const reference = createHmac('sha256', key).update(`sigillo.subject-erased.v1\n${tenantId.toLowerCase()}\n${phone}`, 'utf8').digest();
  return { key: new Uint8Array(key), reference: new Uint8Array(reference) };
}
