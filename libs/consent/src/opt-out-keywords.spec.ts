import { DEFAULT_OPT_OUT_KEYWORDS, matchOptOut, normalizeKeywordText, parseKeywordList, parseTenantKeywords, requestOf } from './opt-out-keywords.js';

const match = (text: string, keywords: readonly string[] = DEFAULT_OPT_OUT_KEYWORDS) => matchOptOut(text, keywords);

describe('DEFAULT_OPT_OUT_KEYWORDS', () => {
  it('holds the keywords the issue names and the common Italian and English ones', () => {
    expect(DEFAULT_OPT_OUT_KEYWORDS).toEqual(
      expect.arrayContaining(['STOP', 'ARRESTA', 'CANCELLAMI', 'STOP MARKETING', 'STOP PROMOZIONI', 'UNSUBSCRIBE', 'DISISCRIVIMI']),
    );
  });

  it('has no two keywords with the same comparable form, and each matches itself', () => {
    const forms = DEFAULT_OPT_OUT_KEYWORDS.map(normalizeKeywordText);
    expect(new Set(forms).size).toBe(forms.length);
    for (const keyword of DEFAULT_OPT_OUT_KEYWORDS) expect(match(keyword)).toEqual({ keyword });
  });
});

describe('normalizeKeywordText', () => {
  it.each([
    ['stop', 'STOP'],
    ['  Stop marketing  ', 'STOP MARKETING'],
    ['STÒP', 'STOP'],
    ['Pubblicità', 'PUBBLICITA'],
    ['Cancellàmi!!', 'CANCELLAMI'],
    ['«stop»', 'STOP'],
    ['¡Stop!', 'STOP'],
    ['"STOP".', 'STOP'],
    ['stop 🛑', 'STOP'],
    ['🙏 stop 🙏', 'STOP'],
    ['stop\u200b', 'STOP'],
    ['\u200estop\u200f', 'STOP'],
    ['stop\u00a0marketing', 'STOP MARKETING'],
    ['stop\n\tmarketing', 'STOP MARKETING'],
    ['stop-marketing', 'STOP MARKETING'],
    ['stop_marketing', 'STOP MARKETING'],
    ['stop – marketing', 'STOP MARKETING'],
    ['ＳＴＯＰ', 'STOP'],
    ['s\u0301top', 'STOP'],
    ['', ''],
    ['  ', ''],
    ['?!…', ''],
    ['🛑', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeKeywordText(input)).toBe(expected);
  });

  it('turns punctuation between words into a space, keeping every word', () => {
    expect(normalizeKeywordText('stop, marketing')).toBe('STOP MARKETING');
    expect(normalizeKeywordText('stop.stop')).toBe('STOP STOP');
    expect(normalizeKeywordText("Non scrivermi piu'!")).toBe('NON SCRIVERMI PIU');
  });
});

describe('matchOptOut', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    ['Stop!', 'STOP'],
    [' stop. ', 'STOP'],
    ['STÒP', 'STOP'],
    ['Stop!!! 🛑', 'STOP'],
    ['arresta', 'ARRESTA'],
    ['Arrèsta.', 'ARRESTA'],
    ['cancellami', 'CANCELLAMI'],
    [' Cancellàmi ', 'CANCELLAMI'],
    ['stop marketing', 'STOP MARKETING'],
    ['STOP   MARKETING!', 'STOP MARKETING'],
    ['Stop-Marketing', 'STOP MARKETING'],
    ['stop promozioni', 'STOP PROMOZIONI'],
    ['stop pubblicita', 'STOP PUBBLICITÀ'],
    ['Unsubscribe.', 'UNSUBSCRIBE'],
    ['disiscrivimi', 'DISISCRIVIMI'],
    ['Annulla iscrizione', 'ANNULLA ISCRIZIONE'],
    ['opt-out', 'OPT OUT'],
    ['optout', 'OPTOUT'],
  ])('%j is an opt-out by %j', (text, keyword) => {
    expect(match(text)).toEqual({ keyword });
  });

  it.each([
    ['a sentence containing the keyword', 'Potete fermare la spedizione? stop'],
    ['a question about stopping something', 'can I stop the order?'],
    ['the keyword followed by more words', 'stop the order'],
    ['the keyword said twice', 'stop stop'],
    ['the keyword inside a word', 'stopped'],
    ['words around the keyword', 'non stop'],
    ['a keyword inside a longer request', 'stop marketing emails'],
    ['a partial multi-word keyword', 'marketing'],
    ['an empty message', ''],
    ['only spaces', '   '],
    ['only punctuation and emoji', '!!! 🛑'],
    ['an unrelated message', 'Grazie, ricevuto'],
  ])('%s is not an opt-out', (_, text) => {
    expect(match(text)).toBeNull();
  });

  it('answers with the keyword as configured, matched in any written form', () => {
    expect(matchOptOut('STOP', ['Basta', 'stop'])).toEqual({ keyword: 'stop' });
    expect(matchOptOut('basta!', ['Basta', 'stop'])).toEqual({ keyword: 'Basta' });
    expect(matchOptOut('ÉLIMINER', ['eliminer'])).toEqual({ keyword: 'eliminer' });
    expect(matchOptOut('eliminer', ['Éliminer'])).toEqual({ keyword: 'Éliminer' });
  });

  it('matches only the configured list', () => {
    expect(matchOptOut('STOP', ['ARRESTA'])).toBeNull();
    expect(matchOptOut('STOP', [])).toBeNull();
  });

  it('ignores configured keywords that are only punctuation, even for a punctuation-only message', () => {
    expect(matchOptOut('!!!', ['!!!'])).toBeNull();
  });

  it('drops courtesy words at either end, repeatedly, but never inside', () => {
    expect(match('stop please')).toEqual({ keyword: 'STOP' });
    expect(match('Per favore, basta messaggi. Grazie mille!')).toEqual({ keyword: 'BASTA MESSAGGI' });
    expect(match('please please stop')).toEqual({ keyword: 'STOP' });
    expect(match('basta grazie messaggi')).toBeNull();
    expect(match('grazie')).toBeNull();
    expect(match('grazie, per favore')).toBeNull();
  });
});

describe('requestOf', () => {
  it.each([
    ['Stop, grazie', 'STOP'],
    ['PLEASE unsubscribe me, thanks', 'UNSUBSCRIBE ME'],
    ['thank you', ''],
    ['graziella', 'GRAZIELLA'],
    ['stop pleased', 'STOP PLEASED'],
  ])('%j → %j', (text, expected) => {
    expect(requestOf(text)).toBe(expected);
  });
});

describe('parseTenantKeywords', () => {
  it('trims, skips blanks and keeps the first of equal forms', () => {
    expect(parseTenantKeywords([' Basta offerte ', '', 'BASTA OFFERTE!', 'Niente sconti'])).toEqual(['Basta offerte', 'Niente sconti']);
  });

  it.each([
    ['punctuation only', ['!!!'], /"!!!"/],
    ['courtesy words only', ['grazie'], /courtesy/],
    ['too long', ['a'.repeat(101)], /longer than 100/],
  ])('refuses an entry that is %s', (_, entries, message) => {
    expect(() => parseTenantKeywords(entries)).toThrow(message);
  });

  it('refuses more than 50 keywords', () => {
    expect(() => parseTenantKeywords(Array.from({ length: 51 }, (_, i) => `parola ${i}`))).toThrow(/at most 50/);
    expect(parseTenantKeywords(Array.from({ length: 50 }, (_, i) => `parola ${i}`))).toHaveLength(50);
  });

  it('an empty list is allowed (the tenant adds nothing)', () => {
    expect(parseTenantKeywords([])).toEqual([]);
  });
});

describe('parseKeywordList', () => {
  it('gives the defaults (a copy) for a blank or missing value', () => {
    for (const blank of [undefined, '', '   ']) {
      const list = parseKeywordList(blank);
      expect(list).toEqual([...DEFAULT_OPT_OUT_KEYWORDS]);
      expect(list).not.toBe(DEFAULT_OPT_OUT_KEYWORDS);
    }
  });

  it('splits on commas, trims, and skips empty entries', () => {
    expect(parseKeywordList(' STOP ,Basta,, stop marketing ,')).toEqual(['STOP', 'Basta', 'stop marketing']);
  });

  it('keeps the first spelling of keywords that compare equal', () => {
    expect(parseKeywordList('Stop, STOP, stòp, Basta, basta!')).toEqual(['Stop', 'Basta']);
  });

  it('refuses an entry that could never match, naming it', () => {
    expect(() => parseKeywordList('STOP, !!!')).toThrow(/"!!!"/);
  });

  it('refuses a list with no keyword at all', () => {
    expect(() => parseKeywordList(', ,')).toThrow(/no keyword/);
  });

  it('parses into keywords matchOptOut uses', () => {
    const keywords = parseKeywordList('Basta, Stop Marketing');
    expect(matchOptOut('BASTA!', keywords)).toEqual({ keyword: 'Basta' });
    expect(matchOptOut('stop marketing', keywords)).toEqual({ keyword: 'Stop Marketing' });
    expect(matchOptOut('stop', keywords)).toBeNull();
  });
});
