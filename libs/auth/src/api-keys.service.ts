import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ApiKeyRepository } from './api-key.repository.js';
import type { ApiRole } from './api-role.js';

export interface Principal {
  keyId: string;
  role: ApiRole;
}

/** API keys are shown once and stored as SHA-256: 256 random bits need no slow hash. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeyRepository) {}

  async create(role: ApiRole, label = ''): Promise<{ id: string; key: string }> {
    const key = `sk_${role}_${randomBytes(32).toString('base64url')}`;
    const { id } = await this.keys.insert(role, hashKey(key), label);
    return { id, key };
  }

  async authenticate(key: string): Promise<Principal | null> {
    const found = await this.keys.findActiveRole(hashKey(key));
    return found ? { keyId: found.id, role: found.role } : null;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
