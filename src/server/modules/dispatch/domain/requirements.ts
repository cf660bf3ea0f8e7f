import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';

export type SkillLevel = 1 | 2 | 3;

export interface SkillNeed {
  skill: SkillCode;
  level: SkillLevel;
}

/**
 * The level a job needs in each of its skills, from the fault's difficulty tier (1–4): tiers 1–2 junior,
 * tier 3 intermediate, tier 4 senior. VRF (多联机) systems always need at least intermediate.
 */
export function requiredLevel(difficulty: number, skill: SkillCode): SkillLevel {
  const base: SkillLevel = difficulty >= 4 ? 3 : difficulty === 3 ? 2 : 1;
  if (skill === 'vrf' && base < 2) return 2;
  return base;
}

export function skillNeeds(skills: readonly SkillCode[], difficulty: number): SkillNeed[] {
  return [...new Set(skills)].map((skill) => ({ skill, level: requiredLevel(difficulty, skill) }));
}

/**
 * Certificates a job needs (DOMAIN.md "Dispatch rules"): refrigerant work needs 制冷与空调作业操作证; work at
 * height (outdoor units above 2 m) needs 高处作业操作证. The electrician certificate is recorded and its expiry
 * alerted, but no skill requires it for assignment.
 */
export const CERTIFICATE_FOR_SKILL: Partial<Record<SkillCode, CertificateType>> = {
  refrigerant: 'refrigeration',
  high_work: 'height',
};

export function requiredCertificates(skills: readonly SkillCode[]): CertificateType[] {
  const out = new Set<CertificateType>();
  for (const s of skills) {
    const c = CERTIFICATE_FOR_SKILL[s];
    if (c) out.add(c);
  }
  return [...out].sort();
}

/** The time an appointment reserves: the fault's standard time rounded up to half hours, at least an hour. */
export function appointmentMinutes(standardMinutes: number): number {
  return Math.max(60, Math.ceil(standardMinutes / 30) * 30);
}
