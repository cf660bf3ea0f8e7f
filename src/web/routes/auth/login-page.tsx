import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginLocationState } from '@web/app/auth-gate';
import { LanguageSwitch } from '@web/components/language-switch';
import { useMe } from '@web/features/auth/api/get-me';
import { type LoginBody, useLogin } from '@web/features/auth/api/login';
import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { type TFunction, useI18n } from '@web/lib/i18n';
import { useDocumentTitle } from '@web/lib/use-document-title';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';

/** Only same-site paths are accepted as `next` (no open redirect to another host). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

function retryText(t: TFunction, secondsLeft: number): string {
  if (secondsLeft < 60) return t('auth.retryAfter', { seconds: secondsLeft });
  return t('auth.retryAfterMinutes', { minutes: Math.floor(secondsLeft / 60), seconds: secondsLeft % 60 });
}

/** Seconds left until `until` (ms epoch), ticking once a second; 0 when past. */
function useCountdown(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  useDocumentTitle(t('auth.title'), t('app.name'));
  const [form] = Form.useForm<LoginBody>();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const expired = (location.state as LoginLocationState | null)?.expired === true;
  const me = useMe();
  const login = useLogin();
  const [retryUntil, setRetryUntil] = useState<number>();
  const secondsLeft = useCountdown(retryUntil);

  // Already logged in (e.g. a second tab): go on.
  if (me.data && !login.isPending && !login.isSuccess) {
    return <Navigate to={me.data.mustChangePassword ? '/account' : next} replace />;
  }

  const onFinish = (values: LoginBody) => {
    setRetryUntil(undefined);
    login.mutate(values, {
      onSuccess: (user) => {
        setLang(user.language);
        void navigate(user.mustChangePassword ? '/account' : next, { replace: true });
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
          setRetryUntil(Date.now() + error.retryAfterSeconds * 1000);
        }
        form.setFieldValue('password', '');
      },
    });
  };

  const error = login.error;
  const rateLimited = isApiError(error) && error.code === 'RATE_LIMITED';
  const errorText = error
    ? rateLimited && retryUntil
      ? `${errorMessage(error).replace(/[。.]$/, '')}${lang === 'zh-CN' ? '，' : '. '}${retryText(t, secondsLeft)}`
      : errorMessage(error)
    : undefined;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 55%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 28 } }}>
        <Flex justify="space-between" align="flex-start" gap={8} style={{ marginBottom: 24 }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.shortName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch size="small" />
        </Flex>

        {expired && !error ? (
          <Alert type="info" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
        ) : null}
        {errorText ? (
          <Alert
            type="error"
            showIcon
            title={errorText}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        ) : null}

        <Form<LoginBody>
          form={form}
          layout="vertical"
          size="large"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="login-form"
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              maxLength={64}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={256}
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            disabled={secondsLeft > 0}
            data-testid="login-submit"
          >
            {secondsLeft > 0 ? retryText(t, secondsLeft) : t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('app.name')}
      </Typography.Text>
    </Flex>
  );
}
