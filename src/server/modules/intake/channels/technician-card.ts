import type { Ctx } from '@server/platform/context';
import type { TrackingView } from '@shared/contracts/channels.contract';

export type TechnicianCard = NonNullable<TrackingView['technician']>;

/**
 * The technician shown on the customer's tracking page. Technicians belong to dispatch, a higher module: it
 * registers the provider when it loads (dependency inversion; intake never imports dispatch).
 */
export type TechnicianCardProvider = (ctx: Ctx, workOrderId: string) => Promise<TechnicianCard | null>;

let provider: TechnicianCardProvider | null = null;

export function setTechnicianCardProvider(p: TechnicianCardProvider): void {
  provider = p;
}

const SHOWN_FROM = [
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'diagnosed',
  'in_repair',
  'waiting_parts',
  'completed',
  'settled',
  'closed',
];

export async function technicianCardFor(
  ctx: Ctx,
  order: { id: string; status: string },
): Promise<TechnicianCard | null> {
  if (!provider || !SHOWN_FROM.includes(order.status)) return null;
  return provider(ctx, order.id);
}
