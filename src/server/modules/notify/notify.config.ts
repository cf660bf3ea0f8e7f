import { MESSAGE_TEMPLATES, type MessageTemplate } from '@shared/contracts/notify.contract';

/**
 * The notify module's configuration, from the environment (read once at start; a wrong value stops the start).
 * See README.md for every variable. Tests build one by hand to point the adapters at local fake servers.
 */
export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Our template → Aliyun TemplateCode (SMS_123456789). */
  templates: Record<MessageTemplate, string>;
  /** https://dysmsapi.aliyuncs.com */
  endpoint: string;
  regionId: string;
}

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** Our template → Tencent TemplateId. */
  templates: Record<MessageTemplate, string>;
  /** https://sms.tencentcloudapi.com */
  endpoint: string;
  region: string;
}

export interface WechatApiConfig {
  appId: string;
  secret: string;
  /** https://api.weixin.qq.com */
  apiBase: string;
  /** Our template → template_id of the official account's template library. */
  templates: Partial<Record<MessageTemplate, string>>;
}

export type SmsTransportName = 'log' | 'aliyun' | 'tencent';
export type WechatTransportName = 'log' | 'wechat';

export interface NotifyConfig {
  /** The site customers open from messages and the WeChat menu (AIRCARE_PUBLIC_URL), without a trailing slash. */
  publicBaseUrl: string;
  /** The 24-hour hotline printed in WeChat help texts. */
  hotline: string;
  sms:
    | { transport: 'log' }
    | { transport: 'aliyun'; aliyun: AliyunSmsConfig }
    | { transport: 'tencent'; tencent: TencentSmsConfig };
  wechat: {
    /** The token configured in the official account's server settings; null = the callback refuses every call. */
    token: string | null;
    transport: { name: 'log' } | { name: 'wechat'; api: WechatApiConfig };
  };
  /**
   * The message log shows verification codes of messages that went through the `log` transport (a demo without
   * an SMS provider). NOTIFY_LOG_SHOWS_CODES; default: true except with NODE_ENV=production.
   */
  logShowsCodes: boolean;
  /** Delivery attempts of one message before it is dead. */
  maxAttempts: number;
  /** Timeout of one provider HTTP call. */
  httpTimeoutMs: number;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const v = env[name]?.trim();
  if (!v) throw new Error(`${name} is required ${why}`);
  return v;
}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new Error(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function url(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

/** "verification_code=SMS_1,order_received=SMS_2" → a map over our templates (unknown names refused). */
export function parseTemplateMap(name: string, value: string | undefined): Partial<Record<MessageTemplate, string>> {
  const out: Partial<Record<MessageTemplate, string>> = {};
  for (const part of (value ?? '').split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const key = item.slice(0, eq).trim();
    const id = item.slice(eq + 1).trim();
    if (eq <= 0 || !id) throw new Error(`${name}: "${item}" is not template=id`);
    if (!(MESSAGE_TEMPLATES as readonly string[]).includes(key)) {
      throw new Error(`${name}: unknown template "${key}" (known: ${MESSAGE_TEMPLATES.join(', ')})`);
    }
    out[key as MessageTemplate] = id;
  }
  return out;
}

function fullTemplateMap(name: string, value: string | undefined): Record<MessageTemplate, string> {
  const map = parseTemplateMap(name, value);
  const missing = MESSAGE_TEMPLATES.filter((t) => !map[t]);
  if (missing.length) throw new Error(`${name} must map every template; missing: ${missing.join(', ')}`);
  return map as Record<MessageTemplate, string>;
}

export function loadNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const smsName = (env.NOTIFY_SMS_TRANSPORT || 'log').trim();
  let sms: NotifyConfig['sms'];
  if (smsName === 'log') sms = { transport: 'log' };
  else if (smsName === 'aliyun') {
    const why = 'with NOTIFY_SMS_TRANSPORT=aliyun';
    sms = {
      transport: 'aliyun',
      aliyun: {
        accessKeyId: required(env, 'ALIYUN_ACCESS_KEY_ID', why),
        accessKeySecret: required(env, 'ALIYUN_ACCESS_KEY_SECRET', why),
        signName: required(env, 'ALIYUN_SMS_SIGN_NAME', why),
        templates: fullTemplateMap('ALIYUN_SMS_TEMPLATES', env.ALIYUN_SMS_TEMPLATES),
        endpoint: url('ALIYUN_SMS_ENDPOINT', env.ALIYUN_SMS_ENDPOINT || 'https://dysmsapi.aliyuncs.com'),
        regionId: env.ALIYUN_SMS_REGION || 'cn-hangzhou',
      },
    };
  } else if (smsName === 'tencent') {
    const why = 'with NOTIFY_SMS_TRANSPORT=tencent';
    sms = {
      transport: 'tencent',
      tencent: {
        secretId: required(env, 'TENCENT_SECRET_ID', why),
        secretKey: required(env, 'TENCENT_SECRET_KEY', why),
        sdkAppId: required(env, 'TENCENT_SMS_SDK_APP_ID', why),
        signName: required(env, 'TENCENT_SMS_SIGN_NAME', why),
        templates: fullTemplateMap('TENCENT_SMS_TEMPLATES', env.TENCENT_SMS_TEMPLATES),
        endpoint: url('TENCENT_SMS_ENDPOINT', env.TENCENT_SMS_ENDPOINT || 'https://sms.tencentcloudapi.com'),
        region: env.TENCENT_SMS_REGION || 'ap-guangzhou',
      },
    };
  } else {
    throw new Error(`NOTIFY_SMS_TRANSPORT must be log, aliyun or tencent, got "${smsName}"`);
  }

  const wechatName = (env.NOTIFY_WECHAT_TRANSPORT || 'log').trim();
  let wechatTransport: NotifyConfig['wechat']['transport'];
  if (wechatName === 'log') wechatTransport = { name: 'log' };
  else if (wechatName === 'wechat') {
    const why = 'with NOTIFY_WECHAT_TRANSPORT=wechat';
    wechatTransport = {
      name: 'wechat',
      api: {
        appId: required(env, 'WECHAT_APPID', why),
        secret: required(env, 'WECHAT_SECRET', why),
        apiBase: url('WECHAT_API_BASE', env.WECHAT_API_BASE || 'https://api.weixin.qq.com'),
        templates: parseTemplateMap('WECHAT_TEMPLATES', env.WECHAT_TEMPLATES),
      },
    };
  } else {
    throw new Error(`NOTIFY_WECHAT_TRANSPORT must be log or wechat, got "${wechatName}"`);
  }

  const token = env.WECHAT_TOKEN?.trim() || null;
  if (token && !/^[A-Za-z0-9]{3,32}$/.test(token)) {
    throw new Error('WECHAT_TOKEN must be 3–32 letters or digits (as the official account settings require)');
  }

  return {
    publicBaseUrl: url('AIRCARE_PUBLIC_URL', env.AIRCARE_PUBLIC_URL || 'http://localhost:3000'),
    hotline: env.AIRCARE_HOTLINE?.trim() || '400-000-0000',
    sms,
    wechat: { token, transport: wechatTransport },
    logShowsCodes: bool('NOTIFY_LOG_SHOWS_CODES', env.NOTIFY_LOG_SHOWS_CODES, env.NODE_ENV !== 'production'),
    maxAttempts: int('NOTIFY_MAX_ATTEMPTS', env.NOTIFY_MAX_ATTEMPTS, 5, 1, 20),
    httpTimeoutMs: int('NOTIFY_HTTP_TIMEOUT_MS', env.NOTIFY_HTTP_TIMEOUT_MS, 10_000, 100, 120_000),
  };
}
