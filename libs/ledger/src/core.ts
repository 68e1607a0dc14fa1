// The browser-safe surface of libs/ledger: pure code only (no Nest, pg, Redis or node-only modules),
// bundled into the audit page and the console.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { AnchoredCheckpoint, AnchorReader, BundleCheck } from './bundle-verify.js';
export type { ProofBundle } from './bundle.js';
export type { StoryBundle } from './story-bundle.js';
export { BUNDLE_FORMAT, parseBundle } from './bundle.js';
export { EVENT_RECEIVED } from './entries/event-received.js';
export { MESSAGE_STATUS } from './entries/message-status.js';
export { NOTIFICATION_DECIDED } from './entries/notification-decided.js';
export { bundleVerified, verifyBundle, verifyBundleOffline } from './bundle-verify.js';
export { commitmentLeafHash } from './entry.js';
export { consistencyProof, inclusionProof, rootHash } from './merkle.js';
export { generateSignerKey, keyLabel, parseCheckpointNote, parseVerifierKey, signCheckpoint } from './checkpoint.js';
export { parseStoryBundle, STORY_BUNDLE_FORMAT, storyFromBundles } from './story-bundle.js';
export { sha256 } from './hash.js';
export { storyLine } from './story-line.js';
export { toHex } from './bytes.js';
