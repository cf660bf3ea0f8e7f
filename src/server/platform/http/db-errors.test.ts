import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, sqlState } from './db-errors';

const wrap = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('isDatabaseUnavailable', () => {
  it('recognises connection-level SQLSTATEs (server shutting down, cannot connect, too many connections)', () => {
    for (const code of ['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
  });

  it('recognises socket errors and pg messages, also wrapped by drizzle', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(wrap(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(wrap(new Error('timeout exceeded when trying to connect')))).toBe(true);
    expect(
      isDatabaseUnavailable(wrap(new Error('Client has encountered a connection error and is not queryable'))),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        wrap(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
      ),
    ).toBe(true);
  });

  it('does not treat query errors as unavailability', () => {
    expect(isDatabaseUnavailable(wrap(Object.assign(new Error('duplicate key'), { code: '23505' })))).toBe(false);
    expect(
      isDatabaseUnavailable(wrap(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('stops following causes after a few levels (no endless loop on a cyclic cause)', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('sqlState', () => {
  it('finds the SQLSTATE through wrappers and ignores Node error codes', () => {
    expect(sqlState(wrap(Object.assign(new Error('dup'), { code: '23505' })))).toBe('23505');
    expect(sqlState(Object.assign(new Error('deadlock'), { code: '40P01' }))).toBe('40P01');
    expect(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(sqlState(new Error('plain'))).toBeNull();
    expect(sqlState(undefined)).toBeNull();
  });
});
