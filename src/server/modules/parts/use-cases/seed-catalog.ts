import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { findLocationByCode, findPartByCode, insertPart } from '../parts.repository';
import type { PartFields } from './catalog';
import { postLedger } from './ledger';

export interface OpeningStock {
  partCode: string;
  locationCode: string;
  unitCostFen: number;
  quantity?: number;
  serials?: string[];
  lot?: string;
  expiryDate?: string;
}

/**
 * Demo / first-install catalog and opening stock, as the system. Idempotent: existing part codes are kept, and each
 * opening receipt has a fixed request id (`seed:<part>:<location>`), so a second run posts nothing.
 */
export async function seedPartsCatalog(
  ctx: Ctx,
  input: { parts: (PartFields & { code: string })[]; openingStock: OpeningStock[] },
): Promise<{ parts: number; receipts: number }> {
  return withTransaction(ctx, async (tx) => {
    let created = 0;
    for (const p of input.parts) {
      const code = p.code.toUpperCase();
      if (await findPartByCode(tx.db, code)) continue;
      await insertPart(tx.db, { ...p, code, createdAt: tx.now, updatedAt: tx.now });
      created++;
    }
    let receipts = 0;
    for (const o of input.openingStock) {
      const part = await findPartByCode(tx.db, o.partCode.toUpperCase());
      const loc = await findLocationByCode(tx.db, o.locationCode.toUpperCase());
      if (!part || !loc) continue;
      const units = o.serials?.length
        ? o.serials.map((serial) => ({ quantity: 1, serial, lot: '' }))
        : [{ quantity: o.quantity ?? 1, serial: '', lot: o.lot ?? '' }];
      const r = await postLedger(
        tx,
        `seed:${part.code}:${loc.code}:${o.lot ?? ''}`,
        units.map((u) => ({
          kind: 'receipt' as const,
          partId: part.id,
          locationId: loc.id,
          ...u,
          expiryDate: o.expiryDate ?? null,
          unitCostFen: o.unitCostFen,
          note: '期初库存',
        })),
      );
      if (!r.replayed) receipts++;
    }
    return { parts: created, receipts };
  });
}
