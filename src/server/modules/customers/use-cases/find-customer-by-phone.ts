import type { Ctx } from '@server/platform/context';
import { parsePhone } from '@shared/domain/phone';
import { phoneIndexOf } from '../customers.crypto';
import { findPhoneByIndex } from '../customers.repository';

/** The customer and phone a number belongs to (blind index), or null; a malformed number is simply not found. */
export async function findCustomerByPhone(
  ctx: Ctx,
  phone: string,
): Promise<{ customerId: string; phoneId: string } | null> {
  const parsed = parsePhone(phone);
  if (!parsed) return null;
  const row = await findPhoneByIndex(ctx.db, phoneIndexOf(ctx.cipher, parsed));
  return row ? { customerId: row.customerId, phoneId: row.id } : null;
}
