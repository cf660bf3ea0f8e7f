import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Posting } from '@shared/contracts/parts.contract';
import { findLocation, findMovement, movementsByRequest, reversedIds } from '../parts.repository';
import { findOrder, orderLinesOf, takeBackReceived, updateOrderVersioned } from '../purchasing.repository';
import { type LedgerLine, postingView, postLedger } from './ledger';
import { canSeeLocation, rule } from './parts-support';
import { requestIdReused } from './post-stock-movement';

/**
 * POST /api/stock-movements/:movementId/reverse — a reversing movement (kind `reversal`, opposite quantity, the same
 * unit cost) with a reason. A transfer leg reverses both legs; each movement is reversed once; a reversal is not
 * itself reversed. Reversing would take stock below zero (already issued) → 422 insufficient_stock.
 */
export async function reverseStockMovement(
  ctx: Ctx,
  movementId: string,
  input: { requestId: string; reason: string },
): Promise<Posting> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const m = await findMovement(tx.db, movementId);
    if (!m) throw new AppError('NOT_FOUND');
    // A transfer is posted as consecutive lines (out, then in): both legs are reversed together.
    let pair = [m];
    if (m.kind === 'transfer_out' || m.kind === 'transfer_in') {
      const partnerLine = m.kind === 'transfer_out' ? m.line + 1 : m.line - 1;
      const partner = (await movementsByRequest(tx.db, m.requestId)).find((x) => x.line === partnerLine);
      if (partner) pair = m.kind === 'transfer_out' ? [m, partner] : [partner, m];
    }
    for (const x of pair) {
      const l = await findLocation(tx.db, x.locationId);
      if (!l || !canSeeLocation(actor, l)) throw new AppError('NOT_FOUND');
    }
    const lines: LedgerLine[] = pair.map((x) => ({
      kind: 'reversal',
      partId: x.partId,
      locationId: x.locationId,
      lot: x.lot,
      serial: x.serial,
      expiryDate: x.expiryDate,
      quantity: -x.quantity,
      unitCostFen: x.unitCostFen,
      counterLocationId: x.counterLocationId,
      workOrderId: x.workOrderId,
      workOrderNumber: x.workOrderNumber,
      requisitionId: x.requisitionId,
      reversalOf: x.id,
      reason: input.reason,
      supplier: x.supplier,
      supplierId: x.supplierId,
      purchaseOrderId: x.purchaseOrderId,
      reversesReceipt: x.kind === 'receipt',
    }));
    // A retry of this very reversal replays; otherwise an already reversed movement is refused.
    const again = await movementsByRequest(tx.db, input.requestId);
    if (!again.length) {
      if (m.kind === 'reversal') {
        throw rule(tx, 'reversal_not_reversible', '冲销记录不能再冲销', 'a reversal cannot itself be reversed');
      }
      const done = await reversedIds(
        tx.db,
        pair.map((x) => x.id),
      );
      if (done.size) throw new AppError('ILLEGAL_TRANSITION', { reason: 'already_reversed' });
    }
    // A receipt against a purchase order: the order is locked first (the order of locks of receivePurchaseOrder),
    // and the units reversed are no longer received on it.
    const order =
      m.kind === 'receipt' && m.purchaseOrderId ? await findOrder(tx.db, m.purchaseOrderId, 'update') : null;
    const result = await postLedger(tx, input.requestId, lines);
    if (result.replayed) {
      const same =
        result.rows.length === lines.length && result.rows.every((r, i) => r.reversalOf === lines[i]?.reversalOf);
      if (!same) throw requestIdReused(tx);
    } else if (order) {
      await takeBackReceived(tx.db, order.id, m.partId, m.quantity);
      if (order.status === 'received' || order.status === 'partially_received') {
        const after = await orderLinesOf(tx.db, [order.id]);
        const status = after.every((l) => l.receivedQuantity === 0)
          ? 'open'
          : after.every((l) => l.receivedQuantity >= l.quantity)
            ? 'received'
            : 'partially_received';
        if (status !== order.status) await updateOrderVersioned(tx.db, order.id, order.version, { status }, tx.now);
      }
    }
    return postingView(tx, input.requestId, result.rows);
  });
}
