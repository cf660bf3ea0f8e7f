import { getContact, maskedContact } from '@server/modules/customers';
import { dispatchOrders } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { MyJob } from '@shared/contracts/dispatch.contract';
import { assignmentsOfTechnician, findTechnician } from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { addDays, zonedTime } from '../domain/day-time';
import { branchTimeZone, orderPoints, todayIn } from './day-context';

/** A technician's assignments of a day (active ones, plus any declined or withdrawn that day), in time order. */
export async function listMyAppointments(
  ctx: Ctx,
  query: { date?: string | undefined },
): Promise<{ date: string; items: MyJob[] }> {
  const actor = requireActor(ctx.actor);
  const tech = await findTechnician(ctx.db, actor.userId);
  if (!tech) throw new AppError('NOT_FOUND');
  const timeZone = await branchTimeZone(ctx, tech.branchId);
  const date = query.date ?? todayIn(ctx, timeZone);
  const rows = await assignmentsOfTechnician(
    ctx.db,
    tech.userId,
    zonedTime(date, 0, timeZone),
    zonedTime(addDays(date, 1), 0, timeZone),
  );
  const visible = rows.filter(
    (r) => r.active || r.state === 'declined' || r.state === 'unassigned' || r.state === 'replaced',
  );
  const orders = new Map(
    (
      await dispatchOrders(
        ctx,
        visible.map((r) => r.workOrderId),
      )
    ).map((o) => [o.id, o]),
  );
  const points = await orderPoints(ctx, [...orders.values()]);
  const items: MyJob[] = [];
  for (const r of visible) {
    const o = orders.get(r.workOrderId);
    if (!o) continue;
    const ref = { customerId: o.customerId, phoneId: o.phoneId, addressId: o.addressId };
    // Masked only: the full contact is a reveal (revealJobContact, audited).
    const contact = await maskedContact(ctx, ref);
    const full = await getContact(ctx, ref);
    items.push({
      assignment: toAssignment(r, tech),
      workOrder: {
        id: o.id,
        number: o.number,
        status: o.status,
        priority: o.priority,
        faultCategory: o.faultCategory,
        description: o.description,
        district: o.district,
        unit: o.unit,
        customerName: contact.nameMasked,
        phoneMasked: full.phoneMasked ?? '',
        point: points.get(o.id) ?? null,
      },
    });
  }
  return { date, items };
}
