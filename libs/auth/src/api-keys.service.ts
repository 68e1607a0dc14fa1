import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LedgerActor } from '#sigillo/ledger';
import { ApiKeyRepository, type ApiKeyListing } from './api-key.repository.js';
import type { ApiRole } from './api-role.js';
import type { KeyPrincipal } from './principal.js';

export type { Principal } from './principal.js';

/** Changes made at the `sigillo` command line: whoever runs it has the database's credentials. */
export const CLI_ACTOR: LedgerActor = { kind: 'cli', id: 'cli' };

/** API keys are shown once and stored as SHA-256: 256 random bits need no slow hash. */
const CACHE_MS = 5_000;
const MAX_CACHED = 10_000;

@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { principal: KeyPrincipal | null; at: number }>();

  constructor(private readonly keys: ApiKeyRepository) {}

  /** A new key, recorded with a config.api_key_created entry naming `actor` (the command line unless said). */
  async create(role: ApiRole, label = '', tenantId: string | null = null, actor: LedgerActor = CLI_ACTOR): Promise<{ id: string; key: string }> {
    const key = `sk_${role}_${randomBytes(32).toString('base64url')}`;
    const { id } = await this.keys.insert({ id: randomUUID(), role, keyHash: hashKey(key), label, tenantId }, actor);
    return { id, key };
  }

  list(tenantId: string): Promise<ApiKeyListing[]> {
    return this.keys.list(tenantId);
  }

  /** Revokes a key of the tenant, with a config.api_key_revoked entry; refused at once by this api (the cache forgets it). */
  async revoke(id: string, tenantId: string, actor: LedgerActor): Promise<'revoked' | 'already' | 'missing'> {
    const outcome = await this.keys.revoke(id, tenantId, actor);
    if (outcome === 'revoked') this.cache.clear();
    return outcome;
  }

  /** Cached briefly: every request authenticates, and a revocation may take CACHE_MS to bite. */
  async authenticate(key: string): Promise<KeyPrincipal | null> {
    const hash = hashKey(key);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.principal;
    const found = await this.keys.findActive(hash);
    const principal: KeyPrincipal | null = found ? { kind: 'api_key', keyId: found.id, role: found.role, tenantId: found.tenantId } : null;
    if (this.cache.size > MAX_CACHED) this.cache.clear();
    this.cache.set(hash, { principal, at: Date.now() });
    return principal;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
