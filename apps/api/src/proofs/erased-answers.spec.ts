import { erasedEntry, erasedStory } from './erased-answers.js';

const AT = new Date('2026-11-22T08:00:00.000Z');
const TAIL = "so no proof bundle can open them; their leaves stay in the log and every other entry's proof still verifies";

describe('410 answers of the proof endpoints', () => {
  it('an entry: its seq, when, and the subject.erased entry that recorded it', () => {
    const e = erasedEntry(5n, { at: AT, bySeq: 24n });
    expect(e.getStatus()).toBe(410);
    expect(e.getResponse()).toEqual({
      statusCode: 410,
      error: 'Gone',
      message:
        "entry 5 was erased on 2026-11-22T08:00:00.000Z (recorded by the subject.erased entry at seq 24): its content and salt are deleted, so no proof bundle can open it; its leaf stays in the log and every other entry's proof still verifies",
      seq: 5,
      erasedAt: '2026-11-22T08:00:00.000Z',
      erasedBySeq: 24,
    });
  });

  it('an event story: the same fields but seq, naming the event', () => {
    const e = erasedStory({ kind: 'event', id: 'ord-1-shipped' }, { at: AT, bySeq: 24n });
    expect(e.getStatus()).toBe(410);
    expect(e.getResponse()).toEqual({
      statusCode: 410,
      error: 'Gone',
      message: `the story of event ord-1-shipped was erased on 2026-11-22T08:00:00.000Z (recorded by the subject.erased entry at seq 24): the content and salt of its entries are deleted, ${TAIL}`,
      erasedAt: '2026-11-22T08:00:00.000Z',
      erasedBySeq: 24,
    });
  });

  it("a message story never repeats the wamid (it embeds the recipient's number)", () => {
    const wamid = 'wamid.HBgMMzkzMzMxMTEyMjMzFQIAERgSQjk2';
    const body = erasedStory({ kind: 'message', id: wamid }, { at: AT, bySeq: 0n }).getResponse() as Record<string, unknown>;
    expect(body.message).toMatch(/^this message's story was erased on 2026-11-22T08:00:00.000Z \(recorded by the subject.erased entry at seq 0\)/);
    expect(JSON.stringify(body)).not.toContain(wamid);
    expect(body.erasedBySeq).toBe(0);
  });

  it('says what it knows when the erasure is not linked (older erasures) or not sequenced yet', () => {
    expect(erasedStory({ kind: 'event', id: 'e1' }, null).getResponse()).toEqual({
      statusCode: 410,
      error: 'Gone',
      message: `the story of event e1 was erased: the content and salt of its entries are deleted, ${TAIL}`,
      erasedAt: null,
      erasedBySeq: null,
    });
    expect(erasedEntry(7n, { at: AT, bySeq: null }).getResponse()).toMatchObject({
      message: expect.stringMatching(/^entry 7 was erased on 2026-11-22T08:00:00.000Z: /),
      seq: 7,
      erasedAt: '2026-11-22T08:00:00.000Z',
      erasedBySeq: null,
    });
  });
});
