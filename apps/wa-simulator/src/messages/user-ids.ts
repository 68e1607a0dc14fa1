import { createHash } from 'node:crypto';

/**
 * Who a send reaches, as Meta resolves it. Meta answers a send with `contacts[]`: the `input` as
 * given, the `wa_id` it resolved (it "may not always match" the number: Brazilian mobiles dialled
 * without the 9th digit resolve to the 9-digit wa_id, Mexican ones to the old 52 1 form) and, since usernames, the user's
 * business-scoped user id (`user_id`). A send by BSUID (the `recipient` field) has no wa_id.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
 */
export const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

const COUNTRIES: [string, string][] = [
  ['55', 'BR'],
  ['52', 'MX'],
  ['39', 'IT'],
  ['44', 'GB'],
  ['1', 'US'],
];

/**
 * Brazil's 9th digit (added to mobiles from 2012 to 2016): accounts outside area codes 11–28
 * (São Paulo, Rio, Espírito Santo) kept their 8-digit wa_id, so a number dialled with the 9 there
 * resolves to the wa_id without it (55 31 9 8765 4321 → 55 31 8765 4321), and a mobile dialled
 * without the 9 in 11–28 resolves to the wa_id with it (55 11 8765 4321 → 55 11 9 8765 4321).
 */
export function resolveWaId(digits: string): string {
  // Mexico dropped the mobile prefix 1 (52 1 …) in 2019; WhatsApp accounts kept it in their wa_id,
  // so a number dialled as today's 52 + 10 digits resolves to 52 1 + 10 digits.
  const mexico = /^52([1-9][0-9]{9})$/.exec(digits);
  if (mexico) return `521${mexico[1]}`;
  const nine = /^55([1-9][0-9])9([6-9][0-9]{7})$/.exec(digits);
  if (nine && Number(nine[1]) > 28) return `55${nine[1]}${nine[2]}`;
  const eight = /^55([1-9][0-9])([6-9][0-9]{7})$/.exec(digits);
  if (eight && Number(eight[1]) <= 28) return `55${eight[1]}9${eight[2]}`;
  return digits;
}

/** The simulated user's BSUID: stable per resolved number, with the number's country as Meta prefixes it. */
export function bsuidOf(waId: string): string {
  const country = COUNTRIES.find(([prefix]) => waId.startsWith(prefix))?.[1] ?? 'ZZ';
  const n = BigInt(`0x${createHash('sha256').update(`bsuid:${waId}`).digest('hex').slice(0, 15)}`);
  return `${country}.${n.toString()}`;
}

export interface SendContact {
  input: string;
  wa_id?: string;
  user_id: string;
}

export function sendContact(input: string, byUserId: boolean): SendContact {
  if (byUserId) return { input, user_id: input };
  const waId = resolveWaId(input);
  return { input, wa_id: waId, user_id: bsuidOf(waId) };
}
