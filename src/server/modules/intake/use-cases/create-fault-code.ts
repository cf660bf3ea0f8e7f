import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { FaultCode, SkillCode } from '@shared/contracts/intake.contract';
import { insertFaultCodeIfNew } from '../intake.repository';
import { toFaultCode } from '../intake.views';

export interface CreateFaultCodeInput {
  brand: string;
  code: string;
  categoryCode: string;
  meaningZh: string;
  meaningEn: string;
  complexity: 'simple' | 'complex';
  requiredSkills: SkillCode[];
  standardMinutes: number;
  likelyParts: string[];
}

/** An admin adds a brand error code (codes upper-cased: "e1" → "E1"); a brand + code on file is a 409. */
export async function createFaultCode(ctx: Ctx, input: CreateFaultCodeInput): Promise<FaultCode> {
  const zh = ctx.request.locale === 'zh-CN';
  return withTransaction(ctx, async (tx) => {
    const row = await insertFaultCodeIfNew(tx.db, {
      ...input,
      brand: input.brand.trim(),
      code: input.code.toUpperCase(),
      requiredSkills: [...new Set(input.requiredSkills)],
    });
    if (!row) {
      throw new AppError('CONFLICT', {
        issues: [
          { path: 'code', code: 'taken', message: zh ? '该品牌已有此故障代码' : 'This brand already has this code' },
        ],
      });
    }
    await writeAudit(tx, { action: 'fault.code.created', objectType: 'fault_code', objectId: row.id, after: row });
    return toFaultCode(row);
  });
}
