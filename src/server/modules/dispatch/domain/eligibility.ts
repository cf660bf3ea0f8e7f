import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import { type CertificateFacts, validOn } from './certificates';
import type { SkillLevel, SkillNeed } from './requirements';

/** What a job asks of a technician on its day. */
export interface JobNeeds {
  day: string;
  skills: readonly SkillNeed[];
  certificates: readonly CertificateType[];
  durationMinutes: number;
}

/** What we know of a technician for that day. */
export interface TechnicianDay {
  active: boolean;
  skills: ReadonlyMap<SkillCode, SkillLevel>;
  certificates: readonly CertificateFacts[];
  working: boolean;
  offReason: string | null;
  jobsPlanned: number;
  minutesPlanned: number;
  maxJobsPerDay: number;
  maxMinutesPerDay: number;
}

export type Failure =
  | { code: 'inactive' }
  | { code: 'missing_skill'; skill: SkillCode; needs: SkillLevel }
  | { code: 'skill_level'; skill: SkillCode; has: SkillLevel; needs: SkillLevel }
  | { code: 'certificate_missing'; certificate: CertificateType }
  | { code: 'certificate_invalid'; certificate: CertificateType; expiresOn: string }
  | { code: 'not_working'; offReason: string }
  | { code: 'capacity_jobs'; planned: number; max: number }
  | { code: 'capacity_minutes'; planned: number; needed: number; max: number };

/**
 * DOMAIN.md "Dispatch rules", rule by rule: every required skill at the needed level; every required certificate
 * valid on the job's day; works that day; room left in the day (jobs and minutes). Returns every rule broken
 * (empty: eligible), so the dispatcher sees all the reasons at once.
 */
export function checkEligibility(job: JobNeeds, tech: TechnicianDay): Failure[] {
  const out: Failure[] = [];
  if (!tech.active) out.push({ code: 'inactive' });
  for (const need of job.skills) {
    const has = tech.skills.get(need.skill);
    if (has === undefined) out.push({ code: 'missing_skill', skill: need.skill, needs: need.level });
    else if (has < need.level) out.push({ code: 'skill_level', skill: need.skill, has, needs: need.level });
  }
  for (const type of job.certificates) {
    const held = tech.certificates.filter((c) => c.type === type);
    if (!held.length) out.push({ code: 'certificate_missing', certificate: type });
    else if (!held.some((c) => validOn(c, job.day))) {
      const latest = held.map((c) => c.expiresOn).sort()[held.length - 1] as string;
      out.push({ code: 'certificate_invalid', certificate: type, expiresOn: latest });
    }
  }
  if (!tech.working) out.push({ code: 'not_working', offReason: tech.offReason ?? 'rest_day' });
  if (tech.jobsPlanned >= tech.maxJobsPerDay) {
    out.push({ code: 'capacity_jobs', planned: tech.jobsPlanned, max: tech.maxJobsPerDay });
  }
  if (tech.minutesPlanned + job.durationMinutes > tech.maxMinutesPerDay) {
    out.push({
      code: 'capacity_minutes',
      planned: tech.minutesPlanned,
      needed: job.durationMinutes,
      max: tech.maxMinutesPerDay,
    });
  }
  return out;
}

/** The technician's lowest level among the job's skills (null when the job needs none). */
export function matchLevel(job: JobNeeds, tech: Pick<TechnicianDay, 'skills'>): SkillLevel | null {
  let min: SkillLevel | null = null;
  for (const need of job.skills) {
    const has = tech.skills.get(need.skill);
    if (has !== undefined && (min === null || has < min)) min = has;
  }
  return min;
}
