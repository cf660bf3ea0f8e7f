import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture(level = 'info') {
  const chunks: string[] = [];
  const log = createLogger({ logLevel: level }, { write: (s: string) => void chunks.push(s) });
  return { log, text: () => chunks.join(''), lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per call with level, time, service and message', () => {
    const c = capture();
    c.log.info({ orderId: 'WO-1' }, 'hello');
    c.log.debug('not at info level');
    const lines = c.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, service: 'aircare', orderId: 'WO-1', msg: 'hello' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('censors secret keys at any depth and keeps the rest', () => {
    const c = capture();
    c.log.info(
      {
        password: 'p1',
        user: { password: 'p2', newPassword: 'p3', currentPassword: 'p4', passwordHash: '$argon2id$x', name: '张三' },
        input: {
          customer: { phone: '13800138000', phones: ['13912345678'], address: '天河路 1 号', mobile: '13700001111' },
        },
        req: { headers: { cookie: 'aircare_session=abc', authorization: 'Bearer xyz' } },
        session: { token: 'tok-123', sessionToken: 'tok-456' },
        list: [{ phone: '13600001111' }],
        count: 3,
      },
      'shape',
    );
    const text = c.text();
    for (const secret of [
      'p1',
      'p2',
      'p3',
      'p4',
      'argon2',
      '1380013',
      '1391234',
      '天河路',
      '1370000',
      'abc',
      'xyz',
      'tok-',
      '1360000',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(c.lines()[0]).toMatchObject({
      user: { name: '张三', password: '[redacted]' },
      count: 3,
      list: [{ phone: '[redacted]' }],
    });
  });

  it('child bindings are kept and the logged object is not modified', () => {
    const c = capture();
    const payload = { user: { password: 'keep-me' } };
    c.log.child({ job: 7 }).info(payload, 'x');
    expect(payload.user.password).toBe('keep-me');
    expect(c.lines()[0]).toMatchObject({ job: 7, user: { password: '[redacted]' } });
  });

  it('removes bound values from failed-query messages and PostgreSQL key details', () => {
    const c = capture();
    const err = Object.assign(
      new Error('Failed query: insert into customers (name, phone) values ($1, $2)\nparams: 王五,13800138000'),
      {
        query: 'insert into customers (name, phone) values ($1, $2)',
        params: ['王五', '13800138000'],
      },
    );
    c.log.error({ err }, 'as error');
    c.log.warn({ err: { message: err.message } }, 'as object');
    c.log.warn({ err: err.message }, 'as string');
    c.log.warn({ err: { detail: 'Key (phone)=(13800138000) already exists.' } }, 'detail');
    const text = c.text();
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('王五');
    const [asError, asObject, asString, detail] = c.lines();
    expect(asError?.err).toMatchObject({ type: 'Error', query: 'insert into customers (name, phone) values ($1, $2)' });
    expect((asError?.err as { message: string } | undefined)?.message).toBe(
      'Failed query: insert into customers (name, phone) values ($1, $2)\nparams: [redacted]',
    );
    expect(String((asError?.err as { stack: string } | undefined)?.stack)).toMatch(/\n {4}at /);
    expect(asObject?.err).toEqual({
      message: 'Failed query: insert into customers (name, phone) values ($1, $2)\nparams: [redacted]',
    });
    expect(asString?.err).toBe('Failed query: insert into customers (name, phone) values ($1, $2)\nparams: [redacted]');
    expect(detail?.err).toEqual({ detail: 'Key (phone)=([redacted]) already exists.' });
  });

  it('an ordinary error keeps its message and stack', () => {
    const c = capture();
    c.log.error({ err: new Error('subscriber exploded') }, 'event handler failed');
    expect(c.lines()[0]?.err).toMatchObject({ type: 'Error', message: 'subscriber exploded' });
  });

  it('level silent writes nothing', () => {
    const c = capture('silent');
    c.log.error('nothing');
    expect(c.text()).toBe('');
  });
});
