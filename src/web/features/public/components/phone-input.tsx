import { Input, Space } from 'antd';
import type { ChangeEvent, ReactNode } from 'react';

/** A mobile-number input with the "获取验证码" button beside it; a form control (value / onChange / id). */
export function PhoneInput({
  value,
  onChange,
  id,
  placeholder,
  testId,
  button,
}: {
  value?: string;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
  id?: string;
  placeholder?: string;
  testId: string;
  button: ReactNode;
}) {
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={onChange}
        data-testid={testId}
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={13}
        placeholder={placeholder}
      />
      {button}
    </Space.Compact>
  );
}
