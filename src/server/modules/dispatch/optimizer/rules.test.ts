import { describe, expect, it } from 'vitest';
import { insertUrgent, solve } from './index';
import type { Job, Plan, Problem, Technician } from './types';

const tech = (id: string, skills: string[], extra: Partial<Technician> = {}): Technician => ({
  id,
  start: { x: 0, y: 0 },
  shiftStart: 0,
  shiftEnd: 600,
  skills,
  ...extra,
});

function techOf(plan: Plan): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of plan.routes) for (const s of r.stops) m.set(s.jobId, r.technicianId);
  return m;
}

function startOf(plan: Plan, jobId: string): number | undefined {
  for (const r of plan.routes) for (const s of r.stops) if (s.jobId === jobId) return s.start;
  return undefined;
}

describe('skills, pins and locked appointments', () => {
  it('gives every job to a technician with all the required skills', () => {
    const jobs: Job[] = Array.from({ length: 30 }, (_, i) => ({
      id: `j${i}`,
      location: { x: (i * 7) % 20, y: (i * 11) % 20 },
      service: 10,
      skills: i % 3 === 0 ? ['inverter'] : i % 3 === 1 ? ['central', 'inverter'] : [],
    }));
    const technicians = [tech('a', ['inverter']), tech('b', ['central', 'inverter']), tech('c', [])];
    const plan = solve({ jobs, technicians }, { maxIterations: 1500 });
    expect(plan.unassigned).toEqual([]);
    const skillsOf = new Map(technicians.map((t) => [t.id, new Set(t.skills)]));
    for (const [jobId, t] of techOf(plan)) {
      const job = jobs.find((j) => j.id === jobId);
      for (const s of job?.skills ?? []) expect(skillsOf.get(t)?.has(s)).toBe(true);
    }
  });

  it('reports jobs nobody is qualified for', () => {
    const plan = solve(
      {
        jobs: [{ id: 'x', location: { x: 1, y: 1 }, skills: ['vrf'] }],
        technicians: [tech('a', ['inverter'])],
      },
      { maxIterations: 10 },
    );
    expect(plan.unassigned).toEqual([{ jobId: 'x', reason: 'no technician has the required skills' }]);
  });

  it('keeps pinned jobs with their technician', () => {
    const jobs: Job[] = Array.from({ length: 20 }, (_, i) => ({
      id: `j${i}`,
      location: { x: i, y: i % 4 },
      service: 5,
      ...(i % 4 === 0 ? { technicianId: 'far' } : {}),
    }));
    const technicians = [tech('near', []), tech('far', [], { start: { x: 100, y: 100 }, shiftEnd: 2000 })];
    const plan = solve({ jobs, technicians, objective: { mode: 'minVehicles' } }, { maxIterations: 1000 });
    expect(plan.unassigned).toEqual([]);
    const t = techOf(plan);
    for (let i = 0; i < 20; i += 4) expect(t.get(`j${i}`)).toBe('far');
    const ghost = solve(
      { jobs: [{ id: 'g', location: { x: 0, y: 1 }, technicianId: 'nobody' }], technicians },
      { maxIterations: 10 },
    );
    expect(ghost.unassigned[0]?.reason).toMatch(/pinned technician nobody/);
  });

  it('never moves locked appointments', () => {
    const jobs: Job[] = Array.from({ length: 25 }, (_, i) => ({
      id: `j${i}`,
      location: { x: (i * 13) % 50, y: (i * 17) % 50 },
      earliest: 0,
      latest: 500,
      service: 15,
    }));
    // two confirmed appointments, deliberately on a "bad" technician and time
    jobs[3] = {
      ...(jobs[3] as Job),
      id: 'j3',
      location: { x: 45, y: 45 },
      locked: true,
      technicianId: 'b',
      lockedStart: 250,
    };
    jobs[7] = {
      ...(jobs[7] as Job),
      id: 'j7',
      location: { x: 1, y: 1 },
      locked: true,
      technicianId: 'c',
      lockedStart: 400,
    };
    const technicians = [tech('a', []), tech('b', []), tech('c', [])];
    for (const mode of ['minVehicles', 'balance', 'none'] as const) {
      const plan = solve({ jobs, technicians, objective: { mode } }, { maxIterations: 1500, seed: 3 });
      expect(plan.unassigned).toEqual([]);
      const t = techOf(plan);
      expect(t.get('j3')).toBe('b');
      expect(t.get('j7')).toBe('c');
      expect(startOf(plan, 'j3')).toBe(250);
      expect(startOf(plan, 'j7')).toBe(400);
    }
  });
});

describe('insertUrgent', () => {
  const technicians = [tech('a', ['gas']), tech('b', [])];
  const jobs: Job[] = Array.from({ length: 12 }, (_, i) => ({
    id: `j${i}`,
    location: { x: 10 + i * 3, y: i % 2 === 0 ? 10 : -10 },
    earliest: i * 30,
    latest: i * 30 + 90,
    service: 20,
  }));
  jobs[5] = { ...(jobs[5] as Job), id: 'j5', locked: true, technicianId: 'a', lockedStart: 160 };
  const problem: Problem = { jobs, technicians, objective: { mode: 'none' } };
  const current = solve(problem, { maxIterations: 1500 });

  it('places the job at the cheapest feasible position and keeps everyone else on their technician', () => {
    const res = insertUrgent(problem, current, {
      id: 'urgent',
      location: { x: 20, y: 10 },
      earliest: 0,
      latest: 600,
      service: 30,
    });
    expect(res.inserted).toBe(true);
    expect(res.technicianId).not.toBeNull();
    expect(res.plan.unassigned).toEqual([]);
    expect(res.plan.summary.assigned).toBe(13);
    for (const m of res.moved) expect(m.fromTechnicianId).toBe(m.toTechnicianId);
    expect(techOf(res.plan).get('j5')).toBe('a');
    expect(startOf(res.plan, 'j5')).toBe(160);
    const before = techOf(current);
    for (const [id, t] of techOf(res.plan)) if (id !== 'urgent') expect(t).toBe(before.get(id));
  });

  it('respects skills and reports when nothing fits', () => {
    const gas = insertUrgent(problem, current, {
      id: 'u-gas',
      location: { x: 15, y: 0 },
      earliest: 0,
      latest: 600,
      service: 10,
      skills: ['gas'],
    });
    expect(gas.technicianId).toBe('a');
    const impossible = insertUrgent(
      problem,
      current,
      { id: 'u-x', location: { x: 15, y: 0 }, skills: ['vrf'] },
      { timeLimitMs: 100 },
    );
    expect(impossible.inserted).toBe(false);
    expect(impossible.plan.unassigned.map((u) => u.jobId)).toEqual(['u-x']);
    expect(impossible.plan.summary.assigned).toBe(12);
  });

  it('repairs the routes when no slot is free, without dropping or moving locked jobs', () => {
    // the urgent gas job collides with p on the only gas technician: p must move to b
    const t = [tech('a', ['gas']), tech('b', [])];
    const js: Job[] = [
      { id: 'p', location: { x: 10, y: 0 }, earliest: 10, latest: 20, service: 60 },
      { id: 'L', location: { x: 30, y: 0 }, locked: true, technicianId: 'a', lockedStart: 200, service: 60 },
    ];
    const prob: Problem = { jobs: js, technicians: t, objective: { mode: 'none' } };
    const current: Pick<Plan, 'routes'> = {
      routes: [
        {
          technicianId: 'a',
          stops: [
            { jobId: 'p', arrival: 10, start: 10, end: 70, lateness: 0 },
            { jobId: 'L', arrival: 90, start: 200, end: 260, lateness: 0 },
          ],
          departure: 0,
          returnTime: 290,
          distance: 60,
          travelTime: 60,
          work: 180,
          load: 2,
        },
      ],
    };
    const res = insertUrgent(prob, current, {
      id: 'u',
      location: { x: 10, y: 1 },
      earliest: 10,
      latest: 20,
      service: 30,
      skills: ['gas'],
    });
    expect(res.inserted).toBe(true);
    expect(res.technicianId).toBe('a');
    expect(res.plan.unassigned).toEqual([]);
    expect(res.moved).toEqual([{ jobId: 'p', fromTechnicianId: 'a', toTechnicianId: 'b', fromStart: 10, toStart: 10 }]);
    expect(startOf(res.plan, 'L')).toBe(200);
    expect(techOf(res.plan).get('L')).toBe('a');
  });
});
