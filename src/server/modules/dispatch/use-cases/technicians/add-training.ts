import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { insertTraining } from '../../technicians.repository';
import { technicianDetail } from './technician-detail';
import { branchDay, issue, technicianFor } from './technician-support';

export interface AddTrainingInput {
  course: string;
  heldOn: string;
  hours: number;
  result: 'pass' | 'fail' | 'attended';
  note?: string;
}

/** POST /api/technicians/:technicianId/trainings — records a training held (not in the future). Audited. */
export async function addTraining(ctx: Ctx, technicianId: string, input: AddTrainingInput): Promise<TechnicianDetail> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const tech = await technicianFor(tx, technicianId, { lock: true });
    const { today } = await branchDay(tx, tech.branchId);
    if (input.heldOn > today) {
      throw AppError.validation([
        issue(tx, 'heldOn', 'in_the_future', '培训日期不能晚于今天', 'A training is recorded once it was held'),
      ]);
    }
    const row = await insertTraining(tx.db, {
      technicianId,
      course: input.course,
      heldOn: input.heldOn,
      hoursTenths: Math.round(input.hours * 10),
      result: input.result,
      note: input.note ?? '',
      recordedByName: actor.displayName,
      createdAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'technician.training.added',
      objectType: 'technician',
      objectId: technicianId,
      after: { trainingId: row.id, ...input },
    });
    return technicianDetail(tx, tech);
  });
}
