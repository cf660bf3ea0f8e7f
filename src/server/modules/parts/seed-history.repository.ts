import type { Db } from '@server/platform/db/client';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Bulk insert for seeds (use-cases/seed-stock-history.ts): the rows travel as one JSON parameter per chunk and are
 * expanded by `json_populate_recordset`, in the order given (so serial columns such as `seq` follow it). Far cheaper
 * than a multi-row VALUES list with one bind parameter per cell. Columns left out of the rows take their defaults;
 * every row must have the same keys as the first.
 */
export async function insertRowsBulk<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(
      rows
        .slice(i, i + 2000)
        .map((r) =>
          Object.fromEntries(columns.map(([key, c]) => [c.name, (r as Record<string, unknown>)[key] ?? null])),
        ),
    );
    await db.execute(
      sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json) with ordinality as r order by r.ordinality`,
    );
  }
}
