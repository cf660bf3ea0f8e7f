import { CheckCircleOutlined, EditOutlined, KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { User } from '@shared/contracts/identity.contract';
import { ROLE_LABELS, type Role } from '@shared/domain/roles';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan, useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { type ListUsersQuery, useUsers } from '@web/features/users/api/list-users';
import { useUpdateUser } from '@web/features/users/api/update-user';
import { ResetPasswordModal } from '@web/features/users/components/reset-password-modal';
import { UserFormModal } from '@web/features/users/components/user-form-modal';
import { useRoleOptions } from '@web/features/users/hooks/use-role-options';
import { isVersionConflict, useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';

type Status = 'active' | 'disabled';

interface Filters {
  q?: string;
  role?: Role;
  branchId?: string;
  status?: Status;
}

const DEFAULT_PAGE_SIZE = 20;

export function UsersPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const can = useCan();
  const canManage = can('users.manage');
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const roleOptions = useRoleOptions();
  const branches = useBranches({ enabled: can('branches.read') });
  const updateUser = useUpdateUser();
  const isMobile = useIsMobile();
  /** Row action label: text on wide screens, icon + tooltip on phones (keeps the fixed column narrow). */
  const label = (text: string) => (isMobile ? undefined : text);

  const [filters, setFilters] = useState<Filters>({});
  const [searchText, setSearchText] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [formUser, setFormUser] = useState<{ open: boolean; user?: User }>({ open: false });
  const [resetUser, setResetUser] = useState<User>();

  const query: ListUsersQuery = {
    page: String(page),
    pageSize: String(pageSize),
    q: filters.q,
    role: filters.role,
    branchId: filters.branchId,
    status: filters.status,
  };
  const users = useUsers(query);

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const toggleDisabled = (user: User) => {
    updateUser.mutate(
      { userId: user.id, body: { version: user.version, disabled: !user.disabled } },
      {
        onSuccess: (u) =>
          void message.success(t(u.disabled ? 'users.disabledDone' : 'users.enabledDone', { name: u.displayName })),
        onError: (error) => {
          if (isVersionConflict(error)) void message.warning(t('common.versionConflictHint'));
          else notify(error);
        },
      },
    );
  };

  const branchOptions = useMemo(
    () => (branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
    [branches.data],
  );

  const columns: TableColumnsType<User> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      key: 'username',
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.col.roles'),
      key: 'roles',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.roles.map((role) => (
            <Tag key={role} style={{ marginInlineEnd: 0 }}>
              {ROLE_LABELS[role][lang]}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.col.branch'),
      key: 'branch',
      render: (_, user) => user.branch?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('users.col.status'),
      key: 'status',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.disabled ? (
            <Tag color="default" style={{ marginInlineEnd: 0 }}>
              {t('users.status.disabled')}
            </Tag>
          ) : (
            <Tag color="success" style={{ marginInlineEnd: 0 }}>
              {t('users.status.active')}
            </Tag>
          )}
          {user.mustChangePassword ? (
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              {t('users.mustChange')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (at: string | null) => formatDateTime(at, lang, { seconds: false }),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <Flex gap={4} wrap={false}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setFormUser({ open: true, user })}
            aria-label={t('common.edit')}
            title={isMobile ? t('common.edit') : undefined}
            data-testid={`user-edit-${user.username}`}
          >
            {label(t('common.edit'))}
          </Button>
          <Popconfirm
            title={t(user.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: user.displayName })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => toggleDisabled(user)}
            okButtonProps={{ danger: !user.disabled }}
          >
            <Button
              size="small"
              type="link"
              danger={!user.disabled}
              icon={user.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
              disabled={user.id === me.id}
              aria-label={user.disabled ? t('users.enable') : t('users.disable')}
              title={isMobile ? (user.disabled ? t('users.enable') : t('users.disable')) : undefined}
              data-testid={`user-toggle-${user.username}`}
            >
              {label(user.disabled ? t('users.enable') : t('users.disable'))}
            </Button>
          </Popconfirm>
          <Button
            size="small"
            type="link"
            icon={<KeyOutlined />}
            onClick={() => setResetUser(user)}
            aria-label={t('users.resetPassword')}
            title={isMobile ? t('users.resetPassword') : undefined}
            data-testid={`user-reset-${user.username}`}
          >
            {label(t('users.resetPassword'))}
          </Button>
        </Flex>
      ),
    });
  }

  return (
    <div>
      <PageHeader
        title={t('users.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFormUser({ open: true })}
              data-testid="create-user"
            >
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={8}>
            <Input.Search
              allowClear
              placeholder={t('users.searchPlaceholder')}
              value={searchText}
              maxLength={64}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (e.target.value === '') setFilter({ q: undefined });
              }}
              onSearch={(value) => setFilter({ q: value.trim() || undefined })}
              data-testid="users-search"
            />
          </Col>
          <Col xs={24} sm={8} md={5}>
            <Select<Role>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.filterRole')}
              options={roleOptions}
              value={filters.role}
              onChange={(role) => setFilter({ role })}
              data-testid="users-filter-role"
            />
          </Col>
          {can('branches.read') ? (
            <Col xs={24} sm={8} md={6}>
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder={t('users.filterBranch')}
                options={branchOptions}
                value={filters.branchId}
                onChange={(branchId) => setFilter({ branchId })}
                loading={branches.isLoading}
                data-testid="users-filter-branch"
              />
            </Col>
          ) : null}
          <Col xs={24} sm={8} md={5}>
            <Select<Status>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.filterStatus')}
              options={[
                { value: 'active', label: t('users.status.active') },
                { value: 'disabled', label: t('users.status.disabled') },
              ]}
              value={filters.status}
              onChange={(status) => setFilter({ status })}
              data-testid="users-filter-status"
            />
          </Col>
        </Row>

        {users.isError && !users.data ? (
          <QueryErrorResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="users-table"
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, ps) => {
                if (ps !== pageSize) {
                  setPageSize(ps);
                  setPage(1);
                } else setPage(p);
              },
            }}
          />
        )}
      </Card>

      <UserFormModal open={formUser.open} user={formUser.user} onClose={() => setFormUser({ open: false })} />
      <ResetPasswordModal user={resetUser} onClose={() => setResetUser(undefined)} />
    </div>
  );
}
