import { isApiError } from '@web/lib/api';
import { App, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useRequestVerificationCode } from '../api/request-verification-code';
import { usePublicT } from '../messages';

export const RESEND_SECONDS = 60;

/**
 * "获取验证码" with a 60 s countdown. `getPhone` validates the phone field first (null: do not send);
 * `onError` places a server error (a field error on `phone`, a rate limit) where the form shows it.
 */
export function SendCodeButton({
  purpose,
  getPhone,
  onError,
  testId,
}: {
  purpose: 'repair' | 'track';
  getPhone: () => Promise<string | null>;
  onError: (error: unknown) => void;
  testId: string;
}) {
  const t = usePublicT();
  const { message } = App.useApp();
  const send = useRequestVerificationCode();
  const [left, setLeft] = useState(0);

  useEffect(() => {
    if (left <= 0) return;
    const id = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(id);
  }, [left]);

  const click = async () => {
    const phone = await getPhone();
    if (!phone) return;
    try {
      await send.mutateAsync({ phone, purpose });
      setLeft(RESEND_SECONDS);
      void message.success(t('repair.codeSent'));
    } catch (error) {
      // A rate limit with a short wait: count it down on the button as well.
      if (isApiError(error) && error.code === 'RATE_LIMITED' && (error.retryAfterSeconds ?? 0) <= 3600) {
        setLeft(error.retryAfterSeconds ?? RESEND_SECONDS);
      }
      onError(error);
    }
  };

  return (
    <Button data-testid={testId} disabled={left > 0} loading={send.isPending} onClick={() => void click()}>
      {left > 0 ? t('repair.resendIn', { seconds: left }) : t('repair.sendCode')}
    </Button>
  );
}
