import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('has safe defaults for development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: null,
      logLevel: 'info',
      demo: true,
      allowedOrigins: [],
      trustProxy: false,
      session: { idleMinutes: 120, absoluteHours: 12 },
      bodyLimitBytes: 1024 * 1024,
      jobsPollMs: 1000,
      publicUrl: 'http://localhost:3000',
      mapTileUrl: '',
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(path.isAbsolute(c.webDir)).toBe(true);
  });

  it('is silent in tests and takes every variable', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@db:5432/aircare',
      DATA_DIR: '/var/lib/aircare',
      AIRCARE_DEMO: 'false',
      AIRCARE_ALLOWED_ORIGINS: ' https://a.example.cn , ,https://b.example.cn',
      TRUST_PROXY: '1',
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '8',
      BODY_LIMIT_BYTES: '2048',
      JOBS_POLL_MS: '0',
      WEB_DIR: '/srv/web',
      AIRCARE_PUBLIC_URL: 'https://aircare.example.cn/',
    });
    expect(c).toMatchObject({
      env: 'test',
      logLevel: 'silent',
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@db:5432/aircare',
      dataDir: '/var/lib/aircare',
      demo: false,
      allowedOrigins: ['https://a.example.cn', 'https://b.example.cn'],
      trustProxy: true,
      session: { idleMinutes: 30, absoluteHours: 8 },
      bodyLimitBytes: 2048,
      jobsPollMs: 0,
      webDir: '/srv/web',
      publicUrl: 'https://aircare.example.cn',
    });
  });

  it('AIRCARE_PUBLIC_URL must be an http(s) URL', () => {
    expect(() => loadConfig({ AIRCARE_PUBLIC_URL: 'ftp://x' })).toThrow(/AIRCARE_PUBLIC_URL/);
    expect(() => loadConfig({ AIRCARE_PUBLIC_URL: 'aircare.example.cn' })).toThrow(/AIRCARE_PUBLIC_URL/);
    expect(loadConfig({ AIRCARE_PUBLIC_URL: 'https://x.example.cn//' }).publicUrl).toBe('https://x.example.cn');
  });

  it('AIRCARE_MAP_TILE_URL is an http(s) template with {z}, {x} and {y}', () => {
    const url = 'https://tiles.example.cn/{z}/{x}/{y}.png';
    expect(loadConfig({ AIRCARE_MAP_TILE_URL: url }).mapTileUrl).toBe(url);
    expect(() => loadConfig({ AIRCARE_MAP_TILE_URL: 'https://tiles.example.cn/{z}/{x}.png' })).toThrow(/\{y\}/);
    expect(() => loadConfig({ AIRCARE_MAP_TILE_URL: 'javascript:{z}{x}{y}' })).toThrow(/AIRCARE_MAP_TILE_URL/);
  });

  it('an empty DATABASE_URL means embedded PGlite; an empty number means the default', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: null, port: 3000 });
  });

  it('LOG_LEVEL overrides the default of any environment', () => {
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ NODE_ENV: 'production', AIRCARE_DEMO: 'false', LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
  });

  it('production has no demo data by default and refuses AIRCARE_DEMO=true', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c).toMatchObject({ env: 'production', demo: false, logLevel: 'info' });
    expect(() => loadConfig({ NODE_ENV: 'production', AIRCARE_DEMO: 'true' })).toThrow(/AIRCARE_DEMO=true is refused/);
    expect(() => loadConfig({ NODE_ENV: 'production', AIRCARE_DEMO: '1' })).toThrow(/refused/);
  });

  it('an unknown NODE_ENV is development', () => {
    expect(loadConfig({ NODE_ENV: 'staging' }).env).toBe('development');
  });

  it('rejects numbers that are not whole numbers, naming the variable', () => {
    for (const bad of ['abc', '3.5', '-1', '1e3', ' 80']) {
      expect(() => loadConfig({ PORT: bad })).toThrow(`PORT must be a whole number, got "${bad}"`);
    }
    expect(() => loadConfig({ JOBS_POLL_MS: 'soon' })).toThrow(/JOBS_POLL_MS/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '10m' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('accepts true/false/1/0 for switches and rejects anything else', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ AIRCARE_DEMO: '0' }).demo).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow('TRUST_PROXY must be true or false, got "yes"');
    expect(() => loadConfig({ AIRCARE_DEMO: 'TRUE' })).toThrow(/AIRCARE_DEMO/);
  });
});
