import type { Ctx } from '@server/platform/context';
import type { TrackingView } from '@shared/contracts/channels.contract';
import { maskMobilesIn } from '../intake.views';

/** One visit of the order as the customer's tracking page shows it (steps in plain words, times, the record). */
export type TrackedVisit = TrackingView['visits'][number];

/**
 * The technician's visits step by step on the customer's tracking page. Visits belong to field, a higher module: it
 * registers the provider when it loads (dependency inversion; intake never imports field). The provider gives the
 * order's visits in order (not the withdrawn or cancelled ones) with labels in `ctx.request.locale`.
 */
export type VisitProgressProvider = (ctx: Ctx, workOrderId: string) => Promise<TrackedVisit[]>;

let provider: VisitProgressProvider | null = null;

export function setVisitProgressProvider(p: VisitProgressProvider): void {
  provider = p;
}

/** Before any assignment there is no visit: the provider is not asked. */
const NO_VISIT_YET = ['new', 'returned', 'ready'];

export async function visitProgressFor(ctx: Ctx, order: { id: string; status: string }): Promise<TrackedVisit[]> {
  if (!provider) return [];
  // An order taken back to the queue may have had visits (withdrawn ones are not shown anyway); a ready order with a
  // follow-up is not a state the life cycle has, so nothing is lost by not asking.
  if (NO_VISIT_YET.includes(order.status)) return [];
  const visits = await provider(ctx, order.id);
  // The delay's reason is the technician's words: a mobile number in it is masked like the customer's own text.
  return visits.map((v) => (v.delay ? { ...v, delay: { ...v.delay, reason: maskMobilesIn(v.delay.reason) } } : v));
}
