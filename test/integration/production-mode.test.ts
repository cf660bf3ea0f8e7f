import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/db/seed/seed-demo';
import { usersWithDemoPassword } from '../../src/server/modules/identity';
import { loadConfig } from '../../src/server/platform/config';
import { createSystemCtx } from '../../src/server/platform/context';
import { DataCipher } from '../../src/server/platform/crypto';
import { openDatabase } from '../../src/server/platform/db/client';
import { runMigrations } from '../../src/server/platform/db/migrate';
import { EventBus } from '../../src/server/platform/events/events';
import { createLogger } from '../../src/server/platform/log';
import { buildTestApp, type TestApp } from '../build-test-app';

function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production mode', () => {
  it('refuses AIRCARE_DEMO=true with NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AIRCARE_DEMO: 'true' })).toThrow(/refused/);
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
  });

  it('refuses to start while a user still has the demo password', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aircare-prod-'));
    try {
      const log = createLogger({ logLevel: 'silent' });
      const database = await openDatabase({ databaseUrl: null, dataDir: dir });
      await runMigrations(database);
      const bus = new EventBus(log);
      await seedDemo(
        createSystemCtx({ db: database.db, log, bus, cipher: new DataCipher(randomBytes(32)), now: new Date() }),
      );
      const weak = await usersWithDemoPassword(database.db);
      expect(weak).toContain('admin');
      expect(weak).toHaveLength(48);
      await database.close();

      const run = await runMain({ NODE_ENV: 'production', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' });
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/demo password/);
      expect(run.output).not.toMatch(/is running/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not seed demo users on an empty production database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aircare-prod-'));
    try {
      // The server starts (no demo users); SIGTERM it once it is listening.
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const listening = new Promise<void>((resolve) => {
        const onData = (d: Buffer) => {
          output += String(d);
          if (output.includes('is running')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await Promise.race([listening, exited]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toMatch(/nobody can log in/);
      expect(output).not.toMatch(/demo logins/);
      const database = await openDatabase({ databaseUrl: null, dataDir: dir });
      expect(await usersWithDemoPassword(database.db)).toEqual([]);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('production cookies and headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { env: 'production', demo: false } });
    await t.createUser('boss', ['admin'], null);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('uses a __Host- cookie with Secure, and HSTS', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'boss', password: 'test-password-1' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-aircare_sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
    expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=/);
  });
});
