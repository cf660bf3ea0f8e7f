import { addressPoints, getContact, maskedContact, maskName, unitInfo } from '@server/modules/customers';
import type { FieldJob } from '@server/modules/dispatch';
import { dispatchOrder, maskMobilesDeep, maskMobilesIn } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { QuoteView, Visit } from '@shared/contracts/field.contract';
import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import type { ReadingName, VisitKind, VisitStatus, VisitStep } from '@shared/domain/field';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import {
  consentsOf,
  partsOfVisits,
  photosOf,
  readingsOf,
  type StepRow,
  signaturesOf,
  type VisitRow,
  visitsOfOrder,
} from '../field.repository';
import { progressOfVisit } from './visit-support';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function logEntry(r: StepRow): Visit['log'][number] {
  return {
    id: r.id,
    step: r.step,
    target: r.target,
    reason: r.reason === null ? null : maskMobilesIn(r.reason),
    actorName: r.actorName,
    source: r.source as Visit['log'][number]['source'],
    occurredAt: r.occurredAt.toISOString(),
    recordedAt: r.recordedAt.toISOString(),
    version: r.versionAfter,
    data: maskMobilesDeep(redact(r.data as Record<string, unknown>)) as Record<string, unknown>,
  };
}

/** Log data as shown: never a signature's image again (it is served with the record only). */
function redact(data: Record<string, unknown>): Record<string, unknown> {
  const { signature: _signature, ...rest } = data;
  return rest;
}

/**
 * The visit as the technician's app and the dispatch screens see it: steps with their state, the diagnosis, quote,
 * consent, parts, tests, photos and signatures (without images), the order's facts with the customer masked, and
 * whether the technician may reveal the customer's contact now.
 */
export async function visitView(
  ctx: Ctx,
  visit: VisitRow,
  known: { rows?: StepRow[]; job?: FieldJob | null } = {},
): Promise<Visit> {
  const { rows, job, progress } = await progressOfVisit(ctx, visit, known.rows);
  const order = await dispatchOrder(ctx, visit.workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  const photos = await photosOf(ctx.db, visit.id);
  const signatures = await signaturesOf(ctx.db, visit.id);
  const consents = await consentsOf(ctx.db, visit.id);
  const parts = await partsOfVisits(ctx.db, [visit.id]);
  const readings = await readingsOf(ctx.db, visit.id);
  const unit = order.unitId ? await unitInfo(ctx, order.unitId) : null;
  const ref = { customerId: order.customerId, phoneId: order.phoneId, addressId: order.addressId };
  const contact = await getContact(ctx, ref);
  const masked = await maskedContact(ctx, ref);
  const point = (await addressPoints(ctx, [order.addressId])).get(order.addressId) ?? null;
  const siblings = await visitsOfOrder(ctx.db, visit.workOrderId);
  const followUp = siblings.find((v) => v.previousVisitId === visit.id) ?? null;

  const skipReasons = new Map<string, string | null>();
  for (const r of rows) if (r.step === 'skip' && r.target) skipReasons.set(r.target, r.reason);
  const consent = consents[consents.length - 1] ?? null;
  const actorId = ctx.actor?.userId ?? null;
  const open = visit.status === 'open';

  return {
    id: visit.id,
    workOrderId: visit.workOrderId,
    workOrderNumber: visit.workOrderNumber,
    visitNo: visit.visitNo,
    kind: visit.kind as VisitKind,
    status: visit.status as VisitStatus,
    version: visit.version,
    technician: { id: visit.technicianId, name: visit.technicianName, staffNo: visit.technicianStaffNo },
    window:
      visit.windowStart && visit.windowEnd
        ? { start: visit.windowStart.toISOString(), end: visit.windowEnd.toISOString() }
        : null,
    steps: progress.steps.map((s) => ({
      step: s.step,
      status: s.status,
      at: iso(s.at),
      skipReason: s.status === 'skipped' ? (skipReasons.get(s.step) ?? null) : null,
    })),
    next: open ? progress.next : null,
    etaAt: iso(visit.etaAt),
    departedAt: iso(visit.departedAt),
    arrivedAt: iso(visit.arrivedAt),
    lateMinutes: visit.lateMinutes,
    arrivalDistanceM: visit.arrivalDistanceM,
    diagnosis:
      visit.faultCategory && visit.cause !== null
        ? {
            faultCategory: visit.faultCategory as FaultCategoryCode,
            faultCodeId: visit.faultCodeId,
            faultCode: visit.faultCode,
            cause: maskMobilesIn(visit.cause),
            complexity: visit.complexity === 'complex' ? 'complex' : 'simple',
            standardMinutes: visit.standardMinutes ?? 0,
            difficulty: visit.difficulty ?? 1,
          }
        : null,
    expectedFinishAt: iso(visit.expectedFinishAt),
    repairDueAt: iso(visit.repairDueAt),
    delayRequired: open && visit.repairDueAt !== null && ctx.now.getTime() > visit.repairDueAt.getTime(),
    quote: (visit.quote as QuoteView | null) ?? null,
    consent: consent
      ? {
          status: consent.status as NonNullable<Visit['consent']>['status'],
          method: consent.method as NonNullable<Visit['consent']>['method'],
          quoteVersion: consent.quoteVersion,
          signerName: consent.signerName ? maskName(consent.signerName) : null,
          requestedAt: consent.requestedAt.toISOString(),
          decidedAt: iso(consent.decidedAt),
        }
      : null,
    parts: parts.map((p) => ({
      line: p.line,
      partId: p.partId,
      partCode: p.partCode,
      partName: p.partName,
      quantity: p.quantity,
      serials: p.serials,
      source: p.source as 'van' | 'job',
      designated: p.designated,
      unitPriceFen: p.unitPriceFen,
      warrantyMonths: p.warrantyMonths,
      covered: p.covered,
      coverage: (p.coverage as 'unit_warranty' | 'part_warranty' | null) ?? null,
      oldPartReturn: p.oldPartReturn,
      oldSerial: p.oldSerial,
      fittedAt: p.fittedAt.toISOString(),
    })),
    tests: readings.length
      ? {
          mode: readings[0]?.mode === 'heating' ? 'heating' : 'cooling',
          readings: readings.map((r) => ({ name: r.name as ReadingName, value: r.value, unit: r.unit })),
        }
      : null,
    // Free text may carry a phone number typed on site: masked like every other view of customer data.
    workDone: maskMobilesIn(visit.workDone),
    advice: visit.advice.map(maskMobilesIn),
    officeNote: maskMobilesIn(visit.officeNote),
    photos: photos.map((p) => ({
      id: p.id,
      step: p.step as VisitStep,
      kind: p.kind as Visit['photos'][number]['kind'],
      contentType: p.contentType,
      size: p.size,
      takenAt: p.takenAt.toISOString(),
      uploadedByName: p.uploadedByName,
    })),
    signatures: signatures.map((s) => ({
      id: s.id,
      purpose: s.purpose === 'consent' ? 'consent' : 'completion',
      signerName: maskName(s.signerName),
      signedAt: s.signedAt.toISOString(),
    })),
    workOrder: {
      status: order.status as WorkOrderStatus,
      priority: order.priority,
      faultCategory: order.faultCategory,
      description: order.description,
      district: order.district,
      unit: {
        brand: unit?.brand ?? order.unit.brand,
        model: unit?.model ?? order.unit.model,
        type: unit?.type ?? order.unit.type,
        serial: unit?.serial ?? '',
        refrigerant: unit?.refrigerant ?? 'unknown',
        warrantyEnd: unit?.warrantyEnd ?? null,
        inWarranty: unit?.warrantyStatus === 'in_warranty',
      },
      customerName: masked.nameMasked,
      phoneMasked: contact.phoneMasked ?? '',
      point,
    },
    assignmentId: job && job.technician.id === visit.technicianId ? job.assignment.id : null,
    contactRevealable:
      job?.contactWindowOpen === true && job.technician.id === visit.technicianId && actorId === visit.technicianId,
    requisitionId: visit.requisitionId,
    previousVisitId: visit.previousVisitId,
    followUp: followUp
      ? {
          visitId: followUp.id,
          status: followUp.status as VisitStatus,
          window:
            followUp.windowStart && followUp.windowEnd
              ? { start: followUp.windowStart.toISOString(), end: followUp.windowEnd.toISOString() }
              : null,
        }
      : null,
    finishedAt: iso(visit.finishedAt),
    endReason: visit.endReason,
    log: rows.map(logEntry),
    createdAt: visit.createdAt.toISOString(),
    updatedAt: visit.updatedAt.toISOString(),
  };
}
