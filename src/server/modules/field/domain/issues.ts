// What the pure rules answer instead of throwing: field issues (bad input → 400) and broken business rules
// (→ 422 BUSINESS_RULE or 409 ILLEGAL_TRANSITION), each with its words in both languages. Use cases turn them into
// AppErrors in the caller's language.

/** One field-level problem of a step's data (`path` relative to the request body). */
export interface Issue {
  path: string;
  code: string;
  zh: string;
  en: string;
}

/** A rule of the policy the step breaks (not a typing error): the reason code, words and facts. */
export interface RuleBreak {
  kind: 'rule' | 'order';
  reason: string;
  zh: string;
  en: string;
  details?: Record<string, unknown>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function issue(path: string, code: string, zh: string, en: string): Issue {
  return { path, code, zh, en };
}

export function ruleBreak(reason: string, zh: string, en: string, details?: Record<string, unknown>): RuleBreak {
  return { kind: 'rule', reason, zh, en, ...(details ? { details } : {}) };
}

export function orderBreak(reason: string, zh: string, en: string, details?: Record<string, unknown>): RuleBreak {
  return { kind: 'order', reason, zh, en, ...(details ? { details } : {}) };
}
