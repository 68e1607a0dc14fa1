import { verifyHubSignature } from './webhook-signature.js';

/** The deployment's app secret (WHATSAPP_APP_SECRET) in a payload's list of signers. */
export const DEPLOYMENT_SIGNER = 'deployment';

/**
 * Whose secrets a payload's signature verified with: DEPLOYMENT_SIGNER and/or the ids of tenants
 * that bring their own Meta app. Decided on the raw bytes; the body only said which tenants'
 * secrets were worth trying.
 */
export type Signers = readonly string[];

export interface TenantSecret {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  /** The tenant's own app secret(s), comma-separated for rotation. */
  appSecret: string;
}

// A body can name any number of ids; only this many distinct ones are looked at (Meta batches a
// handful of entries per delivery), so a forged body cannot make us compute thousands of HMACs.
export const MAX_NAMED_IDS = 50;
// Each candidate costs an HMAC over the body (up to 4 MiB) before anything is authenticated; one
// Meta app's delivery names its own few accounts, so a body naming more is cut off here.
export const MAX_CANDIDATES = 8;

/**
 * The business numbers (`entry[].changes[].value.metadata.phone_number_id`) and accounts
 * (`entry[].id`) a body names, untrusted: only used to pick which tenant secrets to try.
 */
export function namedIds(body: Uint8Array): { phoneNumberIds: Set<string>; wabaIds: Set<string> } {
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return { phoneNumberIds, wabaIds };
  }
  const add = (set: Set<string>, x: unknown) => {
    if ((typeof x === 'string' && x !== '') || typeof x === 'number') if (phoneNumberIds.size + wabaIds.size < MAX_NAMED_IDS) set.add(String(x));
  };
  for (const entry of list(obj(payload)?.entry)) {
    add(wabaIds, obj(entry)?.id);
    for (const change of list(obj(entry)?.changes)) add(phoneNumberIds, obj(obj(obj(change)?.value)?.metadata)?.phone_number_id);
  }
  return { phoneNumberIds, wabaIds };
}

/** The tenants with their own secret that the body names by number or account (at most MAX_CANDIDATES). */
export function candidateTenants(named: { phoneNumberIds: Set<string>; wabaIds: Set<string> }, withSecrets: readonly TenantSecret[]): TenantSecret[] {
  return withSecrets.filter((t) => named.phoneNumberIds.has(t.phoneNumberId) || named.wabaIds.has(t.wabaId)).slice(0, MAX_CANDIDATES);
}

/** Every secret the signature verifies with, among the deployment's and the candidates'. Empty: refuse. */
export function signersOf(body: Uint8Array, header: string | undefined, deploymentSecrets: readonly string[], candidates: readonly TenantSecret[]): string[] {
  const signers: string[] = [];
  if (verifyHubSignature(body, header, deploymentSecrets)) signers.push(DEPLOYMENT_SIGNER);
  for (const t of candidates) if (verifyHubSignature(body, header, splitSecrets(t.appSecret))) signers.push(t.id);
  return signers;
}

/**
 * The rule: a tenant with its own app accepts only what its own secret signed; every other tenant
 * only what the deployment's secret signed. So the deployment's secret cannot speak for a tenant
 * that brought its own app, and no tenant's secret can speak for another tenant.
 */
export function signerAllowed(tenant: { id: string; ownAppSecret: boolean }, signers: Signers): boolean {
  return signers.includes(tenant.ownAppSecret ? tenant.id : DEPLOYMENT_SIGNER);
}

export function splitSecrets(secrets: string): string[] {
  return secrets
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function obj(x: unknown): Record<string, unknown> | null {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
