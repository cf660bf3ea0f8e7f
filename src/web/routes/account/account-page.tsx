import { LogoutOutlined } from '@ant-design/icons';
import type { Reply } from '@shared/contracts/endpoint';
import type { listMySessions } from '@shared/contracts/identity.contract';
import { ROLE_LABELS } from '@shared/domain/roles';
import { LanguageSwitch } from '@web/components/language-switch';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { type ChangeMyPasswordBody, useChangeMyPassword } from '@web/features/auth/api/change-my-password';
import { useEndMySession } from '@web/features/auth/api/end-my-session';
import { useMySessions } from '@web/features/auth/api/list-my-sessions';
import { useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { useLogoutFlow } from '@web/features/auth/hooks/use-logout-flow';
import { confirmRules, passwordRules } from '@web/features/users/validation';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { describeUserAgent } from '@web/lib/user-agent';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';

type Session = Reply<typeof listMySessions>['items'][number];

interface PasswordValues extends ChangeMyPasswordBody {
  confirm: string;
}

function ChangePasswordCard() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangeMyPassword();
  const [formError, setFormError] = useState<string[]>([]);

  const onFinish = ({ currentPassword, newPassword }: PasswordValues) => {
    setFormError([]);
    const wasForced = me.mustChangePassword;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('account.passwordChanged'));
          if (wasForced) void navigate('/', { replace: true });
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
            form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
            return;
          }
          setFormError(applyServerErrors(form, error, ['currentPassword', 'newPassword']));
        },
      },
    );
  };

  return (
    <Card title={t('account.changePassword')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('account.passwordHint')}</Typography.Paragraph>
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        style={{ maxWidth: 420 }}
        data-testid="change-password-form"
      >
        {/* For password managers: which account this is. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('validation.required', { field: t('account.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} data-testid="change-password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={passwordRules(t, t('account.newPassword'))}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={confirmRules(t, 'newPassword', t('account.confirmPassword'))}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="change-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function SessionsCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const sessions = useMySessions();
  const end = useEndMySession();
  const { logout, pending } = useLogoutFlow();

  const columns: TableColumnsType<Session> = [
    {
      title: t('account.col.userAgent'),
      key: 'ua',
      render: (_, s) => (
        <Flex gap={6} align="center" wrap>
          <Tooltip title={s.userAgent ?? undefined}>
            <span>{describeUserAgent(s.userAgent)}</span>
          </Tooltip>
          {s.current ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="session-this-device">
              {t('account.thisDevice')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('account.col.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('account.col.created'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang, { seconds: false })}</span>
      ),
    },
    {
      title: t('account.col.lastSeen'),
      dataIndex: 'lastSeenAt',
      key: 'lastSeenAt',
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang, { seconds: false })}</span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        s.current ? (
          <Button size="small" type="link" icon={<LogoutOutlined />} loading={pending} onClick={() => void logout()}>
            {t('auth.logout')}
          </Button>
        ) : (
          <Popconfirm
            title={t('account.endSessionConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              end.mutate(s.id, {
                onSuccess: () => void message.success(t('account.sessionEnded')),
                onError: notify,
              })
            }
          >
            <Button size="small" type="link" danger data-testid={`session-end-${s.id}`}>
              {t('account.endSession')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title={t('account.sessions')}>
      {sessions.isError && !sessions.data ? (
        <QueryErrorResult error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table<Session>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          loading={sessions.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="sessions-table"
        />
      )}
    </Card>
  );
}

export function AccountPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const { logout, pending } = useLogoutFlow();

  return (
    <div>
      <PageHeader
        title={t('account.title')}
        extra={
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void logout()}
            loading={pending}
            data-testid="account-logout"
          >
            {t('auth.logout')}
          </Button>
        }
      />
      {me.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          title={t('account.mustChangePassword')}
          style={{ marginBottom: 16 }}
          data-testid="must-change-password"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('users.col.username')}>
                <Typography.Text code>{me.username}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('users.col.displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('users.col.roles')}>
                <Flex wrap gap={4}>
                  {me.roles.map((role) => (
                    <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                      {ROLE_LABELS[role][lang]}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('users.col.branch')}>
                {me.branch?.name ?? (me.companyWide ? t('layout.companyWide') : t('layout.noBranch'))}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.language')}>
                <LanguageSwitch size="small" />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
        <Col xs={24}>
          <SessionsCard />
        </Col>
      </Row>
    </div>
  );
}
