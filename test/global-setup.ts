import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedFaultCatalog } from '../src/server/modules/intake/use-cases/seed-fault-catalog';
import { openDatabase } from '../src/server/platform/db/client';
import { runMigrations } from '../src/server/platform/db/migrate';
import { adminUrl, RUN_PREFIX, TEMPLATE_DB } from './pg-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string | null;
    pgTemplate: string | null;
    pgRunPrefix: string;
  }
}

/**
 * Migrates one template per test run; each test file clones it (PGlite: a data-dir dump loaded into a
 * fresh in-memory instance; PostgreSQL: CREATE DATABASE … TEMPLATE …), so files never share rows.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
    const template = `${TEMPLATE_DB}_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: adminUrl(url, template), dataDir: 'memory://' });
    await runMigrations(database);
    await seedFaultCatalog(database.db);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgRunPrefix', `${RUN_PREFIX}${runId}_`);
    project.provide('pgliteTemplate', null);
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2',
        [`${RUN_PREFIX}${runId}_%`, template],
      );
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await runMigrations(database);
  await seedFaultCatalog(database.db);
  const dump = await database.pglite?.dumpDataDir('none');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  const file = path.join(os.tmpdir(), `aircare-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', null);
  project.provide('pgRunPrefix', '');
  return undefined;
}
