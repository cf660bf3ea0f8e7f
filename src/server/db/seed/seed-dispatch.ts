import { acceptAssignment, assignWorkOrder, computeRecommendation, systemActor } from '../../modules/dispatch';
import { changeWorkOrderStatus, createWorkOrder, dispatchOrder } from '../../modules/intake';
import type { Ctx } from '../../platform/context';
import type { SeededPerson } from './seed-operations';
import { prng } from './seed-operations';

const FAULTS = [
  { category: 'no_cooling', text: '空调不制冷，出风是热的' },
  { category: 'no_cooling', text: '制冷很慢，房间降不下温' },
  { category: 'leaking', text: '室内机漏水，滴到地板上' },
  { category: 'noise', text: '外机嗡嗡响，晚上吵得睡不着' },
  { category: 'error_code', text: '显示 E1 故障代码后停机' },
  { category: 'wont_start', text: '空调通电后不开机' },
  { category: 'maintenance', text: '预约清洗保养，两台挂机' },
  { category: 'smell', text: '开机有霉味' },
] as const;

export interface SeedDispatchOptions {
  people: readonly SeededPerson[];
  branches: { th: string; hz: string };
  now: Date;
  ctxAt: (now: Date) => Ctx;
  /** Orders taken this morning (most get appointments, the rest wait in the queue). */
  orders?: number;
  onProgress?: (msg: string) => void;
}

/**
 * A day of dispatch for the demo: orders taken this morning, approved, most of them placed on technicians by the
 * recommendation (real rules: skills, certificates, shifts, travel, no overlap), some accepted, the rest left in the
 * queue for the dispatcher to drag onto the board.
 */
export async function seedDispatchDay(opts: SeedDispatchOptions): Promise<{ assigned: number; queued: number }> {
  const rnd = prng(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const total = opts.orders ?? 48;
  let assigned = 0;
  let queued = 0;
  for (let i = 0; i < total; i++) {
    const person = pick(opts.people);
    const fault = pick(FAULTS);
    const takenAt = new Date(opts.now.getTime() - (30 + Math.floor(rnd() * 180)) * 60_000);
    const created = await createWorkOrder(opts.ctxAt(takenAt), {
      channel: pick(['hotline', 'hotline', 'web', 'wechat']),
      customer: { id: person.customerId },
      address: { id: person.addressId },
      unit: { id: person.unitId },
      faultCategory: fault.category,
      description: fault.text,
      priority: rnd() < 0.1 ? 'urgent' : 'normal',
      branchId: opts.branches[person.branch],
      actorName: '陈晓琳',
      notifyCustomer: false,
    });
    const approvedAt = new Date(takenAt.getTime() + 8 * 60_000);
    const ready = await changeWorkOrderStatus(opts.ctxAt(approvedAt), {
      workOrderId: created.id,
      version: 1,
      event: { type: 'approve' },
      actorName: '黄志明',
    });
    if (rnd() < 0.3) {
      queued++;
      continue;
    }
    const ctx = opts.ctxAt(opts.now);
    const order = await dispatchOrder(ctx, created.id);
    if (!order) continue;
    const dispatcherCtx = { ...ctx, actor: systemActor(order.branchId, '黄志明', ['dispatcher']) };
    // Today while shifts last; after hours the appointments go to tomorrow.
    let rec = await computeRecommendation(dispatcherCtx, order, localDay(opts.now, 0));
    if (!rec.ranked.length) rec = await computeRecommendation(dispatcherCtx, order, localDay(opts.now, 1));
    const top = rec.ranked[0];
    if (!top) {
      queued++;
      continue;
    }
    const result = await assignWorkOrder(dispatcherCtx, order.id, {
      technicianId: top.facts.technicianId,
      window: { start: top.facts.slot.start.toISOString(), end: top.facts.slot.end.toISOString() },
      version: ready.version,
    });
    assigned++;
    if (rnd() < 0.5) {
      const techCtx = {
        ...ctx,
        actor: systemActor(order.branchId, top.tech.bundle.tech.name, ['technician'], top.facts.technicianId),
      };
      await acceptAssignment(techCtx, result.assignment.id, { version: result.assignment.version });
    }
    if ((i + 1) % 10 === 0) opts.onProgress?.(`today's dispatch ${i + 1}/${total}`);
  }
  return { assigned, queued };
}

function localDay(now: Date, plusDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(now.getTime() + plusDays * 86_400_000),
  );
}
