import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Channel, Priority } from '@shared/domain/work-order';
import { formatOrderNumber, orderDay } from '../domain/order-number';
import { insertWorkOrder, nextOrderSequence } from '../intake.repository';
import { checkWindow, toWindow } from './check-window';
import { syncClocks } from './clocks';
import { computeEstimate, loadFault } from './compute-estimate';
import { notifyCustomer, trackingUrl } from './notify-customer';
import { type AddressPart, type CustomerPart, checkParts, resolveParts, type UnitPart } from './resolve-order-parts';
import { addTimeline } from './timeline';

export interface CreateWorkOrderInput {
  channel: Channel;
  customer: CustomerPart;
  address: AddressPart;
  unit: UnitPart;
  faultCategory: string;
  faultCodeId?: string | null;
  description: string;
  priority: Priority;
  preferredWindow?: { start: string; end: string } | null;
  /** The branch that handles it: the actor's own; required when there is no actor with a branch (public channels). */
  branchId?: string | null;
  /** Timeline actor for callers without a user (e.g. "客户" on the public pages). */
  actorName?: string | null;
  /** false for imports and the demo seed: no "order received" SMS for an order taken elsewhere. Default true. */
  notifyCustomer?: boolean;
}

export interface CreatedWorkOrder {
  id: string;
  number: string;
  status: 'new';
  estimatedAt: Date;
  /** The secret of the customer's tracking link (only its SHA-256 is stored). */
  trackingToken: string;
  trackingUrl: string;
  customerId: string;
  customerCreated: boolean;
}

export function hashTrackingToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a work order in one transaction: customer found or created (dedupe by phone), address and unit,
 * the day's next number, a tracking token, the estimated repair time (fault standard time + district backlog),
 * the first timeline entry, the review clock and the `order_received` SMS. Bad input stores nothing.
 * Staff channels pass an actor; the public channels call it with no actor and a branchId.
 */
export async function createWorkOrder(ctx: Ctx, input: CreateWorkOrderInput): Promise<CreatedWorkOrder> {
  const zh = ctx.request.locale === 'zh-CN';
  const issues = [
    ...checkParts(ctx, { customer: input.customer, address: input.address, unit: input.unit }),
    ...checkWindow(ctx, input.preferredWindow),
  ];
  if (!input.description.trim()) {
    issues.push({ path: 'description', code: 'required', message: zh ? '请描述故障' : 'Describe the fault' });
  }
  const branchId = ctx.actor?.branchId ?? input.branchId ?? null;
  if (!branchId) {
    issues.push({
      path: 'branchId',
      code: 'required',
      message: zh ? '需要指定受理网点' : 'A branch must handle the order',
    });
  }
  // The catalog is checked before any write, with the other field errors.
  try {
    await loadFault(ctx, input.faultCategory, input.faultCodeId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
      issues.push(...((err.details?.issues as typeof issues) ?? []));
    } else throw err;
  }
  if (issues.length) throw AppError.validation(issues);

  return withTransaction(ctx, async (tx) => {
    const parts = await resolveParts(tx, {
      customer: input.customer,
      address: input.address,
      unit: input.unit,
      channel: input.channel,
    });
    const estimate = await computeEstimate(tx, {
      branchId,
      district: parts.district,
      priority: input.priority,
      faultCategory: input.faultCategory,
      faultCodeId: input.faultCodeId ?? null,
      preferredWindow: toWindow(input.preferredWindow),
    });
    const token = randomBytes(24).toString('base64url');
    // The day's counter row stays locked until commit: take it as late as possible.
    const day = orderDay(tx.now);
    const number = formatOrderNumber(day, await nextOrderSequence(tx.db, day));
    const window = toWindow(input.preferredWindow);
    const order = await insertWorkOrder(tx.db, {
      number,
      branchId: branchId as string,
      channel: input.channel,
      status: 'new',
      priority: input.priority,
      customerId: parts.customerId,
      addressId: parts.addressId,
      phoneId: parts.phoneId,
      district: parts.district,
      unitId: parts.unitId,
      unitBrand: parts.unitBrand,
      unitModel: parts.unitModel,
      unitType: parts.unitType,
      faultCategory: input.faultCategory,
      faultCodeId: input.faultCodeId ?? null,
      description: input.description.trim(),
      preferredStart: window?.start ?? null,
      preferredEnd: window?.end ?? null,
      estimatedAt: estimate.estimatedAt,
      trackingTokenHash: hashTrackingToken(token),
      createdBy: tx.actor?.userId ?? null,
      createdByName: tx.actor?.displayName ?? null,
      statusChangedAt: tx.now,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await addTimeline(tx, order.id, {
      kind: 'transition',
      event: 'created',
      from: null,
      to: 'new',
      details: {
        channel: input.channel,
        estimatedAt: estimate.estimatedAt.toISOString(),
        estimateBasis: estimate.basis,
        backlog: estimate.backlog,
      },
      ...(input.actorName !== undefined ? { actorName: input.actorName } : {}),
    });
    await syncClocks(tx, order, null, 'new');
    const url = trackingUrl(token);
    if (input.notifyCustomer !== false) await notifyCustomer(tx, order, 'order_received', { trackingUrl: url });
    tx.events.emit('intake.workOrderCreated', {
      workOrderId: order.id,
      branchId: order.branchId,
      channel: order.channel,
    });
    return {
      id: order.id,
      number: order.number,
      status: 'new' as const,
      estimatedAt: order.estimatedAt,
      trackingToken: token,
      trackingUrl: url,
      customerId: parts.customerId,
      customerCreated: parts.customerCreated,
    };
  });
}
