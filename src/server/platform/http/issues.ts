import type { FieldIssue, Locale } from '@shared/errors';

interface RawIssue {
  code: string;
  path: string;
  message?: string;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  string: { 'zh-CN': '文本', 'en-US': 'text' },
  number: { 'zh-CN': '数字', 'en-US': 'a number' },
  int: { 'zh-CN': '整数', 'en-US': 'a whole number' },
  boolean: { 'zh-CN': '是/否', 'en-US': 'true or false' },
  object: { 'zh-CN': '对象', 'en-US': 'an object' },
  array: { 'zh-CN': '列表', 'en-US': 'a list' },
};

function typeName(t: unknown, locale: Locale): string {
  return TYPE_NAMES[String(t)]?.[locale] ?? String(t);
}

/** Turns a zod issue into a field-level message in the caller's language. */
export function localiseIssue(issue: RawIssue, locale: Locale): FieldIssue {
  const p = issue.params;
  const zh = locale === 'zh-CN';
  let message: string;
  switch (issue.code) {
    case 'invalid_type': {
      // zod 4 leaves the input out of its issues; its own message then ends in "received undefined" for a missing field.
      const missing = 'input' in p ? p.input === undefined : /received undefined$/.test(issue.message ?? '');
      message = missing
        ? zh
          ? '必填'
          : 'is required'
        : zh
          ? `应为${typeName(p.expected, locale)}`
          : `must be ${typeName(p.expected, locale)}`;
      break;
    }
    case 'too_small':
      if (p.origin === 'string')
        message =
          Number(p.minimum) <= 1
            ? zh
              ? '不能为空'
              : 'must not be empty'
            : zh
              ? `至少 ${p.minimum} 个字符`
              : `must have at least ${p.minimum} characters`;
      else if (p.origin === 'array') message = zh ? `至少选择 ${p.minimum} 项` : `needs at least ${p.minimum} item(s)`;
      else message = zh ? `不能小于 ${p.minimum}` : `must be at least ${p.minimum}`;
      break;
    case 'too_big':
      if (p.origin === 'string')
        message = zh ? `最多 ${p.maximum} 个字符` : `must have at most ${p.maximum} characters`;
      else if (p.origin === 'array') message = zh ? `最多 ${p.maximum} 项` : `allows at most ${p.maximum} item(s)`;
      else message = zh ? `不能大于 ${p.maximum}` : `must be at most ${p.maximum}`;
      break;
    case 'unrecognized_keys': {
      const keys = (p.keys as string[] | undefined)?.join(', ') ?? '';
      message = zh ? `不允许的字段：${keys}` : `unknown field(s): ${keys}`;
      break;
    }
    case 'invalid_format':
      message = zh ? `格式不正确（${String(p.format)}）` : `has the wrong format (${String(p.format)})`;
      if (p.format === 'regex' && issue.message && !zh) message = issue.message;
      break;
    case 'invalid_value': {
      const values = (p.values as unknown[] | undefined)?.map(String).join(' / ') ?? '';
      message = zh ? `取值无效，可选：${values}` : `must be one of: ${values}`;
      break;
    }
    case 'invalid_union':
      message = zh ? '取值无效' : 'is not valid';
      break;
    default:
      message = issue.message ?? (zh ? '取值无效' : 'is not valid');
  }
  return { path: issue.path, code: issue.code, message };
}

/** Field issues from fastify-type-provider-zod's validation errors (`instancePath` like "/roles/0"). */
export function issuesFromValidation(
  validation: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }[],
  context: string | undefined,
  locale: Locale,
): FieldIssue[] {
  return validation.flatMap((v) => {
    const base = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const prefix =
      context && context !== 'body' ? `${context === 'querystring' ? 'query' : context}${base ? '.' : ''}` : '';
    const path = `${prefix}${base}`;
    // One issue per unknown key, so forms can mark each.
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
      return (v.params.keys as string[]).map((k) =>
        localiseIssue({ code: v.keyword, path: path ? `${path}.${k}` : k, params: { keys: [k] } }, locale),
      );
    }
    return [localiseIssue({ code: v.keyword, path, message: v.message, params: v.params }, locale)];
  });
}
