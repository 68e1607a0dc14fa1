/*
 * Opt-out keywords in inbound WhatsApp messages. A message is an opt-out only when the whole
 * message is a keyword, give or take case, accents, spacing and surrounding punctuation ("Stop!",
 * " stop. ", "STÒP"). A sentence that merely contains one ("non fermatevi, stop alle attese",
 * "can I stop the order?") is not: an opt-out records a refusal in the ledger and silences the
 * customer's notifications, so a false positive costs more than asking the customer to resend
 * the bare keyword.
 */

/** What Meta's own guidance and Italian customers actually write; configurable per deployment. */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP',
  'ARRESTA',
  'CANCELLAMI',
  'STOP MARKETING',
  'STOP PROMOZIONI',
  'STOP PUBBLICITÀ',
  'DISISCRIVIMI',
  'ANNULLA ISCRIZIONE',
  'UNSUBSCRIBE',
  'OPT OUT',
  'OPTOUT',
];

// Invisible format characters (zero-width spaces and joiners, bidi marks) that phones insert.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const COMBINING_MARKS = /\p{M}/gu;
// "stop-marketing", "opt_out", "STOP  MARKETING" are the keyword written the way keyboards allow.
const SEPARATOR_RUN = /[\s\p{Pd}_]+/gu;
// Punctuation, symbols (emoji included) and spaces around the words: "«Stop!» 🛑" is still "STOP".
const SURROUNDING_NOISE = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** The comparable form of a message or keyword: upper case, unaccented, single-spaced, unframed. */
export function normalizeKeywordText(text: string): string {
  return text
    .normalize('NFKD') // NFD plus compatibility forms: full-width "ＳＴＯＰ" is STOP
    .replace(COMBINING_MARKS, '')
    .replace(FORMAT_CHARACTERS, '')
    .replace(SURROUNDING_NOISE, '')
    .replace(SEPARATOR_RUN, ' ')
    .toUpperCase();
}

/** The configured keyword (as configured) the whole message amounts to, or null. */
export function matchOptOut(text: string, keywords: readonly string[]): { keyword: string } | null {
  const message = normalizeKeywordText(text);
  if (message.length === 0) return null;
  const keyword = keywords.find((k) => normalizeKeywordText(k) === message);
  return keyword === undefined ? null : { keyword };
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
