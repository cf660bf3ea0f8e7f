import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { CustomerSummary } from '@shared/contracts/customers.contract';
import { parsePhone } from '@shared/domain/phone';
import { nameIndexOf, phoneIndexOf } from '../customers.crypto';
import { findPhoneByIndex, pageCustomerIds } from '../customers.repository';
import { customerSummaries } from './customer-summaries';

export interface SearchCustomersInput {
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * GET /api/customers — by a full phone number (its blind index: phones are encrypted, so no partial match),
 * else by an exact full name (name blind index); without q, the newest customers. Masked per role.
 */
export async function searchCustomers(ctx: Ctx, input: SearchCustomersInput) {
  requireActor(ctx.actor);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const q = input.q?.trim() ?? '';
  let ids: string[];
  let total: number;
  const phone = q ? parsePhone(q) : null;
  if (phone) {
    const row = await findPhoneByIndex(ctx.db, phoneIndexOf(ctx.cipher, phone));
    ids = row && page === 1 ? [row.customerId] : [];
    total = row ? 1 : 0;
  } else {
    ({ ids, total } = await pageCustomerIds(
      ctx.db,
      q ? { nameIndex: nameIndexOf(ctx.cipher, q) } : {},
      page,
      pageSize,
    ));
  }
  const summaries = await customerSummaries(ctx, ids);
  const items = ids.map((id) => summaries.get(id)).filter((s): s is CustomerSummary => s !== undefined);
  return { items, total, page, pageSize };
}
