import { loadConfig } from '../config';
import { createLogger } from '../log';
import { openDatabase } from './client';
import { runMigrations } from './migrate';

const config = loadConfig();
const log = createLogger(config);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
try {
  await runMigrations(database);
  log.info({ driver: database.driver }, 'migrations applied');
} finally {
  await database.close();
}
