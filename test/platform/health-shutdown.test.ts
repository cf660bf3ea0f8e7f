// Health check, and graceful shutdown: aircare.close() lets in-flight requests and the running job finish.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { buildTestApp, type TestApp } from '../build-test-app';
import { captureLogger, createEffectsTable, effects, gate, insertEffect, jobRows, query } from './support';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ log: captureLogger('silent').log });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /api/health answers 200 with the database checked, without a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: 'ok',
      driver: process.env.DATABASE_URL ? 'pg' : 'pglite',
    });
    expect(String(res.headers['cache-control'])).toContain('no-store');
  });
});

/**
 * GET without keep-alive. (With a keep-alive client, fastify's close() waits for the connection of a request
 * that was in flight at close time until its keep-alive timeout — reported; see the platform test notes.)
 */
function get(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        data += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : null }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function slowApp(capture = captureLogger('info')) {
  const t = await buildTestApp({ log: capture.log });
  await createEffectsTable(t.database.db);
  const entered = gate();
  const release = gate();
  // a test-only slow route (outside /api), added before the app is ready
  t.aircare.app.get('/__test/slow', async () => {
    entered.open();
    await release.promise;
    // still has its database after close() began: close() stops the HTTP server, not the database
    const r = await query<{ n: number }>(t.database.db, sql`SELECT 1::int AS n`);
    return { ok: true, n: r[0]?.n };
  });
  await t.aircare.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.aircare.app.server.address() as AddressInfo).port}`;
  return { t, base, entered, release, capture };
}

describe('graceful shutdown', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close().catch(() => {});
  });

  it('close() lets the in-flight request finish, refuses new connections, then resolves', async () => {
    const { t, base, entered, release, capture } = await slowApp();
    apps.push(t);
    expect((await get(`${base}/api/health`)).status).toBe(200);

    const slow = get(`${base}/__test/slow`);
    await entered.promise;

    let closed = false;
    const closing = t.aircare.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setImmediate(r));

    // new connections are no longer accepted (refused, or 503 on a connection that is still open)
    const late = await get(`${base}/api/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    expect(closed).toBe(false);

    release.open();
    expect(await slow).toEqual({ status: 200, body: { ok: true, n: 1 } });
    await closing;
    expect(closed).toBe(true);
    expect(capture.lines.some((l) => l.msg === 'request' && l.path === '/__test/slow' && l.status === 200)).toBe(true);
  });

  it('close() waits for the running job to commit and stops polling', async () => {
    const { t } = await slowApp(captureLogger('silent'));
    apps.push(t);
    const jobEntered = gate();
    const jobRelease = gate();
    t.aircare.jobs.register('test.slow', async (ctx, payload) => {
      jobEntered.open();
      await jobRelease.promise;
      await insertEffect(ctx.db, 'job-during-shutdown', payload.n);
    });
    await scheduleJob(t.database.db, t.clock.now(), { kind: 'test.slow', payload: { n: 1 }, runAt: t.clock.now() });
    t.aircare.jobs.start(5);
    await jobEntered.promise;

    let closed = false;
    const closing = t.aircare.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    jobRelease.open();
    await closing;

    // the job finished and committed before close() resolved
    expect(await effects(t.database.db, 'job-during-shutdown')).toHaveLength(1);
    expect((await jobRows(t.database.db)).map((j) => j.status)).toEqual(['done']);

    // and no timer is left polling: a job due now stays pending
    await scheduleJob(t.database.db, t.clock.now(), { kind: 'test.slow', payload: { n: 2 }, runAt: t.clock.now() });
    await new Promise((r) => setTimeout(r, 30));
    expect((await jobRows(t.database.db)).map((j) => j.status)).toEqual(['done', 'pending']);
  });
});
