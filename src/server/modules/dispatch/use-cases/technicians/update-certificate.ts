import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { findCertificate, updateCertificateVersioned } from '../../technicians.repository';
import { certificateDateIssues } from './certificate-dates';
import { technicianDetail } from './technician-detail';
import { branchDay, expectVersion, technicianFor } from './technician-support';

export interface UpdateCertificateInput {
  version: number;
  number?: string;
  issuer?: string;
  issuedOn?: string;
  expiresOn?: string;
}

/**
 * PATCH /api/technicians/:technicianId/certificates/:certificateId — renew (new dates, maybe a new number) or
 * correct a certificate, under the certificate's own version (stale → 409). Audited with before and after.
 */
export async function updateCertificate(
  ctx: Ctx,
  technicianId: string,
  certificateId: string,
  input: UpdateCertificateInput,
): Promise<TechnicianDetail> {
  return withTransaction(ctx, async (tx) => {
    const tech = await technicianFor(tx, technicianId);
    const before = await findCertificate(tx.db, technicianId, certificateId);
    if (!before) throw new AppError('NOT_FOUND');
    expectVersion(before.version, input.version);
    const { version, ...fields } = input;
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const { today } = await branchDay(tx, tech.branchId);
    const issuedOn = input.issuedOn ?? before.issuedOn;
    const expiresOn = input.expiresOn ?? before.expiresOn;
    const issues = certificateDateIssues(tx, issuedOn, expiresOn, input.issuedOn !== undefined ? today : null);
    if (issues.length) throw AppError.validation(issues);
    const after = await updateCertificateVersioned(tx.db, certificateId, version, patch, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const facts = (c: typeof before) => ({
      number: c.number,
      issuer: c.issuer,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      version: c.version,
    });
    await writeAudit(tx, {
      action: 'technician.certificate.updated',
      objectType: 'technician',
      objectId: technicianId,
      before: { certificateId, type: before.type, ...facts(before) },
      after: { certificateId, type: after.type, ...facts(after) },
    });
    return technicianDetail(tx, tech);
  });
}
