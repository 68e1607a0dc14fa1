import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ApiKeyRepository } from './api-key.repository.js';
import type { ApiRole } from './api-role.js';

export interface Principal {
  keyId: string;
  role: ApiRole;
  /** Null for a deployment-wide key. */
  tenantId: string | null;
}

/** API keys are shown once and stored as SHA-256: 256 random bits need no slow hash. */
const CACHE_MS = 5_000;
const MAX_CACHED = 10_000;

@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  constructor(private readonly keys: ApiKeyRepository) {}

  async create(role: ApiRole, label = '', tenantId: string | null = null): Promise<{ id: string; key: string }> {
    const key = `sk_${role}_${randomBytes(32).toString('base64url')}`;
    const { id } = await this.keys.insert(role, hashKey(key), label, tenantId);
    return { id, key };
  }

  /** Cached briefly: every request authenticates, and a revocation may take CACHE_MS to bite. */
  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.principal;
    const found = await this.keys.findActive(hash);
    const principal = found ? { keyId: found.id, role: found.role, tenantId: found.tenantId } : null;
    if (this.cache.size > MAX_CACHED) this.cache.clear();
    this.cache.set(hash, { principal, at: Date.now() });
    return principal;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
