import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesFromValidation, localiseIssue } from './issues';

/** What fastify-type-provider-zod puts in `error.validation` for a failed zod parse. */
function validationOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a validation failure');
  return r.error.issues.map((issue) => {
    const { path, code, message, ...params } = issue as unknown as {
      path: PropertyKey[];
      code: string;
      message: string;
    } & Record<string, unknown>;
    return { keyword: code, instancePath: `/${path.join('/')}`, message, params };
  });
}

const userBody = z.strictObject({
  username: z.string().min(3).max(20),
  password: z.string().min(1),
  roles: z
    .array(z.enum(['admin', 'dispatcher']))
    .min(1)
    .max(3),
  age: z.number().int().min(18),
  email: z.email().optional(),
  code: z
    .string()
    .regex(/^[A-Z]{2}-\d+$/, 'use a code like GZ-1')
    .optional(),
});

describe('issuesFromValidation (zod issues → localised field issues)', () => {
  it('a missing field is "required" in both languages', () => {
    const v = validationOf(userBody, { password: 'x', roles: ['admin'], age: 20 });
    expect(issuesFromValidation(v, 'body', 'zh-CN')).toEqual([
      { path: 'username', code: 'invalid_type', message: '必填' },
    ]);
    expect(issuesFromValidation(v, 'body', 'en-US')).toEqual([
      { path: 'username', code: 'invalid_type', message: 'is required' },
    ]);
  });

  it('a wrong type names the expected type; no coercion of "20" into 20', () => {
    const v = validationOf(userBody, { username: 'abc', password: 'x', roles: ['admin'], age: '20' });
    expect(issuesFromValidation(v, 'body', 'zh-CN')).toEqual([
      { path: 'age', code: 'invalid_type', message: '应为数字' },
    ]);
    expect(issuesFromValidation(v, 'body', 'en-US')[0]?.message).toBe('must be a number');
  });

  it('string, array and number bounds', () => {
    const v = validationOf(userBody, { username: 'ab', password: '', roles: [], age: 17 });
    const zh = issuesFromValidation(v, 'body', 'zh-CN');
    expect(zh).toEqual([
      { path: 'username', code: 'too_small', message: '至少 3 个字符' },
      { path: 'password', code: 'too_small', message: '不能为空' },
      { path: 'roles', code: 'too_small', message: '至少选择 1 项' },
      { path: 'age', code: 'too_small', message: '不能小于 18' },
    ]);
    const en = issuesFromValidation(
      validationOf(userBody, {
        username: 'a'.repeat(21),
        password: 'x',
        roles: ['admin', 'admin', 'admin', 'admin'],
        age: 18,
      }),
      'body',
      'en-US',
    );
    expect(en).toEqual([
      { path: 'username', code: 'too_big', message: 'must have at most 20 characters' },
      { path: 'roles', code: 'too_big', message: 'allows at most 3 item(s)' },
    ]);
  });

  it('enum values and nested paths', () => {
    const v = validationOf(userBody, { username: 'abc', password: 'x', roles: ['admin', 'boss'], age: 30 });
    expect(issuesFromValidation(v, 'body', 'zh-CN')).toEqual([
      { path: 'roles.1', code: 'invalid_value', message: '取值无效，可选：admin / dispatcher' },
    ]);
    expect(issuesFromValidation(v, 'body', 'en-US')[0]?.message).toBe('must be one of: admin / dispatcher');
  });

  it('one issue per unknown field, so a form can mark each', () => {
    const v = validationOf(userBody, {
      username: 'abc',
      password: 'x',
      roles: ['admin'],
      age: 30,
      isAdmin: true,
      extra: 1,
    });
    expect(issuesFromValidation(v, 'body', 'en-US')).toEqual([
      { path: 'isAdmin', code: 'unrecognized_keys', message: 'unknown field(s): isAdmin' },
      { path: 'extra', code: 'unrecognized_keys', message: 'unknown field(s): extra' },
    ]);
    expect(issuesFromValidation(v, 'body', 'zh-CN')[0]?.message).toBe('不允许的字段：isAdmin');
  });

  it('formats: e-mail, and a regex with its own English message', () => {
    const v = validationOf(userBody, {
      username: 'abc',
      password: 'x',
      roles: ['admin'],
      age: 30,
      email: 'nope',
      code: 'x',
    });
    expect(issuesFromValidation(v, 'body', 'zh-CN')).toEqual([
      { path: 'email', code: 'invalid_format', message: '格式不正确（email）' },
      { path: 'code', code: 'invalid_format', message: '格式不正确（regex）' },
    ]);
    expect(issuesFromValidation(v, 'body', 'en-US').map((i) => i.message)).toEqual([
      'has the wrong format (email)',
      'use a code like GZ-1',
    ]);
  });

  it('prefixes query and params paths; body paths stay bare', () => {
    const q = z.strictObject({ page: z.number().int() });
    const v = validationOf(q, { page: 'x' });
    expect(issuesFromValidation(v, 'querystring', 'en-US')[0]?.path).toBe('query.page');
    expect(issuesFromValidation(v, 'params', 'en-US')[0]?.path).toBe('params.page');
    expect(issuesFromValidation(v, 'body', 'en-US')[0]?.path).toBe('page');
    expect(issuesFromValidation(v, undefined, 'en-US')[0]?.path).toBe('page');
    // an unknown query parameter
    const u = validationOf(q, { page: 1, sort: 'x' });
    expect(issuesFromValidation(u, 'querystring', 'en-US')[0]?.path).toBe('query.sort');
  });

  it('a whole-body problem has an empty path', () => {
    const v = validationOf(userBody, 'not an object');
    expect(issuesFromValidation(v, 'body', 'en-US')).toEqual([
      { path: '', code: 'invalid_type', message: 'must be an object' },
    ]);
  });
});

describe('localiseIssue', () => {
  it('falls back to the issue message, then to a generic one, for codes it does not know', () => {
    expect(localiseIssue({ code: 'custom', path: 'x', message: 'end before start', params: {} }, 'en-US')).toEqual({
      path: 'x',
      code: 'custom',
      message: 'end before start',
    });
    expect(localiseIssue({ code: 'custom', path: 'x', params: {} }, 'zh-CN').message).toBe('取值无效');
    expect(localiseIssue({ code: 'invalid_union', path: 'x', params: {} }, 'en-US').message).toBe('is not valid');
  });

  it('numbers bounds on non-string, non-array values', () => {
    expect(
      localiseIssue({ code: 'too_big', path: 'n', params: { origin: 'number', maximum: 5 } }, 'zh-CN').message,
    ).toBe('不能大于 5');
  });
});
