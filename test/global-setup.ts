import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/platform/db/client';
import { runMigrations } from '../src/server/platform/db/migrate';
import { adminUrl, TEMPLATE_DB } from './pg-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string | null;
    pgTemplate: string | null;
  }
}

/**
 * Migrates one template per test run; each test file clones it (PGlite: a data-dir dump loaded into a
 * fresh in-memory instance; PostgreSQL: CREATE DATABASE … TEMPLATE …), so files never share rows.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: adminUrl(url, TEMPLATE_DB), dataDir: 'memory://' });
    await runMigrations(database);
    await database.close();
    project.provide('pgTemplate', TEMPLATE_DB);
    project.provide('pgliteTemplate', null);
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'aircare_t_%' OR datname = $1",
        [TEMPLATE_DB],
      );
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await runMigrations(database);
  const dump = await database.pglite?.dumpDataDir('none');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  const file = path.join(os.tmpdir(), `aircare-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', null);
  return undefined;
}
