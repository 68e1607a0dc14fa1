import { createHash } from 'node:crypto';

const PREFIX = 'erased:';

/**
 * What an erased notification keeps in place of Meta's message id. The wamid embeds the
 * recipient's number, so it cannot stay; its SHA-256 can: it reveals nothing without the wamid
 * (whose other half is a random message id), and whoever holds the wamid can still be told that
 * this message's story was erased (410) rather than that it never existed (404). It stays in the
 * wamid column so that its unique index serves the lookup, and no real wamid ever starts so.
 */
export function erasedMessageId(wamid: string): string {
  return `${PREFIX}${createHash('sha256').update(wamid, 'utf8').digest('hex')}`;
}
