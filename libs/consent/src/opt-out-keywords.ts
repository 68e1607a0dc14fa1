/*
 * Opt-out keywords and phrases in inbound WhatsApp messages.
 *
 * The rule: a message is an opt-out only when the WHOLE message is one keyword or phrase, once
 * both are brought to a comparable form: case, accents, invisible characters, spacing and
 * punctuation do not count ("Stop!", " stop. ", "STÒP", "Basta, messaggi", "non scrivermi piu'"),
 * and courtesy words at either end are dropped ("Stop, grazie", "Per favore basta messaggi",
 * "Unsubscribe please"). A message that merely contains a keyword ("non fermatevi, stop alle
 * attese", "stop by the shop tomorrow", "can I stop the order?") is not: an opt-out records a
 * refusal in the ledger and silences the customer's marketing, so a false positive costs more than
 * asking the customer to send the bare keyword. For the same reason words that are ordinary
 * answers in a shop's chat ("basta", "cancel", "end", "fine") are not keywords on their own.
 */

/**
 * What Meta's own opt-out buttons say and what Italian and English customers write. The
 * deployment may replace the list (OPT_OUT_KEYWORDS); each tenant may add its own.
 */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  // Single words.
  'STOP',
  'STOPALL',
  'ARRESTA',
  'CANCELLAMI',
  'DISISCRIVIMI',
  'DISISCRIVERMI',
  'RIMUOVIMI',
  'UNSUBSCRIBE',
  'OPT OUT',
  'OPTOUT',
  // Meta's marketing opt-out quick replies ("Stop promotions", formerly "Unsubscribe from Promos").
  'STOP PROMOTIONS',
  'UNSUBSCRIBE FROM PROMOS',
  'STOP PROMOS',
  // Italian phrases.
  'STOP MARKETING',
  'STOP PROMOZIONI',
  'STOP PUBBLICITÀ',
  'STOP MESSAGGI',
  'BASTA MESSAGGI',
  'BASTA PROMOZIONI',
  'BASTA PUBBLICITÀ',
  'BASTA SPAM',
  'ANNULLA ISCRIZIONE',
  'CANCELLA ISCRIZIONE',
  'NON SCRIVERMI PIÙ',
  'NON SCRIVETEMI PIÙ',
  'NON CONTATTARMI PIÙ',
  'NON CONTATTATEMI PIÙ',
  'NON MANDATEMI PIÙ MESSAGGI',
  'NON INVIATEMI PIÙ MESSAGGI',
  'NON VOGLIO PIÙ MESSAGGI',
  'NON VOGLIO PIÙ RICEVERE MESSAGGI',
  'NON VOGLIO RICEVERE PIÙ MESSAGGI',
  'NIENTE PIÙ MESSAGGI',
  // English phrases.
  'STOP ALL',
  'STOP MESSAGES',
  'STOP SENDING MESSAGES',
  'STOP MESSAGING ME',
  'UNSUBSCRIBE ME',
  'REMOVE ME',
  'NO MORE MESSAGES',
  'DO NOT CONTACT ME',
  "DON'T CONTACT ME",
  "DON'T MESSAGE ME",
];

/** Said around a request without changing it; dropped at either end, never inside. */
const COURTESY = ['PER FAVORE', 'PERFAVORE', 'PER PIACERE', 'GRAZIE MILLE', 'GRAZIE', 'PLEASE', 'PLS', 'PLZ', 'THANK YOU', 'THANKS'];

// Invisible format characters (zero-width spaces and joiners, bidi marks) that phones insert.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const COMBINING_MARKS = /\p{M}/gu;
// Punctuation, symbols (emoji included) and spaces, inside or around the words: "«Stop!» 🛑",
// "stop-marketing", "opt_out", "basta, messaggi", "don't" all keep only their words.
const NOISE_RUN = /[\s\p{P}\p{S}]+/gu;

/** The comparable form of a message or keyword: upper case, unaccented, its words single-spaced. */
export function normalizeKeywordText(text: string): string {
  return text
    .normalize('NFKD') // NFD plus compatibility forms: full-width "ＳＴＯＰ" is STOP
    .replace(COMBINING_MARKS, '')
    .replace(FORMAT_CHARACTERS, '')
    .replace(NOISE_RUN, ' ')
    .trim()
    .toUpperCase();
}

/** The message's comparable form without courtesy words at its ends. */
export function requestOf(text: string): string {
  let words = normalizeKeywordText(text);
  for (let changed = true; changed;) {
    changed = false;
    for (const courtesy of COURTESY) {
      if (words === courtesy) return '';
      if (words.startsWith(`${courtesy} `)) {
        words = words.slice(courtesy.length + 1);
        changed = true;
      } else if (words.endsWith(` ${courtesy}`)) {
        words = words.slice(0, -courtesy.length - 1);
        changed = true;
      }
    }
  }
  return words;
}

/** The configured keyword (as configured) the whole message amounts to, or null. */
export function matchOptOut(text: string, keywords: readonly string[]): { keyword: string } | null {
  const message = requestOf(text);
  if (message.length === 0) return null;
  const keyword = keywords.find((k) => normalizeKeywordText(k) === message);
  return keyword === undefined ? null : { keyword };
}

/** Limits of a tenant's own list: enough for a shop's wording, small enough to read in a log of settings. */
export const MAX_TENANT_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 100;

/**
 * A tenant's own keywords (added to the deployment's): trimmed, deduplicated by comparable form.
 * Throws RangeError naming the first entry that could never match or is too long.
 */
export function parseTenantKeywords(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of entries) {
    const keyword = raw.trim();
    if (keyword === '') continue;
    if (keyword.length > MAX_KEYWORD_LENGTH) throw new RangeError(`opt-out keyword "${keyword.slice(0, 20)}…" is longer than ${MAX_KEYWORD_LENGTH} characters`);
    const key = normalizeKeywordText(keyword);
    if (key === '') throw new RangeError(`opt-out keyword "${keyword}" has no letters or digits`);
    if (requestOf(keyword) === '') throw new RangeError(`opt-out keyword "${keyword}" is only courtesy words`);
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
  }
  if (keywords.length > MAX_TENANT_KEYWORDS) throw new RangeError(`at most ${MAX_TENANT_KEYWORDS} opt-out keywords per tenant`);
  return keywords;
}

/**
 * A comma-separated keyword list from configuration; blank means the defaults. Entries are trimmed
 * and deduplicated by their comparable form. An entry that is only punctuation could never match
 * and is a configuration mistake, so it throws rather than silently disabling that keyword.
 */
export function parseKeywordList(csv: string | undefined): string[] {
  if (csv === undefined || csv.trim() === '') return [...DEFAULT_OPT_OUT_KEYWORDS];
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of csv.split(',')) {
    const keyword = raw.trim();
    if (keyword === '') continue;
    const key = normalizeKeywordText(keyword);
    if (key === '') throw new RangeError(`opt-out keyword "${keyword}" has no letters or digits`);
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
  }
  if (keywords.length === 0) throw new RangeError('the opt-out keyword list names no keyword');
  return keywords;
}
