import { erasedMessageId } from './erased-message-id.js';

describe('erasedMessageId', () => {
  const wamid = 'wamid.HBgMMzkzMzMxMTEyMjMzFQIAERgSQjk2RjY0ODBBRTQ5QTA4QjE3AA==';

  it('is the SHA-256 of the UTF-8 wamid, in hex, after "erased:"', () => {
    expect(erasedMessageId('abc')).toBe('erased:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('holds nothing of the wamid, nor of the number inside it', () => {
    const marker = erasedMessageId(wamid);
    expect(marker).toMatch(/^erased:[0-9a-f]{64}$/);
    expect(marker).not.toContain(wamid.slice(6, 20));
    expect(marker).not.toContain('393331112233');
  });

  it('is the same for the same wamid and differs for another', () => {
    expect(erasedMessageId(wamid)).toBe(erasedMessageId(wamid));
    expect(erasedMessageId(wamid)).not.toBe(erasedMessageId(`${wamid}x`));
    // Never a wamid Meta could send: theirs start with "wamid.".
    expect(erasedMessageId(wamid).startsWith('wamid.')).toBe(false);
  });
});
