import { buildApp } from './app';
import { DEMO_LOGINS, seedDemo } from './db/seed/seed-demo';
import { seedDispatchDay } from './db/seed/seed-dispatch';
import { seedOperations } from './db/seed/seed-operations';
import { seedParts } from './db/seed/seed-parts';
import { seedPartsHistory } from './db/seed/seed-parts-history';
import { seedTechnicians } from './db/seed/seed-technicians';
import { countUsers, createUser, DEMO_PASSWORD, usersWithDemoPassword } from './modules/identity';
import { seedFaultCatalog } from './modules/intake';
import { loadConfig } from './platform/config';
import { type Ctx, createSystemCtx } from './platform/context';
import { DataCipher, loadDataKey } from './platform/crypto';
import { openDatabase } from './platform/db/client';
import { runMigrations } from './platform/db/migrate';
import { EventBus } from './platform/events/events';
import { createLogger } from './platform/log';

const config = loadConfig();
const log = createLogger(config);

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
log.info(
  { driver: database.driver, dataDir: database.driver === 'pglite' ? config.dataDir : undefined },
  'database opened',
);
await runMigrations(database);
await seedFaultCatalog(database.db);

const bus = new EventBus(log);
const cipher = new DataCipher(
  loadDataKey({ envKey: config.dataKey, dataDir: config.dataDir, embedded: database.driver === 'pglite' }),
);
const systemCtx = (): Ctx =>
  createSystemCtx({ db: database.db, log, bus, cipher, now: new Date(), requestId: 'startup' });

if ((await countUsers(database.db)) === 0) {
  if (config.demo) {
    log.info('empty database: seeding the demo company');
    const branches = await seedDemo(systemCtx(), (m) => log.info(`seeded ${m}`));
    await seedTechnicians(systemCtx(), branches, (m) => log.info(`seeded ${m}`));
    await seedParts(systemCtx(), branches, (m) => log.info(`seeded ${m}`));
    const started = Date.now();
    const seeded = await seedOperations({
      customers: Number(process.env.AIRCARE_DEMO_CUSTOMERS ?? 2000),
      orders: Number(process.env.AIRCARE_DEMO_ORDERS ?? 300),
      branches,
      now: new Date(),
      ctxAt: (now) => createSystemCtx({ db: database.db, log, bus, cipher, now, requestId: 'demo-seed' }),
      onProgress: (m) => log.info(`seeding demo data: ${m}`),
    });
    log.info(
      { customers: seeded.customers, orders: seeded.orders, seconds: Math.round((Date.now() - started) / 1000) },
      'demo customers and work orders seeded',
    );
    await seedPartsHistory(systemCtx(), branches, (m) => log.info(`seeded ${m}`));
    const day = await seedDispatchDay({
      people: seeded.people,
      branches,
      now: new Date(),
      ctxAt: (now) => createSystemCtx({ db: database.db, log, bus, cipher, now, requestId: 'demo-seed' }),
      onProgress: (m) => log.info(`seeding demo data: ${m}`),
    });
    log.info(day, "demo: today's appointments seeded");
  } else if (process.env.AIRCARE_ADMIN_PASSWORD) {
    await createUser(systemCtx(), {
      username: 'admin',
      displayName: '系统管理员',
      password: process.env.AIRCARE_ADMIN_PASSWORD,
      roles: ['admin'],
      branchId: null,
      mustChangePassword: true,
    });
    log.info('empty database: created user "admin" from AIRCARE_ADMIN_PASSWORD (must change at first login)');
  } else {
    log.warn('empty database and no AIRCARE_ADMIN_PASSWORD: nobody can log in until an admin is created');
  }
} else if (config.demo) {
  // A demo database made before the technician profiles existed gets them (idempotent: existing ones are kept).
  const techs = await seedTechnicians(systemCtx());
  if (techs.created > 0) log.info(techs, 'demo technician profiles added');
}

if (config.env === 'production') {
  const weak = await usersWithDemoPassword(database.db);
  if (weak.length > 0) {
    log.fatal({ users: weak }, 'refusing to start in production: these users still have the public demo password');
    await database.close();
    process.exit(1);
  }
}

const aircare = await buildApp({ config, database, log, cipher });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 25_000);
  force.unref();
  try {
    await aircare.close();
    await database.close();
  } finally {
    log.info('stopped');
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await aircare.app.listen({ port: config.port, host: config.host });
aircare.jobs.start(config.jobsPollMs);

const url = `http://localhost:${config.port}`;
const lines = [
  '',
  `  Aircare 空调售后管理系统 is running: ${url}`,
  `  database: ${database.driver === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
];
if (config.demo) {
  lines.push(
    `  demo logins (password "${DEMO_PASSWORD}"):`,
    `    ${DEMO_LOGINS.filter((l) => !l.username.startsWith('tech'))
      .map((l) => l.username)
      .join(', ')}, tech01 … tech40`,
  );
}
process.stdout.write(`${lines.join('\n')}\n\n`);
