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

/** A business-scoped user id (BSUID): ISO country code, a dot, ENT. for a parent id, up to 128 alphanumerics. */
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * Whom WhatsApp reaches, as an API caller names them: a number (normalised to E.164, as
 * normalizePhone does) or a business-scoped user id, kept as Meta writes it (`e164` then holds
 * the BSUID). Reasons never include the input.
 */
export function normalizeWhatsAppUser(input: string, defaultCountry: CountryCode): NormalizedPhone {
  const text = input.trim();
  if (BSUID.test(text)) return { ok: true, e164: text };
  const phone = normalizePhone(input, defaultCountry);
  return phone.ok ? phone : { ok: false, reason: `${phone.reason}, nor is it a business-scoped user id (such as IT.1502576394655843)` };
}

/** The Cloud API `to` and `wa_id` format: country code and number, digits only. */
export function toWhatsAppDigits(e164: string): string {
  if (!/^\+[1-9][0-9]{6,14}$/.test(e164)) throw new Error('toWhatsAppDigits expects an E.164 number');
  return e164.slice(1);
}
