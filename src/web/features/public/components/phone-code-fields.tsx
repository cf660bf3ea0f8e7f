import { isMobile } from '@shared/domain/phone';
import { applyServerErrors } from '@web/lib/errors';
import { App, Form, type FormInstance, Input } from 'antd';
import { usePublicT } from '../messages';
import { PhoneInput } from './phone-input';
import { SendCodeButton } from './send-code-button';

/** "138 1234-5678" → "13812345678" (what the server and the SMS code are keyed by). */
export const compactPhone = (s: string) => s.replace(/[\s-]/g, '');

/**
 * The mobile number with its "获取验证码" button (60 s countdown) and the 6-digit code field, as the public
 * pages use them: `/repair` (purpose repair) and `/track` (purpose track). Fields `phone` and `code` of `form`.
 */
export function PhoneCodeFields({
  form,
  purpose,
  testIdPrefix,
}: {
  form: FormInstance;
  purpose: 'repair' | 'track';
  testIdPrefix: 'repair' | 'track';
}) {
  const t = usePublicT();
  const { message } = App.useApp();
  const required = { required: true, message: t('repair.required') };
  return (
    <>
      <Form.Item
        name="phone"
        label={t('repair.phone')}
        rules={[
          required,
          {
            validator: async (_r, value: string | undefined) => {
              if (value && !isMobile(compactPhone(value))) throw new Error(t('repair.phoneInvalid'));
            },
          },
        ]}
      >
        <PhoneInput
          testId={`${testIdPrefix}-phone`}
          placeholder={t('repair.phonePlaceholder')}
          button={
            <SendCodeButton
              purpose={purpose}
              testId={`${testIdPrefix}-send-code`}
              getPhone={() =>
                form
                  .validateFields(['phone'])
                  .then((v) => compactPhone(v.phone))
                  .catch(() => null)
              }
              onError={(error) => {
                const leftover = applyServerErrors(form, error, ['phone']);
                if (leftover.length) void message.error(leftover.join('\n'));
              }}
            />
          }
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('repair.code')}
        rules={[required, { pattern: /^\d{6}$/, message: t('repair.codeInvalid') }]}
      >
        <Input
          data-testid={`${testIdPrefix}-code`}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder={t('repair.codePlaceholder')}
        />
      </Form.Item>
    </>
  );
}
