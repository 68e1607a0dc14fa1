import { BundleFormatError, type ProofBundle } from './bundle.js';
import { parseStoryBundle, storyFromBundles, STORY_BUNDLE_FORMAT } from './story-bundle.js';

const h = (c: string) => c.repeat(64);
const shared = {
  checkpoint: { note: 'origin\n4\nAAAA\n\n— origin AAAA\n', verifierKey: 'origin+00000000+AQ==' },
  anchor: { chainId: 31337, contract: `0x${'1'.repeat(40)}`, txHash: `0x${'2'.repeat(64)}`, blockNumber: 3, treeSize: 4, root: h('a') },
  consistencyProof: [],
};
const bundle = (seq: number): ProofBundle => ({
  format: 'sigillo.proof-bundle.v1',
  entry: { seq, canonical: `{"seq":${seq}}`, salt: h('b') },
  leafIndex: seq,
  leafHash: h('c'),
  inclusionProof: [h('d')],
  ...shared,
});

describe('story bundles', () => {
  it('round-trips through v1 bundles, one per entry', () => {
    const story = storyFromBundles({ kind: 'message', id: 'wamid.X' }, [bundle(1), bundle(3)]);
    expect(story.format).toBe(STORY_BUNDLE_FORMAT);
    const parsed = parseStoryBundle(JSON.parse(JSON.stringify(story)));
    expect(parsed.bundles).toEqual([bundle(1), bundle(3)]);
    expect(parsed.story).toEqual(story);
  });

  it('names the offending field, by entry position', () => {
    const story = JSON.parse(JSON.stringify(storyFromBundles({ kind: 'event', id: 'e1' }, [bundle(1), bundle(2)])));
    story.entries[1].salt = 'zz';
    expect(() => parseStoryBundle(story)).toThrow(/^entries\[1\]\.salt: /);
    story.entries[1].salt = h('b');
    story.entries[0].extra = 1;
    expect(() => parseStoryBundle(story)).toThrow('entries[0].extra: unknown field');
    delete story.entries[0].extra;
    story.anchor.txHash = '0x12';
    expect(() => parseStoryBundle(story)).toThrow(/^anchor\.txHash: /);
  });

  it('refuses what is not a story', () => {
    for (const bad of [null, [], 'x', {}, { format: STORY_BUNDLE_FORMAT }, { format: STORY_BUNDLE_FORMAT, subject: { kind: 'x', id: 'y' }, entries: [] }]) {
      expect(() => parseStoryBundle(bad)).toThrow(BundleFormatError);
    }
    const empty = { ...storyFromBundles({ kind: 'event', id: 'e' }, [bundle(1)]), entries: [] };
    expect(() => parseStoryBundle(empty)).toThrow('entries: must be a non-empty array');
  });
});
