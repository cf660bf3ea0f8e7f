import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from '../../db/schema';

export type Schema = typeof schema;
/** A database handle or a transaction: both drivers share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Raw PGlite (embedded mode) — used by the test kit to snapshot a migrated template. */
  pglite: PGlite | null;
  pool: pg.Pool | null;
  close(): Promise<void>;
}

/** int8 (bigint, count(*)) parses to a JS number on both drivers; beyond 2^53 it is refused, never rounded. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of safe range: ${value}`);
  return n;
}
const INT8_OID = 20;
const NUMERIC_OID = 1700;

let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pg.types.setTypeParser(INT8_OID, parseInt8);
  pgTypesSet = true;
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir: string;
  /** A dump of a PGlite data dir to start from (test kit template clones). */
  loadDataDir?: Blob;
  log?: Logger;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    setPgTypeParsers();
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its server (restart, failover) must not crash the process.
    pool.on('error', (err) => opts.log?.warn({ err: { message: err.message } }, 'postgres idle client error'));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, driver: 'pg', pglite: null, pool, close: () => pool.end() };
  }
  let dataDir = opts.dataDir;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    dataDir = path.resolve(dataDir, 'pglite');
  }
  const client = await PGlite.create({
    dataDir,
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [INT8_OID]: (v: string) => parseInt8(v), [NUMERIC_OID]: (v: string) => v },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', pglite: client, pool: null, close: () => client.close() };
}
