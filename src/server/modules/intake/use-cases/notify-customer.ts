import { getContact } from '@server/modules/customers';
import { enqueueMessage } from '@server/modules/notify';
import type { Ctx } from '@server/platform/context';
import type { WorkOrderRow } from '../intake.repository';
import { addTimeline } from './timeline';

export type OrderTemplate =
  | 'order_received'
  | 'order_returned'
  | 'order_cancelled'
  | 'technician_assigned'
  | 'eta_changed';

let publicUrl = 'http://localhost:3000';

/**
 * Sets the base of the links sent to customers: the platform config's `publicUrl` (AIRCARE_PUBLIC_URL), given by
 * registerIntakeRoutes when the app is built. Until then (scripts, seeds) the local default.
 */
export function setPublicBaseUrl(url: string): void {
  publicUrl = url.replace(/\/+$/, '');
}

/** The base of links sent to customers, without a trailing slash. */
export function publicBaseUrl(): string {
  return publicUrl;
}

export function trackingUrl(token: string): string {
  return `${publicBaseUrl()}/track?t=${encodeURIComponent(token)}`;
}

/** The tracking page for an order number (the customer verifies with an SMS code), for later messages. */
export function trackingUrlForNumber(number: string): string {
  return `${publicBaseUrl()}/track?no=${encodeURIComponent(number)}`;
}

/**
 * Queues an SMS about the order to its contact phone (in the caller's transaction, through the notify outbox),
 * and notes it in the timeline. A landline gets no SMS (noted too).
 */
export async function notifyCustomer(
  tx: Ctx,
  order: Pick<WorkOrderRow, 'id' | 'number' | 'customerId' | 'phoneId'>,
  template: OrderTemplate,
  variables: Record<string, string>,
): Promise<void> {
  const contact = await getContact(tx, { customerId: order.customerId, phoneId: order.phoneId });
  if (!contact.phone || contact.phoneKind !== 'mobile' || contact.anonymised) {
    await addTimeline(tx, order.id, {
      kind: 'notice',
      event: 'sms_skipped',
      details: { template, reason: contact.anonymised ? 'anonymised' : 'no_mobile' },
    });
    return;
  }
  await enqueueMessage(tx, {
    channel: 'sms',
    template,
    variables: { orderNumber: order.number, ...variables },
    recipient: contact.phone,
    workOrderId: order.id,
  });
  await addTimeline(tx, order.id, {
    kind: 'notice',
    event: 'sms_queued',
    details: { template, recipient: contact.phoneMasked },
  });
}
