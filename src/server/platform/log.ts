import pino, { type Logger } from 'pino';
import type { Config } from './config';

/**
 * JSON logs. Secrets and personal data never appear: the redact list covers the usual carriers, and
 * request lines are written by the http layer with path only (no query string, no headers, no body).
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'aircare' },
    timestamp: pino.stdTimeFunctions.isoTime,
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
      censor: '[redacted]',
    },
  });
}

export type { Logger };
