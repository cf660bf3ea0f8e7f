import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { AcUnitInput } from '@shared/contracts/customers.contract';
import { anonymisedError } from '../customers.errors';
import { findAddress, findCustomer, insertUnit } from '../customers.repository';

/**
 * Adds an AC unit to a customer (optionally at one of their addresses) and returns its id. Joins the
 * caller's transaction. `path` prefixes field errors (e.g. "unit").
 */
export async function addUnit(ctx: Ctx, customerId: string, input: AcUnitInput, path = ''): Promise<string> {
  const prefix = path ? `${path}.` : '';
  const zh = ctx.request.locale === 'zh-CN';
  if (input.installDate && input.warrantyEnd && input.warrantyEnd < input.installDate) {
    throw AppError.field(
      `${prefix}warrantyEnd`,
      'before_install',
      zh ? '保修截止日期不能早于安装日期' : 'The warranty cannot end before the installation date',
    );
  }
  return withTransaction(ctx, async (tx) => {
    const customer = await findCustomer(tx.db, customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    if (customer.anonymisedAt) throw anonymisedError(ctx.request.locale);
    if (input.addressId) {
      const address = await findAddress(tx.db, input.addressId);
      if (address?.customerId !== customerId) {
        throw AppError.field(
          `${prefix}addressId`,
          'not_found',
          zh ? '该客户没有这个地址' : 'This customer has no such address',
        );
      }
    }
    const row = await insertUnit(tx.db, {
      customerId,
      addressId: input.addressId ?? null,
      brand: input.brand.trim(),
      model: input.model.trim(),
      serial: input.serial?.trim() ?? '',
      type: input.type,
      refrigerant: input.refrigerant ?? 'unknown',
      installDate: input.installDate ?? null,
      warrantyEnd: input.warrantyEnd ?? null,
      createdAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'customer.unit.added',
      objectType: 'customer',
      objectId: customerId,
      details: { unitId: row.id, brand: row.brand, model: row.model, type: row.type },
    });
    return row.id;
  });
}
