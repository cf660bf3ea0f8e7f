import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { pageAlerts } from '../intake.repository';
import { toAlert } from '../intake.views';

/** Alerts of the reader's branch for the dispatch screens (default: not yet acknowledged), of one kind on request. */
export async function listWorkOrderAlerts(
  ctx: Ctx,
  query: {
    page?: number;
    pageSize?: number;
    status?: 'open' | 'acknowledged' | 'all';
    kind?: string;
    clock?: string;
  },
) {
  const actor = requireActor(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope = branchScope(actor);
  const { items, total } = await pageAlerts(
    ctx.db,
    {
      status: query.status ?? 'open',
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.clock ? { clock: query.clock } : {}),
      ...(scope !== undefined ? { scopeBranchId: scope } : {}),
    },
    page,
    pageSize,
  );
  return { items: items.map(toAlert), total, page, pageSize };
}
