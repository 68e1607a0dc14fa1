import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LedgerActor } from '#sigillo/ledger';
import { hashPassword } from './password.js';
import { checkNewStaff, type FieldError } from './staff-input.js';
import { StaffRepository, type StaffAccount } from './staff.repository.js';

/** Staff accounts: created by the CLI or a tenant's admin, disabled (never deleted: the ledger names them). */
@Injectable()
export class StaffAccountsService {
  constructor(private readonly staff: StaffRepository) {}

  /** 400 naming each bad field, 409 for an e-mail taken in the tenant; nothing written either way. */
  async create(tenantId: string | null, body: unknown, actor: LedgerActor): Promise<StaffAccount> {
    const checked = checkNewStaff(body);
    if (!checked.ok) throw badRequest(checked.errors);
    const { password, ...rest } = checked.value;
    const account = await this.staff.create({ id: randomUUID(), tenantId, ...rest, passwordHash: await hashPassword(password) }, actor);
    if (!account)
      throw new ConflictException({
        message: 'email: an account with this e-mail already exists',
        errors: [{ field: 'email', message: 'an account with this e-mail already exists' }],
      });
    return account;
  }

  list(tenantId: string | null, all = false): Promise<StaffAccount[]> {
    return this.staff.list(tenantId, all);
  }

  findByEmail(tenantId: string | null, email: string): Promise<StaffAccount | null> {
    return this.staff.findByEmail(tenantId, email);
  }

  /** Disables an account of the tenant and ends its sessions; 404 for another tenant's or an unknown one. */
  async disable(id: string, scope: { tenantId: string | null; anyTenant: boolean }, actor: LedgerActor): Promise<StaffAccount> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw badRequest([{ field: 'id', message: 'must be a staff account id (a UUID)' }]);
    const existing = await this.staff.find(id);
    if (!existing || (!scope.anyTenant && existing.tenantId !== scope.tenantId)) throw new NotFoundException('staff account not found');
    // Already disabled: nothing more to record.
    return (await this.staff.disable(existing, scope.anyTenant, actor)) ?? existing;
  }
}

export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ message: errors.map((e) => `${e.field}: ${e.message}`), errors });
}
