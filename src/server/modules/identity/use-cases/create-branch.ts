import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Branch } from '@shared/contracts/identity.contract';
import { findBranchByCode, insertBranch } from '../identity.repository';
import { toBranch } from '../identity.views';
import { writeAudit } from './write-audit';

export interface CreateBranchInput {
  code: string;
  name: string;
  city: string;
  address?: string;
  phone?: string;
  timeZone?: string;
}

export async function createBranch(ctx: Ctx, input: CreateBranchInput): Promise<Branch> {
  return withTransaction(ctx, async (tx) => {
    if (await findBranchByCode(tx.db, input.code)) {
      const zh = ctx.request.locale === 'zh-CN';
      throw new AppError('CONFLICT', {
        issues: [{ path: 'code', code: 'taken', message: zh ? '网点编码已存在' : 'This code is taken' }],
      });
    }
    const row = await insertBranch(tx.db, {
      code: input.code,
      name: input.name,
      city: input.city,
      address: input.address ?? '',
      phone: input.phone ?? '',
      timeZone: input.timeZone ?? 'Asia/Shanghai',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const view = toBranch(row);
    await writeAudit(tx, { action: 'branch.created', objectType: 'branch', objectId: row.id, after: view });
    return view;
  });
}
