import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CertificateType, TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { insertCertificate } from '../../technicians.repository';
import { certificateDateIssues } from './certificate-dates';
import { technicianDetail } from './technician-detail';
import { branchDay, technicianFor } from './technician-support';

export interface AddCertificateInput {
  type: CertificateType;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
}

/**
 * POST /api/technicians/:technicianId/certificates — records a certificate (a renewal may be recorded as a new one:
 * the one expiring last is the one that counts). Issued on or before today, expiring after issue. Audited.
 */
export async function addCertificate(
  ctx: Ctx,
  technicianId: string,
  input: AddCertificateInput,
): Promise<TechnicianDetail> {
  return withTransaction(ctx, async (tx) => {
    const tech = await technicianFor(tx, technicianId, { lock: true });
    const { today } = await branchDay(tx, tech.branchId);
    const issues = certificateDateIssues(tx, input.issuedOn, input.expiresOn, today);
    if (issues.length) throw AppError.validation(issues);
    const row = await insertCertificate(tx.db, {
      technicianId,
      type: input.type,
      number: input.number,
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'technician.certificate.added',
      objectType: 'technician',
      objectId: technicianId,
      after: { certificateId: row.id, ...input },
    });
    return technicianDetail(tx, tech);
  });
}
