/*
 * Uses libphonenumber-js's `max` metadata and `isValid()`, not `isPossible()`: `isPossible` only
 * checks the length, so `+39 000 0000000` would pass and reach WhatsApp as an undeliverable send
 * (131026); the full per-country number patterns reject it here, as a 400 Passweb can fix. The
 * number type is not checked: WhatsApp accounts can sit on landlines, so those are accepted.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

export type NormalizedPhone = { ok: true; e164: string } | { ok: false; reason: string };

// Digits and the usual separators only: the parser would otherwise fish a number out of free text
// ("call +39…") or accept letters as vanity digits, and Passweb must send the number itself.
const PHONE_CHARACTERS = /^\(?\+?[0-9 ()./-]+$/;
const MAX_INPUT_LENGTH = 64;

/** Reasons never include the number: they end up in API errors and logs. */
export function normalizePhone(input: string, defaultCountry: CountryCode): NormalizedPhone {
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'is empty' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: `is longer than ${MAX_INPUT_LENGTH} characters` };
  if (!PHONE_CHARACTERS.test(text)) {
    return { ok: false, reason: 'may contain only digits, a leading "+", spaces and ( ) . / -' };
  }
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (parsed === undefined) return { ok: false, reason: 'is not a phone number' };
  if (!parsed.isPossible()) return { ok: false, reason: 'has the wrong number of digits for its country' };
  if (!parsed.isValid()) return { ok: false, reason: 'is not a valid number for its country' };
  return { ok: true, e164: parsed.number };
}

/** The Cloud API `to` and `wa_id` format: country code and number, digits only. */
export function toWhatsAppDigits(e164: string): string {
  if (!/^\+[1-9][0-9]{6,14}$/.test(e164)) throw new Error('toWhatsAppDigits expects an E.164 number');
  return e164.slice(1);
}
