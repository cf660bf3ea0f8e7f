import type { Db } from '@server/platform/db/client';
import { SEED_CATEGORIES, SEED_CODES } from '../domain/fault-catalog-data';
import { insertCategoriesIfMissing, insertFaultCodesIfMissing } from '../intake.repository';

/**
 * Seeds the fault catalog (the ten categories and the brand error codes). Idempotent: run at every start and
 * on every test database; rows already there (and an admin's edits of them) are kept.
 */
export async function seedFaultCatalog(db: Db): Promise<void> {
  await insertCategoriesIfMissing(
    db,
    SEED_CATEGORIES.map((c, i) => ({ ...c, sort: (i + 1) * 10, active: true })),
  );
  await insertFaultCodesIfMissing(
    db,
    SEED_CODES.map((c) => ({ ...c, categoryCode: 'error_code' })),
  );
}
