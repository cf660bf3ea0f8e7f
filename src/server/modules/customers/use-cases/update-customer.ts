import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CustomerCard } from '@shared/contracts/customers.contract';
import { nameColumns } from '../customers.crypto';
import { anonymisedError } from '../customers.errors';
import { lockCustomer, updateCustomerVersioned } from '../customers.repository';
import { customerCard } from './customer-card';

export interface UpdateCustomerInput {
  version: number;
  name?: string;
  note?: string;
}

/** PATCH /api/customers/:customerId — name and note under optimistic locking (stale → 409, nothing changes). */
export async function updateCustomer(ctx: Ctx, customerId: string, input: UpdateCustomerInput): Promise<CustomerCard> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await lockCustomer(tx.db, customerId);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    if (before.anonymisedAt) throw anonymisedError(ctx.request.locale);
    const after = await updateCustomerVersioned(
      tx.db,
      customerId,
      input.version,
      {
        ...(input.name !== undefined ? nameColumns(tx.cipher, input.name) : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    const fields = [
      ...(input.name !== undefined && after.nameIndex !== before.nameIndex ? ['name'] : []),
      ...(input.note !== undefined && input.note !== before.note ? ['note'] : []),
    ];
    // Names and notes are personal data: the audit row names what changed, not the values.
    await writeAudit(tx, {
      action: 'customer.updated',
      objectType: 'customer',
      objectId: customerId,
      before: { nameMasked: before.nameMasked, version: before.version },
      after: { nameMasked: after.nameMasked, version: after.version },
      details: { fields },
    });
    return customerCard(tx, customerId);
  });
}
