import { type DispatchOrder, dispatchOrder, lockWorkOrderFor } from '@server/modules/intake';
import { assertBranchAccess } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { Recommendation } from '@shared/contracts/dispatch.contract';
import type { Locale } from '@shared/errors';
import { localDay } from '../domain/day-time';
import { checkEligibility, type Failure, type JobNeeds, matchLevel } from '../domain/eligibility';
import { candidateReasons, failureReason, type Reason } from '../domain/reasons';
import { appointmentMinutes, requiredCertificates, skillNeeds } from '../domain/requirements';
import { type CandidateFacts, rank } from '../domain/scoring';
import { earliestSlot } from '../domain/slots';
import type { Point } from '../domain/travel';
import {
  branchTimeZone,
  type DayContext,
  loadDayContext,
  orderPoints,
  type TechnicianDayContext,
  todayIn,
  travelModel,
} from './day-context';

/** Statuses an order can be (re)assigned from. */
export const ASSIGNABLE: readonly string[] = ['ready', 'assigned', 'accepted', 'en_route'];

export interface RankedCandidate {
  tech: TechnicianDayContext;
  facts: CandidateFacts;
  score: number;
  rank: number;
}

export interface ComputedRecommendation {
  order: DispatchOrder;
  day: string;
  context: DayContext;
  needs: JobNeeds;
  point: Point | null;
  ranked: RankedCandidate[];
  ineligible: { tech: TechnicianDayContext; failures: (Failure | { code: 'no_slot' })[] }[];
}

export function jobNeeds(order: DispatchOrder, day: string): JobNeeds {
  return {
    day,
    skills: skillNeeds(order.requiredSkills, order.difficulty),
    certificates: requiredCertificates(order.requiredSkills),
    durationMinutes: appointmentMinutes(order.standardMinutes),
  };
}

/** The day a recommendation is for when none is given: the preferred window's day if not past, else today. */
export function defaultDay(ctx: Ctx, order: DispatchOrder, timeZone: string): string {
  const today = todayIn(ctx, timeZone);
  if (order.preferredWindow) {
    const preferredDay = localDay(order.preferredWindow.start, timeZone);
    if (preferredDay > today) return preferredDay;
  }
  return today;
}

/**
 * The ranked eligible technicians of the order's branch for a day, each with the earliest feasible window, and the
 * ineligible ones with every rule they break. Pure rules (domain/) over one read of the day (day-context).
 */
export async function computeRecommendation(
  ctx: Ctx,
  order: DispatchOrder,
  day: string,
  /** `context`: the branch's day already loaded, holding no appointment of this order (route plans check many). */
  opts: { technicianIds?: readonly string[]; context?: DayContext } = {},
): Promise<ComputedRecommendation> {
  const context =
    opts.context ??
    (await loadDayContext(ctx, {
      branchId: order.branchId,
      day,
      excludeOrderId: order.id,
      ...(opts.technicianIds ? { technicianIds: opts.technicianIds } : {}),
    }));
  const needs = jobNeeds(order, day);
  const point = (await orderPoints(ctx, [order])).get(order.id) ?? null;
  const previousTech = order.reworkOf ? ((await dispatchOrder(ctx, order.reworkOf))?.assigneeId ?? null) : null;
  const today = todayIn(ctx, context.timeZone);
  const neededLevel = needs.skills.reduce<1 | 2 | 3 | null>((m, s) => (m === null || s.level > m ? s.level : m), null);
  const eligible: { tech: TechnicianDayContext; facts: CandidateFacts }[] = [];
  const ineligible: ComputedRecommendation['ineligible'] = [];
  for (const tech of context.technicians) {
    const failures = checkEligibility(needs, tech.facts);
    const shift = tech.shift.shift;
    if (failures.length || !shift) {
      ineligible.push({ tech, failures });
      continue;
    }
    const notBefore = day === today && ctx.now > shift.start ? ctx.now : shift.start;
    const home = { lat: tech.bundle.tech.homeLat, lng: tech.bundle.tech.homeLng };
    const slot = earliestSlot({
      shift,
      booked: tech.booked,
      home,
      point,
      durationMinutes: needs.durationMinutes,
      notBefore,
      preferred: order.preferredWindow,
      travel: travelModel,
    });
    if (!slot) {
      ineligible.push({ tech, failures: [{ code: 'no_slot' }] });
      continue;
    }
    eligible.push({
      tech,
      facts: {
        technicianId: tech.bundle.tech.userId,
        slot,
        jobsPlanned: tech.facts.jobsPlanned,
        minutesPlanned: tech.facts.minutesPlanned,
        level: matchLevel(needs, tech.facts),
        neededLevel,
        vanHasParts: null,
        reworkOfTheirJob: previousTech === tech.bundle.tech.userId,
        earliestPossible: notBefore,
        preferred: order.preferredWindow,
      },
    });
  }
  const byId = new Map(eligible.map((e) => [e.facts.technicianId, e.tech]));
  const ranked = rank(eligible.map((e) => e.facts)).map((s, i) => ({
    tech: byId.get(s.facts.technicianId) as TechnicianDayContext,
    facts: s.facts,
    score: s.score,
    rank: i + 1,
  }));
  return { order, day, context, needs, point, ranked, ineligible };
}

function noSlotReason(locale: Locale): Reason {
  return {
    code: 'no_slot',
    params: {},
    text: locale === 'zh-CN' ? '当天没有能容下本单（含路程）的空档' : 'no gap in the day fits this job with travel',
  };
}

export function reasonsOf(f: Failure | { code: 'no_slot' }, locale: Locale): Reason {
  return f.code === 'no_slot' ? noSlotReason(locale) : failureReason(f, locale);
}

const ref = (t: TechnicianDayContext) => ({
  id: t.bundle.tech.userId,
  name: t.bundle.tech.name,
  staffNo: t.bundle.tech.staffNo,
});

export function toRecommendation(r: ComputedRecommendation, locale: Locale): Recommendation {
  return {
    workOrderId: r.order.id,
    workOrderNumber: r.order.number,
    workOrderVersion: r.order.version,
    date: r.day,
    requiredSkills: r.needs.skills.map((s) => ({ skill: s.skill, level: s.level })),
    requiredCertificates: [...r.needs.certificates],
    durationMinutes: r.needs.durationMinutes,
    candidates: r.ranked.map((c) => ({
      technician: ref(c.tech),
      rank: c.rank,
      score: c.score,
      window: { start: c.facts.slot.start.toISOString(), end: c.facts.slot.end.toISOString() },
      travelMinutes: c.facts.slot.travelMinutes,
      travelFrom: c.facts.slot.travelFrom,
      jobsPlanned: c.facts.jobsPlanned,
      minutesPlanned: c.facts.minutesPlanned,
      skillLevel: c.facts.level,
      reasons: candidateReasons(c.facts, locale, r.context.timeZone),
    })),
    ineligible: r.ineligible.map((i) => ({
      technician: ref(i.tech),
      reasons: i.failures.map((f) => reasonsOf(f, locale)),
    })),
  };
}

/**
 * Loads an order for dispatch, branch-checked (another branch: NOT_FOUND). Inside a transaction the order row is
 * locked first: every dispatch transaction takes its locks in one order — technicians, then the order, then its
 * appointment — the same order as intake's cancel (order, then dispatch's hook on the appointment), so they
 * cannot deadlock.
 */
export async function loadOrderFor(ctx: Ctx, workOrderId: string): Promise<DispatchOrder> {
  if (ctx.inTransaction) await lockWorkOrderFor(ctx, workOrderId);
  const order = await dispatchOrder(ctx, workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  if (ctx.actor) assertBranchAccess(ctx.actor, order.branchId);
  return order;
}

export async function recommendTechnicians(
  ctx: Ctx,
  workOrderId: string,
  query: { date?: string | undefined },
): Promise<Recommendation> {
  const order = await loadOrderFor(ctx, workOrderId);
  if (!ASSIGNABLE.includes(order.status)) {
    throw new AppError('ILLEGAL_TRANSITION', { from: order.status, event: 'assign' });
  }
  const timeZone = await branchTimeZone(ctx, order.branchId);
  const day = query.date ?? defaultDay(ctx, order, timeZone);
  if (day < todayIn(ctx, timeZone)) {
    throw AppError.field(
      'date',
      'past',
      ctx.request.locale === 'zh-CN' ? '不能为过去的日期派单' : 'Cannot dispatch to a past day',
    );
  }
  return toRecommendation(await computeRecommendation(ctx, order, day), ctx.request.locale);
}
