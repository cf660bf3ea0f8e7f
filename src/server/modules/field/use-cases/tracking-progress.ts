import type { TrackedVisit } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import type { VisitKind, VisitStatus } from '@shared/domain/field';
import { customerVisit, shownVisits } from '../domain/customer-progress';
import { visitsOfOrder } from '../field.repository';
import { progressOfVisit } from './visit-support';

/**
 * The provider of the customer's tracking page (intake's `setVisitProgressProvider`): the order's visits in order
 * (not the withdrawn or cancelled ones), each step in plain words with its state and time, the ETA, arrival,
 * expected finish, last delay and finish, and whether the service record can be opened. No staff notes, no skip
 * reasons, no positions.
 */
export async function trackingProgress(ctx: Ctx, workOrderId: string): Promise<TrackedVisit[]> {
  const visits = shownVisits(await visitsOfOrder(ctx.db, workOrderId));
  const out: TrackedVisit[] = [];
  for (const visit of visits) {
    const { rows, progress } = await progressOfVisit(ctx, visit);
    out.push(
      customerVisit(
        {
          visitNo: visit.visitNo,
          kind: visit.kind as VisitKind,
          status: visit.status as VisitStatus,
          windowStart: visit.windowStart,
          windowEnd: visit.windowEnd,
          etaAt: visit.etaAt,
          arrivedAt: visit.arrivedAt,
          expectedFinishAt: visit.expectedFinishAt,
          finishedAt: visit.finishedAt,
        },
        progress.steps,
        rows,
        ctx.request.locale,
      ),
    );
  }
  return out;
}
