import type {
  CalendarEntry,
  Certificate,
  CertificateType,
  TechnicianDetail,
  TechnicianSummary,
} from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import { certificateState, worstState } from './domain/certificates';
import { daysBetween } from './domain/day-time';
import type { CalendarListRow, CertificateRow, SkillRow, TechnicianRow, TrainingRow } from './technicians.repository';

// Rows → contract shapes of the technician endpoints. Certificate states are judged on the branch's local `today`.

const iso = (d: Date) => d.toISOString();
type Level = 1 | 2 | 3;

export function toCertificate(c: CertificateRow, today: string): Certificate {
  return {
    id: c.id,
    type: c.type as CertificateType,
    number: c.number,
    issuer: c.issuer,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    state: certificateState(c.expiresOn, today),
    daysLeft: daysBetween(today, c.expiresOn),
    version: c.version,
  };
}

/** The certificate of each type that counts now: the one expiring last (a replaced one no longer counts). */
export function currentCertificates<C extends Pick<CertificateRow, 'type' | 'expiresOn' | 'id'>>(
  certs: readonly C[],
): C[] {
  const best = new Map<string, C>();
  for (const c of certs) {
    const held = best.get(c.type);
    if (!held || c.expiresOn > held.expiresOn || (c.expiresOn === held.expiresOn && c.id > held.id))
      best.set(c.type, c);
  }
  return [...best.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export function toTraining(t: TrainingRow) {
  return {
    id: t.id,
    course: t.course,
    heldOn: t.heldOn,
    hours: t.hoursTenths / 10,
    result: t.result as 'pass' | 'fail' | 'attended',
    note: t.note,
    recordedByName: t.recordedByName,
  };
}

export function toCalendarEntry(e: CalendarListRow): CalendarEntry {
  return {
    id: e.id,
    technicianId: e.technicianId,
    technicianName: e.technicianName,
    day: e.day,
    kind: e.kind as CalendarEntry['kind'],
    startTime: e.startTime,
    endTime: e.endTime,
    status: e.status as CalendarEntry['status'],
    reason: e.reason,
    requestedByName: e.requestedByName,
    requestedAt: iso(e.requestedAt),
    decidedByName: e.decidedByName,
    decidedAt: e.decidedAt ? iso(e.decidedAt) : null,
    decisionNote: e.decisionNote,
    version: e.version,
  };
}

export interface SummaryParts {
  username: string;
  skills: readonly SkillRow[];
  certificates: readonly CertificateRow[];
  /** The branch's local day the certificate states are judged on. */
  today: string;
}

export function toSummary(t: TechnicianRow, p: SummaryParts): TechnicianSummary {
  const current = currentCertificates(p.certificates).map((c) => ({
    type: c.type as CertificateType,
    expiresOn: c.expiresOn,
    state: certificateState(c.expiresOn, p.today),
  }));
  return {
    id: t.userId,
    name: t.name,
    staffNo: t.staffNo,
    branchId: t.branchId,
    username: p.username,
    skills: p.skills.map((s) => ({ skill: s.skill as SkillCode, level: s.level as Level })),
    certificateState: worstState(current.map((c) => c.state)),
    certificates: current,
    workDays: [...t.workDays].sort((a, b) => a - b),
    shiftStart: t.shiftStart,
    shiftEnd: t.shiftEnd,
    maxJobsPerDay: t.maxJobsPerDay,
    maxMinutesPerDay: t.maxMinutesPerDay,
    rating: t.ratingCount > 0 ? Math.round((t.ratingSum / t.ratingCount) * 10) / 10 : null,
    ratingCount: t.ratingCount,
    vanLocation: t.vanLocation,
    home: { lat: t.homeLat, lng: t.homeLng, label: t.homeLabel },
    hasPhoto: t.photoType !== null,
    active: t.active,
    version: t.version,
  };
}

export interface DetailParts extends SummaryParts {
  trainings: readonly TrainingRow[];
  calendar: readonly CalendarListRow[];
}

export function toDetail(t: TechnicianRow, p: DetailParts): TechnicianDetail {
  return {
    ...toSummary(t, p),
    workPhone: t.workPhone,
    certificates: p.certificates.map((c) => toCertificate(c, p.today)),
    trainings: p.trainings.map(toTraining),
    calendar: p.calendar.map(toCalendarEntry),
    lastPosition:
      t.lastLat !== null && t.lastLng !== null && t.lastPositionAt
        ? { lat: t.lastLat, lng: t.lastLng, at: iso(t.lastPositionAt) }
        : null,
  };
}
