import { customerSummaries, findCustomerByPhone } from '@server/modules/customers';
import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { WorkOrderSummary } from '@shared/contracts/intake.contract';
import { parsePhone } from '@shared/domain/phone';
import { pageWorkOrders, type WorkOrderFilter, type WorkOrderListRow, type WorkOrderSort } from '../intake.repository';
import { toSummary } from '../intake.views';
import { runningClockDeadlines } from './clocks';

export interface WorkOrderListQuery {
  status?: string[];
  channel?: string;
  priority?: string;
  faultCategory?: string;
  district?: string;
  from?: string;
  to?: string;
  overdue?: 'true' | 'false';
  q?: string;
  customerId?: string;
  sort?: WorkOrderSort;
  order?: 'asc' | 'desc';
}

/**
 * The query as repository filters, within the reader's branch. `q`: "WO-…" is an order-number prefix (the full
 * number matches exactly); a phone finds that customer's orders (blind index); anything else is part of a number.
 */
export async function listFilter(ctx: Ctx, query: WorkOrderListQuery): Promise<WorkOrderFilter> {
  const actor = requireActor(ctx.actor);
  const f: WorkOrderFilter = {
    ...(query.status?.length ? { statuses: query.status } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.faultCategory ? { faultCategory: query.faultCategory } : {}),
    ...(query.district ? { district: query.district } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
    ...(query.customerId ? { customerId: query.customerId } : {}),
  };
  const scope = branchScope(actor);
  if (scope !== undefined) f.scopeBranchId = scope;
  const q = query.q?.trim();
  if (q) {
    const upper = q.toUpperCase();
    if (upper.startsWith('WO-')) f.numberPrefix = upper;
    else if (parsePhone(q)) {
      const found = (await findCustomerByPhone(ctx, q))?.customerId ?? null;
      // Both a customer and a phone: only that customer's orders, and only if the phone is theirs.
      f.customerId = f.customerId !== undefined && f.customerId !== found ? null : found;
    } else f.numberContains = upper;
  }
  return f;
}

/**
 * Rows → list items, customers masked per the reader's roles (customers' summaries; never a full mobile), with the
 * deadline of each order's running clock (one query for the page).
 */
export async function summariesOf(ctx: Ctx, rows: WorkOrderListRow[]): Promise<WorkOrderSummary[]> {
  const [customers, clocks] = await Promise.all([
    customerSummaries(
      ctx,
      rows.map((r) => r.order.customerId),
    ),
    runningClockDeadlines(
      ctx,
      rows.map((r) => ({ id: r.order.id, status: r.order.status, firedDue: r.slaFiredDue })),
    ),
  ]);
  return rows.map((r) =>
    toSummary(r.order, customers.get(r.order.customerId), { ...r, sla: clocks.get(r.order.id) ?? null }),
  );
}

/** Work orders of the reader's branch: filters, search, server-side pagination and sorting (newest first). */
export async function listWorkOrders(ctx: Ctx, query: WorkOrderListQuery & { page?: number; pageSize?: number }) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filter = await listFilter(ctx, query);
  const { items, total } = await pageWorkOrders(
    ctx.db,
    filter,
    { by: query.sort ?? 'createdAt', order: query.order ?? 'desc' },
    { page, pageSize },
    ctx.now,
  );
  return { items: await summariesOf(ctx, items), total, page, pageSize };
}
