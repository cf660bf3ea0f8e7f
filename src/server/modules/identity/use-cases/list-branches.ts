import type { Ctx } from '@server/platform/context';
import { listBranches as listBranchRows } from '../identity.repository';
import { toBranch } from '../identity.views';

export async function listBranches(ctx: Ctx) {
  return { items: (await listBranchRows(ctx.db)).map(toBranch) };
}
