import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { pagePrivacyRequests } from '../customers.repository';
import { toPrivacyRequest } from '../customers.views';

export interface ListPrivacyRequestsInput {
  page?: number;
  pageSize?: number;
  status?: 'open' | 'done' | 'rejected';
  kind?: 'export' | 'delete';
  customerId?: string;
}

/** GET /api/privacy-requests — the queue: open first, oldest first. No exported data in lists. */
export async function listPrivacyRequests(ctx: Ctx, input: ListPrivacyRequestsInput) {
  requireActor(ctx.actor);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const { items, total } = await pagePrivacyRequests(
    ctx.db,
    { status: input.status, kind: input.kind, customerId: input.customerId },
    page,
    pageSize,
  );
  return { items: items.map((i) => toPrivacyRequest(i.request, i.nameMasked)), total, page, pageSize };
}
