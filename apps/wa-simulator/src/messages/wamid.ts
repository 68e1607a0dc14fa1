import { randomBytes } from 'node:crypto';

/**
 * A message id shaped like Meta's: `wamid.` + base64 of a small binary record holding the
 * contact's number and a random message key. Clients must treat it as opaque; it only has to
 * look real and never repeat.
 */
export function newWamid(contact: string): string {
  const number = Buffer.from(contact.slice(0, 32), 'latin1');
  const key = Buffer.from(randomBytes(10).toString('hex').toUpperCase(), 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length]),
    number,
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, key.length]),
    key,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
