import type { SkillCode } from '@shared/contracts/intake.contract';
import { describe, expect, it } from 'vitest';
import { checkEligibility, type JobNeeds, matchLevel, type TechnicianDay } from './eligibility';
import type { SkillLevel } from './requirements';

// DOMAIN.md "Dispatch rules", one rule at a time: a technician who passes every rule, then one thing changed.
const DAY = '2026-07-15';

const job = (over: Partial<JobNeeds> = {}): JobNeeds => ({
  day: DAY,
  skills: [
    { skill: 'split_wall', level: 2 },
    { skill: 'refrigerant', level: 2 },
  ],
  certificates: ['refrigeration'],
  durationMinutes: 120,
  ...over,
});

const skills = (s: Partial<Record<SkillCode, SkillLevel>>) => new Map(Object.entries(s) as [SkillCode, SkillLevel][]);

const tech = (over: Partial<TechnicianDay> = {}): TechnicianDay => ({
  active: true,
  skills: skills({ split_wall: 2, refrigerant: 3, electrical: 1 }),
  certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2030-01-01' }],
  working: true,
  offReason: null,
  jobsPlanned: 2,
  minutesPlanned: 240,
  maxJobsPerDay: 8,
  maxMinutesPerDay: 600,
  ...over,
});

describe('checkEligibility', () => {
  it('passes a technician who meets every rule', () => {
    expect(checkEligibility(job(), tech())).toEqual([]);
  });

  it('a missing skill', () => {
    expect(checkEligibility(job(), tech({ skills: skills({ split_wall: 3 }) }))).toEqual([
      { code: 'missing_skill', skill: 'refrigerant', needs: 2 },
    ]);
  });

  it('a skill level too low (equal is enough)', () => {
    expect(checkEligibility(job(), tech({ skills: skills({ split_wall: 1, refrigerant: 2 }) }))).toEqual([
      { code: 'skill_level', skill: 'split_wall', has: 1, needs: 2 },
    ]);
    expect(checkEligibility(job(), tech({ skills: skills({ split_wall: 2, refrigerant: 2 }) }))).toEqual([]);
  });

  it('a required certificate not held', () => {
    expect(checkEligibility(job(), tech({ certificates: [] }))).toEqual([
      { code: 'certificate_missing', certificate: 'refrigeration' },
    ]);
    // Holding another certificate does not help.
    expect(
      checkEligibility(
        job(),
        tech({ certificates: [{ type: 'electrician', issuedOn: '2020-01-01', expiresOn: '2030-01-01' }] }),
      ),
    ).toEqual([{ code: 'certificate_missing', certificate: 'refrigeration' }]);
  });

  it('a certificate expired before the job day', () => {
    expect(
      checkEligibility(
        job(),
        tech({ certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2026-07-14' }] }),
      ),
    ).toEqual([{ code: 'certificate_invalid', certificate: 'refrigeration', expiresOn: '2026-07-14' }]);
  });

  it('a certificate not yet issued on the job day', () => {
    expect(
      checkEligibility(
        job(),
        tech({ certificates: [{ type: 'refrigeration', issuedOn: '2026-07-16', expiresOn: '2032-07-15' }] }),
      ),
    ).toEqual([{ code: 'certificate_invalid', certificate: 'refrigeration', expiresOn: '2032-07-15' }]);
  });

  it('a certificate is valid on its issue day and through its expiry day', () => {
    expect(
      checkEligibility(
        job(),
        tech({ certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: DAY }] }),
      ),
    ).toEqual([]);
    expect(
      checkEligibility(
        job(),
        tech({ certificates: [{ type: 'refrigeration', issuedOn: DAY, expiresOn: '2032-01-01' }] }),
      ),
    ).toEqual([]);
  });

  it('one valid certificate among expired ones of the same type is enough; else the latest expiry is named', () => {
    const old = { type: 'refrigeration' as const, issuedOn: '2014-01-01', expiresOn: '2020-01-01' };
    const renewed = { type: 'refrigeration' as const, issuedOn: '2020-01-02', expiresOn: '2026-01-02' };
    const current = { type: 'refrigeration' as const, issuedOn: '2026-01-03', expiresOn: '2032-01-03' };
    expect(checkEligibility(job(), tech({ certificates: [old, current, renewed] }))).toEqual([]);
    expect(checkEligibility(job(), tech({ certificates: [renewed, old] }))).toEqual([
      { code: 'certificate_invalid', certificate: 'refrigeration', expiresOn: '2026-01-02' },
    ]);
  });

  it('not working that day, with the off reason (rest day by default)', () => {
    expect(checkEligibility(job(), tech({ working: false, offReason: 'leave' }))).toEqual([
      { code: 'not_working', offReason: 'leave' },
    ]);
    expect(checkEligibility(job(), tech({ working: false, offReason: 'day_off' }))).toEqual([
      { code: 'not_working', offReason: 'day_off' },
    ]);
    expect(checkEligibility(job(), tech({ working: false, offReason: null }))).toEqual([
      { code: 'not_working', offReason: 'rest_day' },
    ]);
  });

  it('capacity in jobs: full at the maximum', () => {
    expect(checkEligibility(job(), tech({ jobsPlanned: 7 }))).toEqual([]);
    expect(checkEligibility(job(), tech({ jobsPlanned: 8 }))).toEqual([{ code: 'capacity_jobs', planned: 8, max: 8 }]);
  });

  it('capacity in minutes: the job must fit in what is left (exactly filling the day is fine)', () => {
    expect(checkEligibility(job(), tech({ minutesPlanned: 480 }))).toEqual([]);
    expect(checkEligibility(job(), tech({ minutesPlanned: 481 }))).toEqual([
      { code: 'capacity_minutes', planned: 481, needed: 120, max: 600 },
    ]);
  });

  it('an inactive technician', () => {
    expect(checkEligibility(job(), tech({ active: false }))).toEqual([{ code: 'inactive' }]);
  });

  it('a job that needs nothing special is open to anyone working with room', () => {
    expect(
      checkEligibility(job({ skills: [], certificates: [] }), tech({ skills: skills({}), certificates: [] })),
    ).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    const failures = checkEligibility(
      job({ certificates: ['refrigeration', 'height'] }),
      tech({
        active: false,
        skills: skills({ split_wall: 1 }),
        certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2026-01-01' }],
        working: false,
        offReason: 'leave',
        jobsPlanned: 8,
        minutesPlanned: 500,
      }),
    );
    expect(failures).toEqual([
      { code: 'inactive' },
      { code: 'skill_level', skill: 'split_wall', has: 1, needs: 2 },
      { code: 'missing_skill', skill: 'refrigerant', needs: 2 },
      { code: 'certificate_invalid', certificate: 'refrigeration', expiresOn: '2026-01-01' },
      { code: 'certificate_missing', certificate: 'height' },
      { code: 'not_working', offReason: 'leave' },
      { code: 'capacity_jobs', planned: 8, max: 8 },
      { code: 'capacity_minutes', planned: 500, needed: 120, max: 600 },
    ]);
  });
});

describe('matchLevel', () => {
  it('is the lowest level held among the job’s skills; null when the job needs none', () => {
    expect(matchLevel(job(), tech())).toBe(2);
    expect(matchLevel(job(), tech({ skills: skills({ split_wall: 3, refrigerant: 3 }) }))).toBe(3);
    expect(matchLevel(job({ skills: [] }), tech())).toBeNull();
  });
});
