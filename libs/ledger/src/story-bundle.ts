// A story bundle: every ledger entry of one message or event (received, decided, the consent it
// relied on, submitted or failed, each delivery status), each with its inclusion proof, all in one
// signed checkpoint that is bridged to one anchor. Verifying it is verifying a v1 bundle per entry,
// so it is parsed into exactly those.
import { BUNDLE_FORMAT, BundleFormatError, parseBundle, type ProofBundle } from './bundle.js';

export const STORY_BUNDLE_FORMAT = 'sigillo.story-bundle.v1';

// A story is a handful of entries; thousands would be an attack on the verifier, not a message.
const MAX_ENTRIES = 1000;

export interface StoryBundle {
  format: typeof STORY_BUNDLE_FORMAT;
  subject: { kind: 'message' | 'event'; id: string };
  checkpoint: ProofBundle['checkpoint'];
  anchor: ProofBundle['anchor'];
  /** From the checkpoint's size to anchor.treeSize; [] when equal. */
  consistencyProof: string[];
  /** In ledger order. */
  entries: { seq: number; canonical: string; salt: string; leafHash: string; inclusionProof: string[] }[];
}

/** Validates untrusted JSON as a story bundle and returns it as one v1 bundle per entry. */
export function parseStoryBundle(json: unknown): { story: StoryBundle; bundles: ProofBundle[] } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new BundleFormatError('bundle', 'not a JSON object');
  const root = json as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (!['format', 'subject', 'checkpoint', 'anchor', 'consistencyProof', 'entries'].includes(key)) throw new BundleFormatError(key, 'unknown field');
  }
  if (root.format !== STORY_BUNDLE_FORMAT) throw new BundleFormatError('format', `expected "${STORY_BUNDLE_FORMAT}"`);
  const subject = root.subject as Record<string, unknown> | undefined;
  if (
    !subject ||
    typeof subject !== 'object' ||
    (subject.kind !== 'message' && subject.kind !== 'event') ||
    typeof subject.id !== 'string' ||
    subject.id === '' ||
    Object.keys(subject).length !== 2
  ) {
    throw new BundleFormatError('subject', 'must be { kind: "message" | "event", id: string }');
  }
  if (!Array.isArray(root.entries) || root.entries.length === 0) throw new BundleFormatError('entries', 'must be a non-empty array');
  if (root.entries.length > MAX_ENTRIES) throw new BundleFormatError('entries', `more than ${MAX_ENTRIES} entries`);

  const bundles = root.entries.map((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const { seq, canonical, salt, leafHash, inclusionProof, ...extra } = e;
    const unknown = Object.keys(extra)[0];
    if (unknown !== undefined) throw new BundleFormatError(`entries[${i}].${unknown}`, 'unknown field');
    try {
      return parseBundle({
        format: BUNDLE_FORMAT,
        entry: { seq, canonical, salt },
        leafIndex: seq,
        leafHash,
        checkpoint: root.checkpoint,
        inclusionProof,
        anchor: root.anchor,
        consistencyProof: root.consistencyProof,
      });
    } catch (err) {
      if (!(err instanceof BundleFormatError)) throw err;
      // Shared parts keep their own names; an entry's parts are named by its position.
      const shared = ['checkpoint', 'anchor', 'consistencyProof'].some((f) => err.field.startsWith(f));
      const field = shared ? err.field : `entries[${i}].${err.field.replace(/^entry\./, '').replace(/^leafIndex$/, 'seq')}`;
      throw new BundleFormatError(field, err.problem);
    }
  });
  const first = bundles[0];
  const story: StoryBundle = {
    format: STORY_BUNDLE_FORMAT,
    subject: { kind: subject.kind, id: subject.id },
    checkpoint: first.checkpoint,
    anchor: first.anchor,
    consistencyProof: first.consistencyProof,
    entries: bundles.map((b) => ({
      seq: b.leafIndex,
      canonical: b.entry.canonical,
      salt: b.entry.salt,
      leafHash: b.leafHash,
      inclusionProof: b.inclusionProof,
    })),
  };
  return { story, bundles };
}

/** The bundles of a story, for the api that builds them (the inverse of parseStoryBundle). */
export function storyFromBundles(subject: StoryBundle['subject'], bundles: ProofBundle[]): StoryBundle {
  const first = bundles[0];
  return {
    format: STORY_BUNDLE_FORMAT,
    subject,
    checkpoint: first.checkpoint,
    anchor: first.anchor,
    consistencyProof: first.consistencyProof,
    entries: bundles.map((b) => ({
      seq: b.leafIndex,
      canonical: b.entry.canonical,
      salt: b.entry.salt,
      leafHash: b.leafHash,
      inclusionProof: b.inclusionProof,
    })),
  };
}
