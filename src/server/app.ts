import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { getHealth } from '@shared/contracts/platform.contract';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerCustomersRoutes } from './modules/customers';
import { registerDispatchJobs, registerDispatchRoutes, registerTechniciansRoutes } from './modules/dispatch';
import { registerFieldJobs, registerFieldRoutes } from './modules/field';
import { identityAuthPort, registerIdentityRoutes } from './modules/identity';
import { registerChannelsRoutes, registerIntakeJobs, registerIntakeRoutes } from './modules/intake';
import { loadNotifyConfig, registerNotifyJobs, registerNotifyRoutes } from './modules/notify';
import { registerPartsJobs, registerPartsRoutes } from './modules/parts';
import { type Clock, systemClock } from './platform/clock';
import type { Config } from './platform/config';
import { DataCipher, loadDataKey } from './platform/crypto';
import type { Database } from './platform/db/client';
import { ping } from './platform/db/migrate';
import { EventBus } from './platform/events/events';
import { bindEndpoint, createHttpServer, errorBody, type HttpDeps } from './platform/http/server';
import { JobRunner } from './platform/jobs/jobs';
import { createLogger } from './platform/log';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  log?: Logger;
  cipher?: DataCipher;
}

export interface Aircare {
  app: FastifyInstance;
  jobs: JobRunner;
  bus: EventBus;
  deps: HttpDeps;
  cipher: DataCipher;
  /** Stops the workers and the HTTP server (in-flight requests finish). Does not close the database. */
  close(): Promise<void>;
}

/** The composition root: platform first, then every module's routes, then the web app. */
export async function buildApp(opts: BuildOptions): Promise<Aircare> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config);
  const bus = new EventBus(log);
  const cipher =
    opts.cipher ??
    new DataCipher(
      loadDataKey({ envKey: config.dataKey, dataDir: config.dataDir, embedded: database.driver === 'pglite' }),
    );
  const jobs = new JobRunner({ db: database.db, clock, log, bus, cipher });
  // The site's public address comes from the platform config (AIRCARE_PUBLIC_URL), like intake's tracking links.
  const notifyConfig = { ...loadNotifyConfig(process.env), publicBaseUrl: config.publicUrl };
  registerNotifyJobs(jobs, notifyConfig);
  const deps: HttpDeps = {
    config,
    db: database.db,
    clock,
    log,
    bus,
    auth: identityAuthPort(database.db, config),
    cipher,
  };
  const app = await createHttpServer(deps);

  bindEndpoint(app, deps, getHealth, async () => {
    await ping(database);
    return { status: 'ok' as const, database: 'ok' as const, driver: database.driver };
  });
  registerIdentityRoutes(app, deps);
  registerNotifyRoutes(app, deps, notifyConfig);
  registerCustomersRoutes(app, deps);
  registerIntakeRoutes(app, deps);
  registerChannelsRoutes(app, deps);
  registerTechniciansRoutes(app, deps);
  registerDispatchRoutes(app, deps);
  registerPartsRoutes(app, deps);
  registerFieldRoutes(app, deps);
  registerIntakeJobs(jobs);
  registerDispatchJobs(jobs);
  registerFieldJobs(jobs);
  registerPartsJobs(jobs);

  const webDir = config.webDir;
  const indexHtml = path.join(webDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The PWA manifest's own type (the mime table may not know .webmanifest).
      setHeaders: (res, filePath) => {
        if (path.basename(filePath) === 'manifest.webmanifest') {
          res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
        }
      },
    });
    // The service worker and the manifest are checked for updates on every visit (hashed assets never change).
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url === '/sw.js' || req.url === '/manifest.webmanifest') reply.header('Cache-Control', 'no-cache');
      return payload;
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const wantsPage =
      req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) {
      // The single-page app handles its own routes (and its own 404 page).
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', req.locale ?? 'zh-CN', String(req.id)));
  });

  return {
    app,
    jobs,
    bus,
    deps,
    cipher,
    close: async () => {
      await Promise.all([jobs.stop(), app.close()]);
    },
  };
}
