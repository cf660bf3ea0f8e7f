import type { SkillCode } from '@shared/contracts/intake.contract';
import { describe, expect, it } from 'vitest';
import { checkEligibility } from './eligibility';
import { candidateReasons, failureReason } from './reasons';
import type { SkillLevel } from './requirements';
import { type CandidateFacts, rank, score, WEIGHTS } from './scoring';

const TZ = 'Asia/Shanghai';
const at = (hhmm: string) => new Date(`2026-07-15T${hhmm}:00+08:00`);

/** A candidate arriving at 09:00 after `travel` minutes from home, for a 09:00–10:30 job, nothing planned. */
function facts(id: string, over: Partial<CandidateFacts> & { travel?: number } = {}): CandidateFacts {
  const { travel = 20, ...rest } = over;
  return {
    technicianId: id,
    slot: { start: at('09:00'), end: at('10:30'), travelMinutes: travel, travelFrom: 'home' },
    jobsPlanned: 0,
    minutesPlanned: 0,
    level: 2,
    neededLevel: 2,
    vanHasParts: null,
    reworkOfTheirJob: false,
    earliestPossible: new Date(at('09:00').getTime() - travel * 60_000),
    preferred: null,
    ...rest,
  };
}

const ids = (cs: CandidateFacts[]) => rank(cs).map((s) => s.facts.technicianId);

describe('rank', () => {
  it('less travel wins', () => {
    expect(ids([facts('a', { travel: 40 }), facts('b', { travel: 10 }), facts('c', { travel: 25 })])).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('the load already planned breaks a tie on travel (jobs, then hours)', () => {
    expect(
      ids([facts('a', { jobsPlanned: 3, minutesPlanned: 300 }), facts('b', { jobsPlanned: 1, minutesPlanned: 60 })]),
    ).toEqual(['b', 'a']);
    expect(
      ids([facts('a', { jobsPlanned: 2, minutesPlanned: 360 }), facts('b', { jobsPlanned: 2, minutesPlanned: 120 })]),
    ).toEqual(['b', 'a']);
  });

  it('a busier day outweighs a little less travel (a job weighs 12 minutes of driving)', () => {
    expect(ids([facts('busy', { travel: 10, jobsPlanned: 2 }), facts('free', { travel: 20 })])).toEqual([
      'free',
      'busy',
    ]);
    expect(WEIGHTS.job).toBe(12);
  });

  it('the rework penalty moves the technician of the original job down, even when nearest', () => {
    const ranked = ids([facts('previous', { travel: 5, reworkOfTheirJob: true }), facts('other', { travel: 60 })]);
    expect(ranked).toEqual(['other', 'previous']);
  });

  it('the likely parts in the van help; known missing parts hurt', () => {
    expect(
      ids([facts('unknown'), facts('inVan', { vanHasParts: true }), facts('missing', { vanHasParts: false })]),
    ).toEqual(['inVan', 'unknown', 'missing']);
    // Parts in the van are worth 10 minutes of driving.
    expect(ids([facts('inVan', { travel: 29, vanHasParts: true }), facts('near', { travel: 20 })])).toEqual([
      'inVan',
      'near',
    ]);
  });

  it('a senior on a junior job ranks after an exact match (skill surplus costs)', () => {
    expect(ids([facts('senior', { level: 3, neededLevel: 1 }), facts('junior', { level: 1, neededLevel: 1 })])).toEqual(
      ['junior', 'senior'],
    );
  });

  it('waiting and starting after the customer’s window cost', () => {
    const waits = facts('waits', { travel: 20, earliestPossible: at('07:00') });
    expect(score(waits)).toBeGreaterThan(score(facts('ready')));
    const late = facts('late', {
      preferred: { start: at('07:00'), end: at('08:00') },
    });
    expect(score(late)).toBe(score(facts('x')) + 60 * WEIGHTS.preferredLateMinute);
  });

  it('equal scores: earlier start first, then the id, so the order is stable', () => {
    const early = facts('zz', {
      slot: { start: at('08:45'), end: at('10:15'), travelMinutes: 20, travelFrom: 'home' },
      earliestPossible: at('08:25'),
    });
    expect(ids([facts('b'), early, facts('a'), facts('c')])).toEqual(['zz', 'a', 'b', 'c']);
    expect(ids([facts('c'), facts('a'), facts('b')])).toEqual(['a', 'b', 'c']);
  });

  it('rounds scores to one decimal', () => {
    const s = rank([facts('a', { minutesPlanned: 33 })])[0]?.score ?? 0;
    expect(s * 10).toBe(Math.round(s * 10));
    expect(s).toBe(21.7);
  });
});

describe('candidateReasons', () => {
  const f = facts('a', {
    travel: 25,
    jobsPlanned: 2,
    minutesPlanned: 150,
    level: 3,
    neededLevel: 2,
    vanHasParts: true,
    reworkOfTheirJob: true,
    preferred: { start: at('08:00'), end: at('12:00') },
  });

  it('names travel, earliest window, workload, skill, parts and rework, in Chinese', () => {
    const r = candidateReasons(f, 'zh-CN', TZ);
    expect(r.map((x) => x.code)).toEqual(['travel', 'earliest', 'workload', 'skill', 'parts', 'rework']);
    const text = Object.fromEntries(r.map((x) => [x.code, x.text]));
    expect(text.travel).toBe('从住址出发约 25 分钟车程');
    expect(text.earliest).toBe('最早 09:00–10:30（在客户期望时段内）');
    expect(text.workload).toBe('当天已排 2 单、2.5 小时');
    expect(text.skill).toBe('技能等级高级（本单需中级）');
    expect(text.parts).toBe('车载库存有可能用到的配件');
    expect(text.rework).toMatch(/返修/);
    expect(r[0]?.params).toEqual({ minutes: 25, from: 'home' });
    expect(r[1]?.params).toMatchObject({ start: at('09:00').toISOString(), inPreferred: true });
  });

  it('in English', () => {
    const r = candidateReasons(
      {
        ...f,
        slot: { ...f.slot, travelFrom: 'previous_job' },
        vanHasParts: false,
        preferred: { start: at('13:00'), end: at('15:00') },
      },
      'en-US',
      TZ,
    );
    const text = Object.fromEntries(r.map((x) => [x.code, x.text]));
    expect(text.travel).toBe('about 25 min drive from the previous job');
    expect(text.earliest).toBe('earliest 09:00–10:30 (outside the customer’s window)');
    expect(text.workload).toBe('2 jobs, 2.5 h already planned that day');
    expect(text.skill).toBe('skill level senior (job needs intermediate)');
    expect(text.parts).toBe('some likely parts are not in their van');
    expect(text.rework).toBe('rework of their own job: someone else is preferred');
  });

  it('leaves out what is unknown: no skill line without skills, no parts line without a van check, no rework', () => {
    const r = candidateReasons(facts('a', { level: null, neededLevel: null }), 'en-US', TZ);
    expect(r.map((x) => x.code)).toEqual(['travel', 'earliest', 'workload']);
    expect(r[1]?.text).toBe('earliest 09:00–10:30');
  });
});

describe('failureReason', () => {
  const all = checkEligibility(
    {
      day: '2026-07-15',
      skills: [
        { skill: 'split_wall', level: 2 },
        { skill: 'refrigerant', level: 2 },
      ],
      certificates: ['refrigeration', 'height'],
      durationMinutes: 90,
    },
    {
      active: false,
      skills: new Map<SkillCode, SkillLevel>([['split_wall', 1]]),
      certificates: [{ type: 'refrigeration', issuedOn: '2020-01-01', expiresOn: '2026-07-01' }],
      working: false,
      offReason: 'leave',
      jobsPlanned: 8,
      minutesPlanned: 540,
      maxJobsPerDay: 8,
      maxMinutesPerDay: 600,
    },
  );

  it('every failure code has words in Chinese', () => {
    const zh = all.map((f) => failureReason(f, 'zh-CN'));
    expect(zh.map((r) => r.code)).toEqual([
      'inactive',
      'skill_level',
      'missing_skill',
      'certificate_invalid',
      'certificate_missing',
      'not_working',
      'capacity_jobs',
      'capacity_minutes',
    ]);
    expect(zh.map((r) => r.text)).toEqual([
      '已停用',
      '壁挂机为初级，需中级',
      '不具备技能：制冷剂作业',
      '制冷与空调作业操作证在作业日无效（有效期至 2026-07-01）',
      '无高处作业操作证',
      '当天请假',
      '当天已排满 8/8 单',
      '工时不足：已排 9 小时，本单需 1.5 小时，上限 10 小时',
    ]);
  });

  it('and in English, with the parameters', () => {
    const en = all.map((f) => failureReason(f, 'en-US'));
    expect(en.map((r) => r.text)).toEqual([
      'inactive',
      'Split wall units is junior, needs intermediate',
      'lacks the skill: Refrigerant work',
      'Refrigeration and AC operation certificate not valid on the job day (expires 2026-07-01)',
      'no Work-at-height certificate',
      'on leave',
      'day full: 8/8 jobs',
      'not enough hours: 9 h planned + 1.5 h needed > 10 h',
    ]);
    expect(en[1]?.params).toEqual({ skill: 'split_wall', has: 1, needs: 2 });
    expect(en[7]?.params).toEqual({ planned: 540, needed: 90, max: 600 });
  });

  it('the off reasons: rest day, day off', () => {
    expect(failureReason({ code: 'not_working', offReason: 'rest_day' }, 'zh-CN').text).toBe('当天休息');
    expect(failureReason({ code: 'not_working', offReason: 'day_off' }, 'en-US').text).toBe('day off');
  });
});
