import path from 'node:path';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** postgres://… when running on a PostgreSQL server; null for embedded PGlite. */
  databaseUrl: string | null;
  /** Where PGlite keeps its files (embedded mode) and the data key file lives. */
  dataDir: string;
  logLevel: string;
  /** Seed the demo company when the database is empty. Never in production. */
  demo: boolean;
  /** Origins allowed for state-changing requests with a cookie session, besides the request's own host. */
  allowedOrigins: string[];
  /** Trust X-Forwarded-* from a reverse proxy (sets req.ip and protocol). */
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  bodyLimitBytes: number;
  /** Poll interval of the timers worker; 0 disables the worker (tests drive it by hand). */
  jobsPollMs: number;
  webDir: string;
  /** AIRCARE_DATA_KEY (base64, 32 bytes); embedded mode falls back to DATA_DIR/data.key. */
  dataKey: string | undefined;
  /**
   * AIRCARE_PUBLIC_URL: the public address of the site, without a trailing slash — in the tracking links sent to
   * customers and the WeChat replies.
   */
  publicUrl: string;
  /**
   * AIRCARE_MAP_TILE_URL: raster tiles of the dispatch board's map, a template with {z}, {x}, {y}; '' = no tiles.
   * Its origin is allowed in the pages' Content-Security-Policy (img-src).
   */
  mapTileUrl: string;
}

function tileUrl(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (!v) return '';
  const probe = v.replace(/\{[zxy]\}/g, '0');
  httpUrl('AIRCARE_MAP_TILE_URL', probe);
  if (!/\{z\}/.test(v) || !/\{x\}/.test(v) || !/\{y\}/.test(v)) {
    throw new Error('AIRCARE_MAP_TILE_URL must contain {z}, {x} and {y}');
  }
  return v;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

/** An http(s) URL, without trailing slashes. */
function httpUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  const demo = bool('AIRCARE_DEMO', env.AIRCARE_DEMO, !production);
  if (production && demo) {
    throw new Error('AIRCARE_DEMO=true is refused with NODE_ENV=production: demo users have public passwords');
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    env: nodeEnv,
    port: int('PORT', env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    demo,
    allowedOrigins: (env.AIRCARE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY, false),
    session: {
      idleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 120),
      absoluteHours: int('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12),
    },
    bodyLimitBytes: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    jobsPollMs: int('JOBS_POLL_MS', env.JOBS_POLL_MS, 1000),
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    dataKey: env.AIRCARE_DATA_KEY || undefined,
    publicUrl: httpUrl('AIRCARE_PUBLIC_URL', env.AIRCARE_PUBLIC_URL || 'http://localhost:3000'),
    mapTileUrl: tileUrl(env.AIRCARE_MAP_TILE_URL),
  };
}
