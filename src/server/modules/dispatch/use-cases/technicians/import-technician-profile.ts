import { randomBytes } from 'node:crypto';
import type { PhotoContentType } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import type { CalendarKind } from '../../domain/availability';
import {
  insertCalendarEntry,
  insertCertificate,
  insertTechnicianIfNew,
  insertTraining,
  replaceSkills,
} from '../../technicians.repository';

/** A whole technician profile, as the demo seed (or a data import) provides it. */
export interface TechnicianProfileImport {
  userId: string;
  branchId: string;
  name: string;
  staffNo: string;
  workPhone: string;
  home: { lat: number; lng: number; label: string };
  workDays: number[];
  shiftStart: string;
  shiftEnd: string;
  maxJobsPerDay: number;
  maxMinutesPerDay: number;
  vanLocation: string;
  photo: { contentType: PhotoContentType; bytes: Buffer } | null;
  skills: { skill: SkillCode; level: 1 | 2 | 3 }[];
  certificates: { type: CertificateType; number: string; issuer: string; issuedOn: string; expiresOn: string }[];
  trainings: {
    course: string;
    heldOn: string;
    hours: number;
    result: 'pass' | 'fail' | 'attended';
    note?: string;
    recordedByName: string | null;
  }[];
  calendar: {
    day: string;
    kind: CalendarKind;
    startTime?: string;
    endTime?: string;
    status: 'pending' | 'approved' | 'rejected';
    reason: string;
    requestedAt: Date;
    decidedByName?: string;
    decidedAt?: Date;
  }[];
}

/**
 * Writes a whole profile as the system (no actor, no audit: seeding is not a management change). Idempotent: a user
 * who already has a profile (or a staff number already taken) is left as is and `false` is returned.
 */
export async function importTechnicianProfile(ctx: Ctx, p: TechnicianProfileImport): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const row = await insertTechnicianIfNew(tx.db, {
      userId: p.userId,
      branchId: p.branchId,
      staffNo: p.staffNo,
      name: p.name,
      workPhone: p.workPhone,
      homeLat: p.home.lat,
      homeLng: p.home.lng,
      homeLabel: p.home.label,
      workDays: [...new Set(p.workDays)].sort((a, b) => a - b),
      shiftStart: p.shiftStart,
      shiftEnd: p.shiftEnd,
      maxJobsPerDay: p.maxJobsPerDay,
      maxMinutesPerDay: p.maxMinutesPerDay,
      vanLocation: p.vanLocation,
      ...(p.photo
        ? { photo: p.photo.bytes, photoType: p.photo.contentType, photoToken: randomBytes(24).toString('base64url') }
        : {}),
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    if (!row) return false;
    await replaceSkills(tx.db, p.userId, p.skills);
    for (const c of p.certificates) {
      await insertCertificate(tx.db, { technicianId: p.userId, ...c, createdAt: tx.now, updatedAt: tx.now });
    }
    for (const t of p.trainings) {
      await insertTraining(tx.db, {
        technicianId: p.userId,
        course: t.course,
        heldOn: t.heldOn,
        hoursTenths: Math.round(t.hours * 10),
        result: t.result,
        note: t.note ?? '',
        recordedByName: t.recordedByName,
        createdAt: tx.now,
      });
    }
    for (const e of p.calendar) {
      await insertCalendarEntry(tx.db, {
        technicianId: p.userId,
        branchId: p.branchId,
        day: e.day,
        kind: e.kind,
        startTime: e.startTime ?? null,
        endTime: e.endTime ?? null,
        status: e.status,
        reason: e.reason,
        requestedBy: p.userId,
        requestedByName: p.name,
        requestedAt: e.requestedAt,
        decidedByName: e.decidedByName ?? null,
        decidedAt: e.decidedAt ?? null,
      });
    }
    return true;
  });
}
