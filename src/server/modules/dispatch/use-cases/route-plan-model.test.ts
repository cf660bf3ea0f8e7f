import type { SkillCode } from '@shared/contracts/intake.contract';
import { describe, expect, it } from 'vitest';
import type { JobNeeds, TechnicianDay } from '../domain/eligibility';
import type { SkillLevel } from '../domain/requirements';
import { StraightLineTravel } from '../domain/travel';
import { insertUrgent, type Job, type Plan, solve } from '../optimizer';
import {
  buildDayModel,
  currentRoutes,
  type DayModelInput,
  fingerprintChanges,
  fingerprintOf,
  isConfirmed,
  jobTokens,
  type ModelAppointment,
  type ModelOrder,
  type ModelTechnician,
  planReasonText,
  proposalFrom,
  technicianTokens,
} from './route-plan-model';

// Guangzhou, Wednesday 2026-07-15. Times are local (UTC+8).
const DAY = '2026-07-15';
const TZ = 'Asia/Shanghai';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`);
const travel = new StraightLineTravel();

const skills = (s: Partial<Record<SkillCode, SkillLevel>>) => new Map(Object.entries(s) as [SkillCode, SkillLevel][]);

const facts = (over: Partial<TechnicianDay> = {}): TechnicianDay => ({
  active: true,
  skills: skills({ split_wall: 2, refrigerant: 2, electrical: 2 }),
  certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2030-01-01' }],
  working: true,
  offReason: null,
  jobsPlanned: 0,
  minutesPlanned: 0,
  maxJobsPerDay: 8,
  maxMinutesPerDay: 600,
  ...over,
});

let techSeq = 0;
const tech = (over: Partial<ModelTechnician> = {}, f: Partial<TechnicianDay> = {}): ModelTechnician => {
  techSeq += 1;
  return {
    id: `t${techSeq}`,
    name: `tech${techSeq}`,
    staffNo: `T${techSeq}`,
    home: { lat: 23.13, lng: 113.33 },
    shift: { start: at('08:00'), end: at('18:00') },
    facts: facts(f),
    ...over,
  };
};

const needs = (over: Partial<JobNeeds> = {}): JobNeeds => ({
  day: DAY,
  skills: [{ skill: 'split_wall', level: 2 }],
  certificates: ['refrigeration'],
  durationMinutes: 60,
  ...over,
});

let orderSeq = 0;
const order = (over: Partial<ModelOrder> = {}): ModelOrder => {
  orderSeq += 1;
  return {
    id: `o${String(orderSeq).padStart(3, '0')}`,
    number: `WO-20260715-${String(orderSeq).padStart(4, '0')}`,
    version: 2,
    status: 'ready',
    priority: 'normal',
    district: '天河区',
    preferredWindow: null,
    needs: needs(),
    point: { lat: 23.13 + orderSeq * 0.003, lng: 113.33 + ((orderSeq * 7) % 5) * 0.004 },
    ...over,
  };
};

const appointment = (
  t: ModelTechnician,
  start: string,
  end: string,
  over: Partial<ModelAppointment> = {},
  o: Partial<ModelOrder> = {},
): ModelAppointment => {
  const ord = order({ status: 'assigned', ...o });
  return {
    assignmentId: `a-${ord.id}`,
    assignmentVersion: 1,
    technicianId: t.id,
    start: at(start),
    end: at(end),
    confirmed: false,
    order: ord,
    ...over,
  };
};

const input = (over: Partial<DayModelInput> = {}): DayModelInput => ({
  day: DAY,
  timeZone: TZ,
  now: at('07:00'),
  technicians: [],
  ready: [],
  appointments: [],
  travel,
  objective: 'balance',
  ...over,
});

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

describe('confirmed appointments', () => {
  const now = at('10:00');
  it('contacted, past accepted, or already begun: confirmed; assigned / accepted later today: movable', () => {
    expect(isConfirmed({ contactedAt: at('09:00'), orderStatus: 'assigned', start: at('14:00') }, now)).toBe(true);
    expect(isConfirmed({ contactedAt: null, orderStatus: 'en_route', start: at('14:00') }, now)).toBe(true);
    expect(isConfirmed({ contactedAt: null, orderStatus: 'on_site', start: at('14:00') }, now)).toBe(true);
    expect(isConfirmed({ contactedAt: null, orderStatus: 'assigned', start: at('09:30') }, now)).toBe(true);
    expect(isConfirmed({ contactedAt: null, orderStatus: 'assigned', start: at('14:00') }, now)).toBe(false);
    expect(isConfirmed({ contactedAt: null, orderStatus: 'accepted', start: at('14:00') }, now)).toBe(false);
  });
});

describe('skill and certificate tokens', () => {
  it('a technician holds every level up to theirs; a job asks for the level it needs', () => {
    const t = facts({
      skills: skills({ split_wall: 3, vrf: 1 }),
      certificates: [
        { type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2030-01-01' },
        { type: 'height', issuedOn: '2020-01-01', expiresOn: '2026-07-14' },
      ],
    });
    const tokens = technicianTokens(t, DAY);
    expect(tokens).toEqual(['split_wall>=1', 'split_wall>=2', 'split_wall>=3', 'vrf>=1', 'cert:refrigeration']);
    // The height certificate expired the day before: not a token that day, but the day before it was.
    expect(technicianTokens(t, '2026-07-14')).toContain('cert:height');
    const job = jobTokens(needs({ skills: [{ skill: 'split_wall', level: 2 }], certificates: ['refrigeration'] }));
    expect(job).toEqual(['split_wall>=2', 'cert:refrigeration']);
    expect(job.every((s) => tokens.includes(s))).toBe(true);
    const junior = technicianTokens(facts({ skills: skills({ split_wall: 1 }) }), DAY);
    expect(job.every((s) => junior.includes(s))).toBe(false);
  });
});

describe('buildDayModel', () => {
  it('maps technicians, windows, locked and movable appointments and the travel matrix', () => {
    const a = tech();
    const b = tech({ shift: { start: at('09:00'), end: at('17:30') } });
    const off = tech({ shift: null }, { working: false, offReason: 'leave' });
    const junior = tech({}, { skills: skills({ split_wall: 1 }) });
    const preferred = order({ preferredWindow: { start: at('14:00'), end: at('16:00') } });
    const plain = order({ priority: 'urgent' });
    const nobody = order({ needs: needs({ skills: [{ skill: 'vrf', level: 3 }] }) });
    const locked = appointment(a, '10:00', '11:00', { confirmed: true });
    const movable = appointment(b, '13:00', '14:30');
    const offLocked = appointment(off, '10:00', '11:00', { confirmed: true });
    const model = buildDayModel(
      input({
        technicians: [a, b, off, junior],
        ready: [preferred, plain, nobody],
        appointments: [locked, movable, offLocked],
      }),
    );
    const { problem } = model;
    // Off-duty technicians are not planned; their confirmed visits stay unmodelled.
    expect(problem.technicians.map((t) => t.id)).toEqual([a.id, b.id, junior.id]);
    expect(model.byId.get(offLocked.order.id)?.index).toBeNull();
    const pa = problem.technicians[0];
    expect(pa?.shiftStart).toBeLessThanOrEqual(minutes('08:00'));
    expect(pa?.shiftEnd).toBe(minutes('18:00'));
    expect(pa?.capacity).toBe(8);
    // 600 appointment minutes + a quarter for driving.
    expect(pa?.maxWork).toBe(750);
    expect(problem.technicians[2]?.skills).not.toContain('split_wall>=2');

    const jobOf = (id: string) => problem.jobs[model.byId.get(id)?.index as number] as Job;
    // The customer's preferred window, cut to the shifts; no preference: the whole working day of the eligible.
    expect(jobOf(preferred.id)).toMatchObject({ earliest: minutes('14:00'), latest: minutes('16:00'), priority: 1 });
    expect(jobOf(plain.id)).toMatchObject({ earliest: minutes('08:00'), latest: minutes('17:00'), priority: 10 });
    expect(jobOf(plain.id).skills).toEqual(['split_wall>=2', 'cert:refrigeration']);
    // Confirmed: locked on its technician at its start.
    expect(jobOf(locked.order.id)).toMatchObject({
      locked: true,
      technicianId: a.id,
      lockedStart: minutes('10:00'),
      service: 60,
    });
    // Not yet confirmed: free to move, weighs like 100 new orders, keeps its length.
    expect(jobOf(movable.order.id)).toMatchObject({ service: 90, priority: 100 });
    expect(jobOf(movable.order.id).locked).toBeUndefined();
    // Nobody holds VRF at senior level: not modelled, with the reason.
    expect(model.byId.get(nobody.id)?.index).toBeNull();
    expect(model.byId.get(nobody.id)?.reason?.code).toBe('no_eligible_technician');

    // Travel: the midday speed; times rounded up to quarter hours, costs exact.
    const size = problem.matrix?.size as number;
    const time = problem.matrix?.time as Float64Array;
    const dist = problem.matrix?.distance as Float64Array;
    const i = jobOf(preferred.id).location as number;
    const j = jobOf(plain.id).location as number;
    const exact = travel.minutes(preferred.point as never, plain.point as never, at('12:00'));
    expect(dist[i * size + j]).toBe(exact);
    expect(time[i * size + j]).toBe(Math.ceil(exact / 15) * 15);
  });

  it('on today, nothing is planned before now (rounded up to the quarter hour)', () => {
    const a = tech();
    const o = order();
    const model = buildDayModel(input({ now: at('10:07'), technicians: [a], ready: [o] }));
    expect(model.problem.jobs[0]).toMatchObject({ earliest: minutes('10:15') });
    // Tomorrow: from the shift start.
    const later = buildDayModel(input({ now: at('10:07', '2026-07-14'), technicians: [a], ready: [o] }));
    expect(later.problem.jobs[0]).toMatchObject({ earliest: minutes('08:00') });
  });

  it('on today, technicians leave home no earlier than now: the first arrival includes the drive', () => {
    const a = tech();
    const o = order();
    const model = buildDayModel(input({ now: at('10:07'), technicians: [a], ready: [o] }));
    expect(model.problem.technicians[0]?.shiftStart).toBe(minutes('10:15'));
    const later = buildDayModel(input({ now: at('10:07', '2026-07-14'), technicians: [a], ready: [o] }));
    expect(later.problem.technicians[0]?.shiftStart).toBe(minutes('08:00'));
  });

  it('a preferred window outside every shift falls back to the working day', () => {
    const a = tech();
    const o = order({ preferredWindow: { start: at('19:00'), end: at('21:00') } });
    const model = buildDayModel(input({ technicians: [a], ready: [o] }));
    expect(model.problem.jobs[0]).toMatchObject({ earliest: minutes('08:00'), latest: minutes('17:00') });
  });

  it('confirmed visits always fit: back to back without travel time, or outside the shift', () => {
    const a = tech({ home: { lat: 23.2, lng: 113.2 } });
    const first = appointment(a, '07:30', '08:30', { confirmed: true }, { point: { lat: 23.1, lng: 113.4 } });
    const second = appointment(a, '08:30', '09:30', { confirmed: true }, { point: { lat: 23.15, lng: 113.3 } });
    const model = buildDayModel(input({ technicians: [a], appointments: [first, second] }));
    const plan = solve(model.problem, { maxIterations: 50 });
    expect(plan.unassigned).toEqual([]);
    const stops = plan.routes[0]?.stops.map((s) => [s.jobId, s.start]);
    expect(stops).toEqual([
      [first.order.id, minutes('07:30')],
      [second.order.id, minutes('08:30')],
    ]);
  });
});

function stopsOf(p: ReturnType<typeof proposalFrom>) {
  return p.routes.flatMap((r) => r.stops.map((s) => ({ ...s, technicianId: r.technician.id })));
}

function noOverlaps(p: ReturnType<typeof proposalFrom>) {
  for (const r of p.routes) {
    const sorted = [...r.stops].sort((a, b) => a.window.start.localeCompare(b.window.start));
    for (let i = 1; i < sorted.length; i++) {
      expect(
        (sorted[i - 1] as { window: { end: string } }).window.end <=
          (sorted[i] as { window: { start: string } }).window.start,
      ).toBe(true);
    }
  }
}

describe('proposalFrom', () => {
  it('solves a small day: every job to an eligible technician, inside shifts, no overlap, confirmed ones untouched', () => {
    const a = tech({ home: { lat: 23.12, lng: 113.32 } });
    const b = tech({ home: { lat: 23.16, lng: 113.36 } }, { certificates: [] });
    const c = tech({ home: { lat: 23.14, lng: 113.3 }, shift: { start: at('12:00'), end: at('18:00') } });
    const locked = appointment(a, '09:00', '10:00', { confirmed: true });
    const movable = appointment(b, '15:00', '16:00', {}, { needs: needs({ certificates: [] }) });
    const ready = Array.from({ length: 9 }, (_, i) =>
      order({
        priority: i === 0 ? 'urgent' : 'normal',
        needs: needs({ certificates: i % 3 === 0 ? ['refrigeration'] : [], durationMinutes: i % 2 ? 60 : 90 }),
        ...(i === 1 ? { preferredWindow: { start: at('09:00'), end: at('11:00') } } : {}),
      }),
    );
    const model = buildDayModel(input({ technicians: [a, b, c], ready, appointments: [locked, movable] }));
    const plan = solve(model.problem, { maxIterations: 400, seed: 1 });
    const p = proposalFrom(model, plan);
    const stops = stopsOf(p);
    expect(p.unassigned).toEqual([]);
    expect(stops).toHaveLength(11);
    noOverlaps(p);
    const lockedStop = stops.find((s) => s.workOrderId === locked.order.id);
    expect(lockedStop).toMatchObject({
      kind: 'locked',
      technicianId: a.id,
      window: { start: at('09:00').toISOString() },
    });
    for (const s of stops) {
      // Quarter hours; inside the shift; the refrigerant jobs never with the technician without the certificate.
      expect(new Date(s.window.start).getUTCMinutes() % 15).toBe(0);
      const t = [a, b, c].find((x) => x.id === s.technicianId) as ModelTechnician;
      expect(s.window.start >= (t.shift as { start: Date }).start.toISOString()).toBe(true);
      expect(s.window.end <= (t.shift as { end: Date }).end.toISOString()).toBe(true);
      const o = ready.find((r) => r.id === s.workOrderId);
      if (o?.needs.certificates.length) expect(s.technicianId).not.toBe(b.id);
    }
    expect(stops.find((s) => s.workOrderId === ready[1]?.id)?.withinPreferred).toBe(true);
    // Bookings: every new order, and the movable appointment only if it changes.
    expect(p.bookings.filter((x) => x.mode === 'assign')).toHaveLength(9);
    expect(p.comparison.newAssignments).toBe(9);
    expect(p.comparison.current.appointments).toBe(2);
    expect(p.comparison.proposed.appointments).toBe(11);
    const mv = p.moves.find((m) => m.workOrderId === movable.order.id);
    const mvStop = stops.find((s) => s.workOrderId === movable.order.id);
    if (mv) {
      expect(mvStop?.kind).toBe('moved');
      expect(mv.before).toEqual({
        technician: { id: b.id, name: b.name, staffNo: b.staffNo },
        window: { start: at('15:00').toISOString(), end: at('16:00').toISOString() },
      });
      expect(p.bookings.find((x) => x.workOrderId === movable.order.id)).toMatchObject({
        mode: 'reassign',
        assignmentId: movable.assignmentId,
        previousTechnicianId: b.id,
      });
    } else expect(mvStop?.kind).toBe('unchanged');
    // Travel per route and the day's total agree.
    expect(p.routes.reduce((s, r) => s + r.travelMinutes, 0)).toBe(p.comparison.proposed.travelMinutes);
  });

  it('checks the solver against the rules: a day over its limit → no room; a rejected move stays put', () => {
    const a = tech();
    const b = tech({}, { maxJobsPerDay: 1 });
    const lockedB = appointment(b, '09:00', '10:00', { confirmed: true });
    const movable = appointment(a, '14:00', '15:00');
    const fresh = order({ preferredWindow: { start: at('14:00'), end: at('15:00') } });
    const model = buildDayModel(input({ technicians: [a, b], ready: [fresh], appointments: [lockedB, movable] }));
    const route = (technicianId: string, jobIds: string[]) => ({
      technicianId,
      stops: jobIds.map((jobId) => ({ jobId, arrival: 0, start: 0, end: 0, lateness: 0 })),
      departure: 0,
      returnTime: 0,
      distance: 0,
      travelTime: 0,
      work: 0,
      load: jobIds.length,
    });
    // A (wrong) plan: the new order takes 14:00 on a, the appointment there goes to b, whose day is full.
    const plan: Pick<Plan, 'routes' | 'unassigned'> = {
      routes: [route(a.id, [fresh.id]), route(b.id, [lockedB.order.id, movable.order.id])],
      unassigned: [],
    };
    const p = proposalFrom(model, plan);
    // The move is refused, so the appointment stays at 14:00 on a — and then the new order no longer fits there.
    expect(stopsOf(p).find((s) => s.workOrderId === movable.order.id)).toMatchObject({
      kind: 'unchanged',
      technicianId: a.id,
      window: { start: at('14:00').toISOString() },
    });
    expect(p.unassigned.map((u) => [u.workOrderId, u.reason.code])).toEqual([[fresh.id, 'no_room']]);
    expect(p.bookings).toEqual([]);
    expect(p.moves).toEqual([]);
  });

  it('does not move a customer for nothing: an appointment staying with its technician keeps its time', () => {
    const a = tech();
    const movable = appointment(a, '15:00', '16:00');
    const fresh = order({ preferredWindow: { start: at('09:00'), end: at('10:00') } });
    const model = buildDayModel(input({ technicians: [a], ready: [fresh], appointments: [movable] }));
    const plan = solve(model.problem, { maxIterations: 100 });
    // The solver schedules at the earliest times; the proposal keeps the booked 15:00.
    expect(plan.routes[0]?.stops.find((s) => s.jobId === movable.order.id)?.start).toBeLessThan(minutes('15:00'));
    const p = proposalFrom(model, plan);
    expect(stopsOf(p).find((s) => s.workOrderId === movable.order.id)).toMatchObject({
      kind: 'unchanged',
      window: { start: at('15:00').toISOString() },
    });
    expect(p.moves).toEqual([]);
    expect(p.bookings.map((b) => b.workOrderId)).toEqual([fresh.id]);
  });

  it('keeps the day’s job limit', () => {
    const a = tech({}, { maxJobsPerDay: 2 });
    const locked = appointment(a, '10:00', '11:00', { confirmed: true });
    const o1 = order();
    const o2 = order();
    const model = buildDayModel(input({ technicians: [a], ready: [o1, o2], appointments: [locked] }));
    const plan = solve(model.problem, { maxIterations: 100 });
    const p = proposalFrom(model, plan);
    expect(stopsOf(p)).toHaveLength(2);
    expect(p.unassigned).toHaveLength(1);
    expect(p.unassigned[0]?.reason.code).toBe('no_room');
    expect(planReasonText(p.unassigned[0]?.reason as never, 'zh-CN').text).toMatch(/已排满/);
    expect(planReasonText(p.unassigned[0]?.reason as never, 'en-US').text).toMatch(/full/);
  });
});

describe('insert now', () => {
  it('places the urgent order into today’s routes and reports which appointments move', () => {
    const a = tech({ home: { lat: 23.13, lng: 113.33 } });
    const now = at('09:50');
    const day = [
      appointment(a, '10:00', '11:00', {}, { point: { lat: 23.131, lng: 113.331 } }),
      appointment(a, '11:15', '12:15', {}, { point: { lat: 23.132, lng: 113.332 } }),
      appointment(a, '13:00', '14:00', { confirmed: true }, { point: { lat: 23.133, lng: 113.333 } }),
    ];
    const urgent = order({ priority: 'urgent', point: { lat: 23.1305, lng: 113.3305 } });
    const model = buildDayModel(input({ now, technicians: [a], appointments: day }), { urgent });
    const current = currentRoutes(model);
    expect(current.routes[0]?.stops.map((s) => s.start)).toEqual([600, 675, 780]);
    const job = model.problem.jobs[model.byId.get(urgent.id)?.index as number] as Job;
    expect(job).toMatchObject({ earliest: minutes('10:00'), soft: true });
    const res = insertUrgent(model.problem, current, job, { timeLimitMs: 300 });
    expect(res.inserted).toBe(true);
    const p = proposalFrom(model, res.plan);
    const stops = stopsOf(p);
    noOverlaps(p);
    expect(stops.find((s) => s.workOrderId === urgent.id)?.kind).toBe('new');
    // The confirmed visit stays; the others are never earlier than booked.
    expect(stops.find((s) => s.workOrderId === day[2]?.order.id)?.kind).toBe('locked');
    for (const m of p.moves) expect(m.after.window.start >= m.before.window.start).toBe(true);
    expect(p.moves.length).toBe(p.comparison.customersWithTimeChange);
  });
});

describe('fingerprint', () => {
  it('names what changed', () => {
    const a = tech();
    const ap = appointment(a, '10:00', '11:00');
    const o = order();
    const before = fingerprintOf({ appointments: [ap], ready: [o] });
    expect(fingerprintOf({ appointments: [ap], ready: [o] })).toBe(before);
    const bumped = { ...ap, assignmentVersion: 2 };
    const added = appointment(a, '12:00', '13:00');
    const now = fingerprintOf({ appointments: [bumped, added], ready: [{ ...o, version: 3 }] });
    expect(fingerprintChanges(before, now)).toEqual(
      [
        { workOrderId: ap.order.id, change: 'appointment_changed' },
        { workOrderId: added.order.id, change: 'appointment_added' },
        { workOrderId: o.id, change: 'order_changed' },
      ].sort((x, y) => x.workOrderId.localeCompare(y.workOrderId)),
    );
    expect(fingerprintChanges(before, fingerprintOf({ appointments: [], ready: [o] }))).toEqual([
      { workOrderId: ap.order.id, change: 'appointment_removed' },
    ]);
  });
});
