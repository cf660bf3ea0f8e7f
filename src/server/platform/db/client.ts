import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
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
/** Not in pg-types' TypeId enum. */
const INT8_ARRAY_OID = 1016 as unknown as Parameters<typeof pg.types.setTypeParser>[0];
const NUMERIC_OID = 1700;

type Nested<T> = T | null | Nested<T>[];
function mapNested(value: Nested<string>): Nested<number> {
  if (value === null) return null;
  return Array.isArray(value) ? value.map(mapNested) : parseInt8(value);
}

let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pg.types.setTypeParser(INT8_OID, parseInt8);
  // int8[] (array_agg of ids): numbers too, as PGlite does with the element parser; pg's default gives strings.
  const int8Array = pg.types.getTypeParser(INT8_ARRAY_OID) as (v: string) => Nested<string>;
  pg.types.setTypeParser(INT8_ARRAY_OID, (v: string) => mapNested(int8Array(v)));
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
  /** How long a request waits for a free connection before answering 503 (default 5 s). */
  connectionTimeoutMs?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    setPgTypeParsers();
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its server (restart, failover) must not crash the process.
    pool.on('error', (err) => opts.log?.warn({ err: { message: err.message } }, 'postgres idle client error'));
    // Nor may a checked-out one (a transaction holds its client between queries): pg emits 'error' on the client,
    // and the pool listens only while the client is idle. The transaction's own queries fail and the broken
    // client is dropped when released.
    pool.on('connect', (client) => {
      client.on('error', (err) => opts.log?.warn({ err: { message: err.message } }, 'postgres client error'));
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // drizzle's pool transactions send BEGIN before their try/finally: a BEGIN that fails on a connection the
    // server just dropped never releases its client, and after `max` such failures the pool is exhausted for
    // good. So each transaction runs on a client checked out here and always released (pg-pool discards a
    // broken one on release).
    db.transaction = (async (fn: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
      const client = await pool.connect();
      try {
        return await (drizzlePg(client, { schema }) as unknown as Db).transaction(fn, config);
      } finally {
        client.release();
      }
    }) as Db['transaction'];
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
    extensions: { btree_gist },
    parsers: { [INT8_OID]: (v: string) => parseInt8(v), [NUMERIC_OID]: (v: string) => v },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', pglite: client, pool: null, close: () => client.close() };
}
