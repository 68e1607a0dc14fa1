import { GoneException } from '@nestjs/common';
import type { StoryBundle } from '#sigillo/ledger';

/** When an entry or a story was erased, and the seq of the subject.erased entry recording it (null when not known). */
export interface Erasure {
  at: Date | null;
  bySeq: bigint | null;
}

/**
 * 410 for one entry: it was crypto-shredded. Its content and salt no longer exist anywhere, so no
 * bundle can open its leaf; the leaf itself stays in the tree and every other bundle still verifies.
 */
export function erasedEntry(seq: bigint, erased: Erasure | null): GoneException {
  return new GoneException({
    statusCode: 410,
    error: 'Gone',
    message: `entry ${seq} was erased${when(erased)}: its content and salt are deleted, so no proof bundle can open it; its leaf stays in the log and every other entry's proof still verifies`,
    seq: Number(seq),
    ...fields(erased),
  });
}

/**
 * 410 for a story (a message or an event): its subject was erased, with every entry of the story.
 * The same body as an entry's 410 without `seq`. A message is not named: Meta's ids embed the
 * recipient's number.
 */
export function erasedStory(subject: StoryBundle['subject'], erased: Erasure | null): GoneException {
  const what = subject.kind === 'event' ? `the story of event ${subject.id}` : "this message's story";
  return new GoneException({
    statusCode: 410,
    error: 'Gone',
    message: `${what} was erased${when(erased)}: the content and salt of its entries are deleted, so no proof bundle can open them; their leaves stay in the log and every other entry's proof still verifies`,
    ...fields(erased),
  });
}

function when(erased: Erasure | null): string {
  const on = erased?.at ? ` on ${erased.at.toISOString()}` : '';
  const by = erased?.bySeq === null || erased?.bySeq === undefined ? '' : ` (recorded by the subject.erased entry at seq ${erased.bySeq})`;
  return `${on}${by}`;
}

function fields(erased: Erasure | null): { erasedAt: string | null; erasedBySeq: number | null } {
  return {
    erasedAt: erased?.at?.toISOString() ?? null,
    erasedBySeq: erased?.bySeq === null || erased?.bySeq === undefined ? null : Number(erased.bySeq),
  };
}
