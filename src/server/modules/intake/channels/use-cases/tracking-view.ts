import { getContact, maskAddressDetail, maskName } from '@server/modules/customers';
import type { Ctx } from '@server/platform/context';
import type { TrackingView } from '@shared/contracts/channels.contract';
import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import { CUSTOMER_STATUS_TEXT, type UnitType, type WorkOrderStatus } from '@shared/domain/work-order';
import { findCategory, listTimeline, type WorkOrderRow } from '../../intake.repository';
import { maskMobilesIn } from '../../intake.views';
import { customerActions, customerTimeline, showsEstimate } from '../domain/customer-view';
import { technicianCardFor } from '../technician-card';
import { visitProgressFor } from '../visit-progress';

/**
 * The tracking page's view of an order, for its customer: status and timeline in plain words, the ETA while open,
 * a masked summary (never the street address or a full phone), and the actions allowed now. No staff names but the
 * assigned technician's (name, staff number, photo, rating: so the customer knows who comes), no internal notes.
 * The visits step by step come from field (visitProgressFor): plain-words steps, never a skip's internal reason.
 */
export async function buildTrackingView(
  ctx: Ctx,
  order: WorkOrderRow,
  session: { token: string; expiresAt: Date } | null,
): Promise<TrackingView> {
  const locale = ctx.request.locale;
  const status = order.status as WorkOrderStatus;
  const [contact, category, timeline, technician, visits] = await Promise.all([
    getContact(ctx, { customerId: order.customerId, phoneId: order.phoneId, addressId: order.addressId }),
    findCategory(ctx.db, order.faultCategory),
    listTimeline(ctx.db, order.id),
    technicianCardFor(ctx, order),
    visitProgressFor(ctx, order),
  ]);
  const district = contact.district ?? order.district;
  return {
    number: order.number,
    status,
    statusText: CUSTOMER_STATUS_TEXT[status][locale],
    createdAt: order.createdAt.toISOString(),
    estimatedAt: showsEstimate(status) ? order.estimatedAt.toISOString() : null,
    preferredWindow:
      order.preferredStart && order.preferredEnd
        ? { start: order.preferredStart.toISOString(), end: order.preferredEnd.toISOString() }
        : null,
    faultCategory: order.faultCategory as FaultCategoryCode,
    faultCategoryName: category ? (locale === 'zh-CN' ? category.nameZh : category.nameEn) : order.faultCategory,
    description: maskMobilesIn(order.description),
    unit: { brand: order.unitBrand, model: order.unitModel, type: order.unitType as UnitType },
    customerNameMasked: contact.anonymised ? contact.name : maskName(contact.name),
    phoneMasked: contact.phoneMasked,
    addressMasked: `${contact.city ?? ''}${maskAddressDetail(district)}`,
    technician,
    visits,
    timeline: customerTimeline(
      timeline.map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        event: e.event,
        toStatus: (e.toStatus as WorkOrderStatus | null) ?? null,
        reason: e.reason,
        details: e.details,
      })),
      locale,
      maskMobilesIn,
    ),
    actions: customerActions(status, contact.anonymised),
    session: session ? { token: session.token, expiresAt: session.expiresAt.toISOString() } : null,
  };
}
