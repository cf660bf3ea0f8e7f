import { MESSAGE_TEMPLATES } from '@shared/contracts/notify.contract';
import { describe, expect, it } from 'vitest';
import {
  checkVariables,
  openSecrets,
  orderedValues,
  renderTemplate,
  sealSecrets,
  TEMPLATES,
  templateLabel,
} from './templates';

describe('message templates', () => {
  it('has a Chinese and an English text for every template of the contract, using exactly its variables', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...MESSAGE_TEMPLATES].sort());
    for (const [name, def] of Object.entries(TEMPLATES)) {
      for (const text of [def.zh, def.en]) {
        const used = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(used, name).toEqual([...def.variables].sort());
      }
      expect(def.zh.startsWith('【Aircare空调售后】'), name).toBe(true);
    }
  });

  it('renders the verification code text of the policy', () => {
    expect(renderTemplate('verification_code', { code: '123456' })).toBe(
      '【Aircare空调售后】您的验证码为123456，10分钟内有效。如非本人操作请忽略。',
    );
    expect(renderTemplate('verification_code', { code: '123456' }, { maskSecrets: true })).toBe(
      '【Aircare空调售后】您的验证码为******，10分钟内有效。如非本人操作请忽略。',
    );
    expect(renderTemplate('verification_code', { code: '123456' }, { lang: 'en' })).toContain('code is 123456,');
  });

  it('refuses unknown templates, unknown variables, missing or empty ones', () => {
    expect(() => checkVariables('welcome', {})).toThrow(/unknown message template/);
    expect(() => checkVariables('order_returned', { orderNumber: 'WO-1', extra: 'x' })).toThrow(/unknown variable/);
    expect(() => checkVariables('order_cancelled', { orderNumber: 'WO-1' })).toThrow(/"reason" is missing/);
    expect(() => checkVariables('order_cancelled', { orderNumber: 'WO-1', reason: ' ' })).toThrow(/missing or empty/);
    expect(() => checkVariables('order_returned', { orderNumber: 42 })).toThrow(/missing or empty/);
  });

  it('never expands a placeholder found inside a value', () => {
    expect(renderTemplate('order_cancelled', { orderNumber: 'WO-1', reason: '{orderNumber}' })).toContain(
      '原因：{orderNumber}',
    );
  });

  it('orders the values as declared (Tencent TemplateParamSet)', () => {
    expect(orderedValues('order_cancelled', { reason: 'r', orderNumber: 'n' })).toEqual(['n', 'r']);
  });

  it('seals and opens secret variables only', () => {
    const sealed = sealSecrets('verification_code', { code: '123456' }, (p) => `enc(${p})`);
    expect(sealed).toEqual({ code: 'enc(123456)' });
    expect(openSecrets('verification_code', sealed, (s) => s.slice(4, -1))).toEqual({ code: '123456' });
    expect(sealSecrets('order_returned', { orderNumber: 'WO-1' }, () => 'x')).toEqual({ orderNumber: 'WO-1' });
  });

  it('labels templates in both languages', () => {
    expect(templateLabel('order_returned', 'zh-CN')).toBe('需补充信息');
    expect(templateLabel('order_returned', 'en-US')).toBe('More information needed');
  });
});
