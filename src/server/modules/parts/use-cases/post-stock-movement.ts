import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { AppError } from '@server/platform/errors';
import type { Posting, StockMovementInput } from '@shared/contracts/parts.contract';
import { findPart, type LocationRow, type MovementRow, type PartRow } from '../parts.repository';
import { type LedgerLine, postingView, postLedger } from './ledger';
import { afterStockPosting } from './old-part-returns';
import { fieldError, rule, visibleLocation } from './parts-support';
import { returnSupplier } from './suppliers';

/** The units a line moves: one per serial for serial-tracked parts, else one quantity (with the lot if tracked). */
export function unitsOf(
  ctx: Ctx,
  part: PartRow,
  input: { quantity?: number | undefined; serials?: string[] | undefined; lot?: string | undefined },
  paths: { quantity: string; serials: string; lot: string } = { quantity: 'quantity', serials: 'serials', lot: 'lot' },
): { quantity: number; serial: string; lot: string }[] {
  if (part.serialTracked) {
    if (!input.serials?.length) {
      throw fieldError(
        ctx,
        paths.serials,
        'required',
        '序列号管理的配件须逐件登记序列号',
        'a serial-tracked part needs one serial per unit',
      );
    }
    const serials = input.serials.map((s) => s.toUpperCase());
    if (new Set(serials).size !== serials.length) {
      throw fieldError(ctx, paths.serials, 'duplicate', '序列号重复', 'a serial is listed twice');
    }
    if (input.quantity !== undefined && input.quantity !== serials.length) {
      throw fieldError(
        ctx,
        paths.quantity,
        'serial_count',
        '数量须等于序列号个数',
        'the quantity must equal the number of serials',
      );
    }
    if (input.lot !== undefined)
      throw fieldError(ctx, paths.lot, 'not_allowed', '该配件不按批次管理', 'this part has no lots');
    return serials.map((serial) => ({ quantity: 1, serial, lot: '' }));
  }
  if (input.serials !== undefined) {
    throw fieldError(ctx, paths.serials, 'not_allowed', '该配件不按序列号管理', 'this part is not serial-tracked');
  }
  if (input.quantity === undefined)
    throw fieldError(ctx, paths.quantity, 'required', '请填写数量', 'quantity is required');
  if (part.lotTracked && input.lot === undefined) {
    throw fieldError(ctx, paths.lot, 'required', '批次管理的配件须填写批次', 'a lot-tracked part needs its lot');
  }
  if (!part.lotTracked && input.lot !== undefined) {
    throw fieldError(ctx, paths.lot, 'not_allowed', '该配件不按批次管理', 'this part has no lots');
  }
  return [{ quantity: input.quantity, serial: '', lot: input.lot ?? '' }];
}

function activeLocation(ctx: Ctx, l: LocationRow, path: string): LocationRow {
  if (!l.active) throw fieldError(ctx, path, 'inactive', '该库位已停用', 'this location is inactive');
  return l;
}

/** Same request id, same lines: the replay of a posting (anything else is a reused id: 422). */
export function sameLines(rows: MovementRow[], lines: LedgerLine[]): boolean {
  if (rows.length !== lines.length) return false;
  return rows.every((r, i) => {
    const l = lines[i] as LedgerLine;
    return (
      r.kind === l.kind &&
      r.partId === l.partId &&
      r.locationId === l.locationId &&
      r.quantity === l.quantity &&
      r.lot === (l.lot ?? '') &&
      r.serial === (l.serial ?? '')
    );
  });
}

export function requestIdReused(ctx: Ctx): AppError {
  return rule(
    ctx,
    'request_id_reused',
    '此 requestId 已用于另一笔不同的出入库；新的操作请使用新的 requestId',
    'This requestId was already used for a different posting; use a new one for a new operation',
  );
}

/**
 * POST /api/stock-movements — one posting of the ledger. Acts once per requestId: a retry with the same id and the
 * same content returns the first result; different content is 422 `request_id_reused`.
 */
export async function postStockMovement(ctx: Ctx, input: StockMovementInput): Promise<Posting> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const part = await findPart(tx.db, input.partId);
    if (!part) throw fieldError(ctx, 'partId', 'not_found', '配件不存在', 'no such part');
    const note = input.note ?? '';
    let lines: LedgerLine[];
    switch (input.kind) {
      case 'receipt': {
        if (!part.active) throw fieldError(ctx, 'partId', 'inactive', '该配件已停用', 'this part is inactive');
        const loc = activeLocation(ctx, await visibleLocation(tx, input.locationId, 'locationId'), 'locationId');
        if (part.lotTracked && !input.expiryDate) {
          throw fieldError(
            ctx,
            'expiryDate',
            'required',
            '批次管理的配件须填写有效期',
            'a lot-tracked part needs its expiry date',
          );
        }
        lines = unitsOf(ctx, part, input).map((u) => ({
          kind: 'receipt',
          partId: part.id,
          locationId: loc.id,
          ...u,
          expiryDate: input.expiryDate ?? null,
          unitCostFen: input.unitCostFen,
          supplier: input.supplier ?? '',
          note,
        }));
        break;
      }
      case 'transfer': {
        if (input.fromLocationId === input.toLocationId) {
          throw fieldError(
            ctx,
            'toLocationId',
            'same_location',
            '调出与调入库位相同',
            'from and to are the same location',
          );
        }
        const from = await visibleLocation(tx, input.fromLocationId, 'fromLocationId');
        const to = activeLocation(ctx, await visibleLocation(tx, input.toLocationId, 'toLocationId'), 'toLocationId');
        lines = unitsOf(ctx, part, input).flatMap((u): LedgerLine[] => [
          {
            kind: 'transfer_out',
            partId: part.id,
            locationId: from.id,
            ...u,
            quantity: -u.quantity,
            counterLocationId: to.id,
            note,
          },
          { kind: 'transfer_in', partId: part.id, locationId: to.id, ...u, counterLocationId: from.id, note },
        ]);
        break;
      }
      case 'issue':
      case 'scrap':
      case 'return_to_supplier': {
        const loc = await visibleLocation(tx, input.locationId, 'locationId');
        const returnTo =
          input.kind === 'return_to_supplier' ? await returnSupplier(tx, input.supplierId, input.supplier) : {};
        lines = unitsOf(ctx, part, input).map((u) => ({
          kind: input.kind,
          partId: part.id,
          locationId: loc.id,
          ...u,
          quantity: -u.quantity,
          note,
          ...(input.kind === 'issue'
            ? { workOrderId: input.workOrderId, workOrderNumber: input.workOrderNumber ?? '' }
            : { reason: input.reason }),
          ...returnTo,
        }));
        break;
      }
      case 'return_from_job': {
        const loc = activeLocation(ctx, await visibleLocation(tx, input.locationId, 'locationId'), 'locationId');
        lines = unitsOf(ctx, part, input).map((u) => ({
          kind: 'return_from_job',
          partId: part.id,
          locationId: loc.id,
          ...u,
          expiryDate: input.expiryDate ?? null,
          workOrderId: input.workOrderId,
          workOrderNumber: input.workOrderNumber ?? '',
          note,
        }));
        break;
      }
      case 'adjustment': {
        const loc = await visibleLocation(tx, input.locationId, 'locationId');
        if (part.serialTracked) {
          if (!input.serial) throw fieldError(ctx, 'serial', 'required', '请填写序列号', 'the serial is required');
          if (Math.abs(input.delta) !== 1) {
            throw fieldError(ctx, 'delta', 'serial_one', '序列号配件每次调整一件', 'a serial unit is adjusted by ±1');
          }
        } else if (input.serial !== undefined) {
          throw fieldError(ctx, 'serial', 'not_allowed', '该配件不按序列号管理', 'this part is not serial-tracked');
        }
        if (part.lotTracked && input.lot === undefined) {
          throw fieldError(ctx, 'lot', 'required', '批次管理的配件须填写批次', 'a lot-tracked part needs its lot');
        }
        if (!part.lotTracked && input.lot !== undefined) {
          throw fieldError(ctx, 'lot', 'not_allowed', '该配件不按批次管理', 'this part has no lots');
        }
        lines = [
          {
            kind: 'adjustment',
            partId: part.id,
            locationId: loc.id,
            lot: input.lot ?? '',
            serial: input.serial?.toUpperCase() ?? '',
            expiryDate: input.expiryDate ?? null,
            quantity: input.delta,
            reason: input.reason,
            note,
          },
        ];
        break;
      }
      default: {
        const never: never = input;
        throw new Error(`unknown kind ${String(never)}`);
      }
    }
    const result = await postLedger(tx, input.requestId, lines);
    if (result.replayed && !sameLines(result.rows, lines)) throw requestIdReused(ctx);
    // 旧件回收 and the valuable follow-up (use-cases/old-part-returns.ts): a valuable unit issued to a job owes its
    // old part back; one put in a van is followed up. Once per posting (a replay opens nothing).
    if (!result.replayed) await afterStockPosting(tx, result.rows);
    return postingView(tx, input.requestId, result.rows);
  });
}
