import { MESSAGE_TEMPLATE_LABELS, type MessageTemplate } from '@shared/contracts/notify.contract';
import type { Locale } from '@shared/errors';

/**
 * The message templates, in one typed table. `zh` is what the customer receives (the provider-side templates of
 * Aliyun / Tencent / WeChat must say the same, with the same variables); `en` is for staff reading the message log.
 * `variables` is the exact list of variables, in the order of Tencent's TemplateParamSet; `secret` variables are
 * masked (******) in the message log unless the message went through the `log` transport.
 */
export interface TemplateDef {
  variables: readonly string[];
  secret: readonly string[];
  zh: string;
  en: string;
}

export const TEMPLATES = {
  verification_code: {
    variables: ['code'],
    secret: ['code'],
    zh: '【Aircare空调售后】您的验证码为{code}，10分钟内有效。如非本人操作请忽略。',
    en: '[Aircare] Your verification code is {code}, valid for 10 minutes. If you did not ask for it, ignore this message.',
  },
  order_received: {
    variables: ['orderNumber', 'trackingUrl'],
    secret: [],
    zh: '【Aircare空调售后】您的报修已受理，工单号{orderNumber}，我们将尽快安排工程师。查看进度：{trackingUrl}',
    en: '[Aircare] Your repair request has been received, order {orderNumber}; we will assign a technician soon. Track it: {trackingUrl}',
  },
  order_returned: {
    variables: ['orderNumber'],
    secret: [],
    zh: '【Aircare空调售后】您的报修单{orderNumber}还需补充一些信息，客服将尽快致电与您核实，请保持电话畅通。',
    en: '[Aircare] We need more information about your repair order {orderNumber}; an agent will call you shortly.',
  },
  order_cancelled: {
    variables: ['orderNumber', 'reason'],
    secret: [],
    zh: '【Aircare空调售后】您的报修单{orderNumber}已取消，原因：{reason}。如有疑问请致电客服热线。',
    en: '[Aircare] Your repair order {orderNumber} has been cancelled. Reason: {reason}. Call our hotline with any question.',
  },
  technician_assigned: {
    variables: ['orderNumber', 'technicianName', 'window', 'trackingUrl'],
    secret: [],
    zh: '【Aircare空调售后】您的工单{orderNumber}已安排工程师{technicianName}上门，预约时间{window}，工程师会提前与您电话确认。工程师照片与进度：{trackingUrl}',
    en: '[Aircare] Technician {technicianName} will visit for order {orderNumber} at {window} and will call you beforehand. Photo and progress: {trackingUrl}',
  },
  eta_changed: {
    variables: ['orderNumber', 'eta'],
    secret: [],
    zh: '【Aircare空调售后】抱歉，您的工单{orderNumber}工程师预计{eta}到达，给您带来不便敬请谅解。',
    en: '[Aircare] Sorry: the technician for order {orderNumber} now expects to arrive at {eta}.',
  },
  job_assigned: {
    variables: ['orderNumber', 'district', 'window'],
    secret: [],
    zh: '【Aircare空调售后】新派工单{orderNumber}（{district}），预约{window}，请尽快在系统中接单并联系客户。',
    en: '[Aircare] New job {orderNumber} ({district}) at {window}: accept it in the app and call the customer.',
  },
  job_unassigned: {
    variables: ['orderNumber', 'reason'],
    secret: [],
    zh: '【Aircare空调售后】工单{orderNumber}已改派或取消，原因：{reason}。',
    en: '[Aircare] Job {orderNumber} was reassigned or withdrawn. Reason: {reason}.',
  },
  technician_on_the_way: {
    variables: ['orderNumber', 'technicianName', 'staffNo', 'eta', 'trackingUrl'],
    secret: [],
    zh: '【Aircare空调售后】您的工单{orderNumber}的维修工程师{technicianName}（工号{staffNo}）已出发，预计{eta}到达。工程师照片与进度：{trackingUrl}',
    en: '[Aircare] Technician {technicianName} (staff no. {staffNo}) is on the way for order {orderNumber}, expected at {eta}. Photo and progress: {trackingUrl}',
  },
  repair_delayed: {
    variables: ['orderNumber', 'finishAt'],
    secret: [],
    zh: '【Aircare空调售后】抱歉，您的工单{orderNumber}维修需要更多时间，预计{finishAt}完成，工程师已向您说明原因。',
    en: '[Aircare] Sorry: the repair for order {orderNumber} needs more time and should be finished by {finishAt}; the technician has told you why.',
  },
  quote_approval: {
    variables: ['orderNumber', 'amount', 'approvalUrl'],
    secret: [],
    zh: '【Aircare空调售后】请查看并确认您的工单{orderNumber}的维修方案和报价（您需支付{amount}元）：{approvalUrl}',
    en: '[Aircare] Please review and approve the repair plan and quote for order {orderNumber} (you pay {amount} yuan): {approvalUrl}',
  },
} as const satisfies Record<MessageTemplate, TemplateDef>;

export type TemplateName = keyof typeof TEMPLATES;
/** The variables a template takes, e.g. `TemplateVariables<'order_cancelled'>` = { orderNumber; reason }. */
export type TemplateVariables<T extends TemplateName> = Record<(typeof TEMPLATES)[T]['variables'][number], string>;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/**
 * Checks a template's variables: every declared variable present and a non-empty string, nothing else.
 * Returns them as strings in the declared order. Throws TemplateError (a programming error of the caller).
 */
export function checkVariables(template: string, variables: Record<string, unknown>): Record<string, string> {
  if (!isTemplateName(template)) throw new TemplateError(`unknown message template "${template}"`);
  const def: TemplateDef = TEMPLATES[template];
  const unknown = Object.keys(variables).filter((k) => !def.variables.includes(k));
  if (unknown.length) throw new TemplateError(`template ${template}: unknown variable(s) ${unknown.join(', ')}`);
  const out: Record<string, string> = {};
  for (const name of def.variables) {
    const value = variables[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TemplateError(`template ${template}: variable "${name}" is missing or empty`);
    }
    if (value.length > 500) throw new TemplateError(`template ${template}: variable "${name}" is too long`);
    out[name] = value;
  }
  return out;
}

export const MASK = '******';

/**
 * The text of a message. `maskSecrets` replaces secret variables (the verification code) with ******.
 * Throws TemplateError for an unknown template or wrong variables.
 */
export function renderTemplate(
  template: string,
  variables: Record<string, unknown>,
  opts: { lang?: 'zh' | 'en'; maskSecrets?: boolean } = {},
): string {
  const vars = checkVariables(template, variables);
  const def: TemplateDef = TEMPLATES[template as TemplateName];
  const text = opts.lang === 'en' ? def.en : def.zh;
  // One pass over the text, so a value that itself contains "{x}" is never expanded again.
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(vars, name)) return whole;
    return opts.maskSecrets && def.secret.includes(name) ? MASK : (vars[name] as string);
  });
}

/** The variables in the declared order (Tencent's TemplateParamSet). */
export function orderedValues(template: TemplateName, variables: Record<string, string>): string[] {
  return TEMPLATES[template].variables.map((v) => variables[v] ?? '');
}

export function templateLabel(template: string, locale: Locale): string {
  return isTemplateName(template) ? MESSAGE_TEMPLATE_LABELS[template][locale] : template;
}

/**
 * Secret variables (the verification code) are stored encrypted in the outbox row: `seal` encrypts them before
 * the insert, `open` decrypts them for the sender (and for the message log of the `log` transport).
 */
export function sealSecrets(
  template: TemplateName,
  variables: Record<string, string>,
  encrypt: (plain: string) => string,
): Record<string, string> {
  const out = { ...variables };
  for (const name of TEMPLATES[template].secret) {
    if (out[name] !== undefined) out[name] = encrypt(out[name]);
  }
  return out;
}

export function openSecrets(
  template: string,
  stored: Record<string, unknown>,
  decrypt: (sealed: string) => string,
): Record<string, unknown> {
  if (!isTemplateName(template)) return stored;
  const out = { ...stored };
  for (const name of TEMPLATES[template].secret) {
    if (typeof out[name] === 'string') out[name] = decrypt(out[name]);
  }
  return out;
}
