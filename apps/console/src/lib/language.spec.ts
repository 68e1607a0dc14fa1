import { formatInstant, initialLanguage } from './language.js';

describe('the staff language', () => {
  it('is the remembered one, else the browser one, else Italian', () => {
    expect(initialLanguage('en', ['it-IT'])).toBe('en');
    expect(initialLanguage('fr', ['en-US', 'it'])).toBe('en');
    expect(initialLanguage(null, ['de-DE', 'IT-ch'])).toBe('it');
    expect(initialLanguage(null, ['de-DE'])).toBe('it');
    expect(initialLanguage(null, [])).toBe('it');
  });

  it('formats instants in that language, and says so when there is none', () => {
    expect(formatInstant('2026-12-02T14:05:09Z', 'en', 'UTC')).toBe('2 Dec 2026, 14:05:09');
    expect(formatInstant('2026-12-02T14:05:09Z', 'it', 'Europe/Rome')).toBe('2 dic 2026, 15:05:09');
    expect(formatInstant(null, 'it')).toBe('—');
    expect(formatInstant('not a date', 'en')).toBe('not a date');
  });
});
