import type { TFunction } from '@web/lib/i18n';
import type { FormRule as Rule } from 'antd';

// Client-side mirrors of the contract rules (identity.contract.ts), for immediate feedback in the UI
// language. The server stays the judge: its field errors are shown on the same fields.

export function usernameRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('validation.required', { field: t('users.field.username') }) },
    { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('validation.username') },
  ];
}

export function passwordRules(t: TFunction, field: string): Rule[] {
  return [
    { required: true, message: t('validation.required', { field }) },
    {
      validator: (_rule, value: unknown) =>
        typeof value !== 'string' ||
        value === '' ||
        (value.length >= 10 && value.length <= 128 && /[A-Za-z]/.test(value) && /\d/.test(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.password'))),
    },
  ];
}

/** "Confirm password" must equal the field `otherField`. */
export function confirmRules(t: TFunction, otherField: string, field: string): Rule[] {
  return [
    { required: true, message: t('validation.required', { field }) },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || getFieldValue(otherField) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordMismatch'))),
    }),
  ];
}
