import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { parts } from '../parts.schema';
import { supplierContractPrices, supplierContracts, suppliers } from '../purchasing.schema';

export interface ContractSeed {
  /** Unique, e.g. "HT-2026-003". */
  number: string;
  startsOn: string;
  endsOn: string;
  deliveryDays: number;
  warrantyTerms: string;
  paymentTerms: string;
  /** active | terminated (an expired contract stays `active`: expiry is read from the dates). */
  status?: 'active' | 'terminated';
  note?: string;
  prices: { partCode: string; unitPriceFen: number }[];
}

export interface SupplierSeed {
  /** Unique, upper case: "SUP-SUILING". */
  code: string;
  name: string;
  contactName: string;
  contactPhone: string;
  email: string;
  address: string;
  creditCode: string;
  note?: string;
  contracts: ContractSeed[];
}

/**
 * Demo (or first-install) suppliers with their contracts and contract prices, inserted directly (a seed, not a
 * user's action: no audit rows). Idempotent: an existing supplier code or contract number is left as it is; a price
 * for an unknown part code is skipped.
 */
export async function seedSuppliers(
  ctx: Ctx,
  input: SupplierSeed[],
): Promise<{ suppliers: number; contracts: number; prices: number }> {
  return withTransaction(ctx, async (tx) => {
    const existing = new Map((await tx.db.select().from(suppliers)).map((s) => [s.code, s.id]));
    const contractNumbers = new Set(
      (await tx.db.select({ number: supplierContracts.number }).from(supplierContracts)).map((c) => c.number),
    );
    const partIds = new Map(
      (await tx.db.select({ id: parts.id, code: parts.code }).from(parts)).map((p) => [p.code, p.id]),
    );
    let createdSuppliers = 0;
    let createdContracts = 0;
    let createdPrices = 0;
    for (const s of input) {
      const code = s.code.toUpperCase();
      let supplierId = existing.get(code);
      if (!supplierId) {
        const [row] = await tx.db
          .insert(suppliers)
          .values({
            code,
            name: s.name,
            contactName: s.contactName,
            contactPhone: s.contactPhone,
            email: s.email,
            address: s.address,
            creditCode: s.creditCode,
            note: s.note ?? '',
            createdAt: tx.now,
            updatedAt: tx.now,
          })
          .returning({ id: suppliers.id });
        supplierId = row?.id as string;
        existing.set(code, supplierId);
        createdSuppliers++;
      }
      for (const c of s.contracts) {
        if (contractNumbers.has(c.number)) continue;
        const [row] = await tx.db
          .insert(supplierContracts)
          .values({
            supplierId,
            number: c.number,
            startsOn: c.startsOn,
            endsOn: c.endsOn,
            deliveryDays: c.deliveryDays,
            warrantyTerms: c.warrantyTerms,
            paymentTerms: c.paymentTerms,
            status: c.status ?? 'active',
            note: c.note ?? '',
            createdAt: tx.now,
            updatedAt: tx.now,
          })
          .returning({ id: supplierContracts.id });
        contractNumbers.add(c.number);
        createdContracts++;
        const seen = new Set<string>();
        const prices = c.prices.flatMap((p) => {
          const partId = partIds.get(p.partCode.toUpperCase());
          if (!partId || seen.has(partId)) return [];
          seen.add(partId);
          return [{ contractId: row?.id as string, partId, unitPriceFen: p.unitPriceFen }];
        });
        if (prices.length) await tx.db.insert(supplierContractPrices).values(prices);
        createdPrices += prices.length;
      }
    }
    return { suppliers: createdSuppliers, contracts: createdContracts, prices: createdPrices };
  });
}
