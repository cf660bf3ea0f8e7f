import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { EXPIRY_ALERT_DAYS } from '../../domain/certificates';
import { addDays } from '../../domain/day-time';
import { pageCertificateAlerts } from '../../technicians.repository';
import { toCertificate } from '../../technicians.views';
import { branchDay } from './technician-support';

export interface ListCertificateAlertsQuery {
  page?: number;
  pageSize?: number;
  /** The horizon in days (default 30). */
  days?: number;
}

/**
 * GET /api/technicians/certificate-alerts — the certificates of active technicians in the reader's branch that
 * expired or expire within the horizon, soonest (longest expired) first. A certificate replaced by a newer one of
 * the same type no longer alerts.
 */
export async function listCertificateAlerts(ctx: Ctx, query: ListCertificateAlertsQuery) {
  const actor = requireActor(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope = branchScope(actor);
  const { today } = await branchDay(ctx, scope ?? null);
  const horizonDay = addDays(today, query.days ?? EXPIRY_ALERT_DAYS);
  const { items, total } = await pageCertificateAlerts(
    ctx.db,
    { ...(scope !== undefined ? { scopeBranchId: scope } : {}), horizonDay },
    page,
    pageSize,
  );
  return {
    items: items.map((r) => ({
      certificate: toCertificate(r.certificate, today),
      technician: {
        id: r.technician.userId,
        name: r.technician.name,
        staffNo: r.technician.staffNo,
        branchId: r.technician.branchId,
      },
    })),
    total,
    page,
    pageSize,
  };
}
