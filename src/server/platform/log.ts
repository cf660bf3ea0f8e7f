import pino, { type Logger } from 'pino';
import type { Config } from './config';

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEYS = new Set([
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'cookie',
  'authorization',
  'token',
  'sessionToken',
  'phone',
  'phones',
  'mobile',
  'address',
]);
const CENSOR = '[redacted]';

function redactDeep(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? CENSOR : redactDeep(v, depth + 1);
  return out;
}

/**
 * drizzle's query errors read "Failed query: <sql>\nparams: <bound values>" — the values are personal data
 * (phones, addresses, password hashes). PostgreSQL's details read "Key (phone)=(13800138000) already exists".
 */
function scrubText(s: string, params?: unknown): string {
  const out = Array.isArray(params)
    ? s.split(`params: ${String(params)}`).join(`params: ${CENSOR}`)
    : s.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, `\nparams: ${CENSOR}`);
  return out.replace(/\)=\([\s\S]*?\)( |$)/g, `)=(${CENSOR})$1`);
}

function serializeErr(err: unknown): unknown {
  if (typeof err === 'string') return scrubText(err);
  if (err === null || typeof err !== 'object') return err;
  const params = (err as { params?: unknown }).params;
  const out: Record<string, unknown> =
    err instanceof Error ? { ...pino.stdSerializers.err(err) } : { ...(err as Record<string, unknown>) };
  delete out.params;
  for (const key of ['message', 'stack', 'detail']) {
    if (typeof out[key] === 'string') out[key] = scrubText(out[key] as string, params);
  }
  return redactDeep(out, 0);
}

/**
 * JSON logs. Secrets and personal data never appear: the keys above are censored at any depth, error messages
 * lose the bound values of failed queries, and request lines are written by the http layer with path only
 * (no query string, no headers, no body). `destination` defaults to stdout.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'aircare' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeErr },
    formatters: { log: (obj) => redactDeep(obj, 0) as Record<string, unknown> },
    redact: {
      paths: [
        'password',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        'cookie',
        '*.cookie',
        'headers.cookie',
        'headers.authorization',
        '*.headers.cookie',
        '*.headers.authorization',
        'token',
        '*.token',
        'phone',
        '*.phone',
        '*.phones',
        'address',
        '*.address',
      ],
      censor: CENSOR,
    },
  };
  // Tests pass a stream to read what would be written; production writes to stdout.
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
