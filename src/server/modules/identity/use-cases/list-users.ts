import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { listBranches, listUsers as listUserRows } from '../identity.repository';
import { toUser } from '../identity.views';

export interface ListUsersInput {
  page?: number;
  pageSize?: number;
  q?: string;
  role?: string;
  branchId?: string;
  status?: 'active' | 'disabled';
}

export async function listUsers(ctx: Ctx, input: ListUsersInput) {
  const actor = requireActor(ctx.actor);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const scope = branchScope(actor);
  const { items, total } = await listUserRows(
    ctx.db,
    {
      q: input.q,
      role: input.role,
      branchId: input.branchId,
      status: input.status,
      ...(scope !== undefined ? { scopeBranchId: scope } : {}),
    },
    page,
    pageSize,
  );
  const branches = new Map((await listBranches(ctx.db)).map((b) => [b.id, b]));
  return { items: items.map((u) => toUser(u, u.branchId ? branches.get(u.branchId) : null)), total, page, pageSize };
}
