import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { useSettings } from '@web/features/settings/api/list-settings';
import { useUpdateSetting } from '@web/features/settings/api/update-setting';
import { SettingEditModal } from '@web/features/settings/components/setting-edit-modal';
import { formatSettingValue, type SettingRow, settingLabel } from '@web/features/settings/setting-kinds';
import { isVersionConflict, useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';

const COMPANY = '';

export function SettingsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('settings.manage');
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const branches = useBranches({ enabled: can('branches.read') });
  const [branchId, setBranchId] = useState<string>(COMPANY);
  const settings = useSettings(branchId || undefined);
  const update = useUpdateSetting();
  const [editing, setEditing] = useState<SettingRow>();
  const isMobile = useIsMobile();
  const label = (text: string) => (isMobile ? undefined : text);

  const branch = branchId ? branches.data?.items.find((b) => b.id === branchId) : undefined;
  const branchScope = Boolean(branchId);

  const notSet = (
    <Typography.Text type="secondary" italic>
      {t('settings.notSet')}
    </Typography.Text>
  );
  const show = (row: SettingRow, value: unknown) =>
    value === null || value === undefined ? notSet : formatSettingValue(row, value, lang);

  const clear = (row: SettingRow) => {
    update.mutate(
      { key: row.key, body: { branchId: branchId || null, value: null, version: row.version } },
      {
        onSuccess: () => void message.success(t('settings.cleared')),
        onError: (error) => {
          if (isVersionConflict(error)) void message.warning(t('common.versionConflictHint'));
          else notify(error);
        },
      },
    );
  };

  const columns: TableColumnsType<SettingRow> = [
    {
      title: t('settings.col.setting'),
      key: 'label',
      render: (_, row) => (
        <div style={{ minWidth: 180 }}>
          <div>{settingLabel(row, lang)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.key}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('settings.col.default'), key: 'default', render: (_, row) => show(row, row.defaultValue) },
    { title: t('settings.col.company'), key: 'company', render: (_, row) => show(row, row.globalValue) },
  ];
  if (branchScope) {
    columns.push({
      title: t('settings.col.branch'),
      key: 'branch',
      render: (_, row) =>
        row.branchOverride ? (
          show(row, row.branchValue)
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    });
  }
  columns.push(
    {
      title: t('settings.col.effective'),
      key: 'effective',
      render: (_, row) => <Typography.Text strong>{show(row, row.effectiveValue)}</Typography.Text>,
    },
    {
      title: t('settings.col.updated'),
      key: 'updated',
      render: (_, row) =>
        row.updatedAt ? (
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('settings.updatedBy', {
              at: formatDateTime(row.updatedAt, lang, { seconds: false }),
              by: row.updatedBy ?? '—',
            })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  );
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => {
        const editable = !branchScope || row.branchOverride;
        const scopedValue = branchScope ? row.branchValue : row.globalValue;
        if (!editable) {
          return (
            <Tooltip title={t('settings.noBranchOverride')}>
              <Button size="small" type="link" icon={<EditOutlined />} disabled aria-label={t('common.edit')}>
                {label(t('common.edit'))}
              </Button>
            </Tooltip>
          );
        }
        return (
          <Flex gap={4} wrap={false}>
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setEditing(row)}
              aria-label={t('common.edit')}
              title={isMobile ? t('common.edit') : undefined}
              data-testid={`setting-edit-${row.key}`}
            >
              {label(t('common.edit'))}
            </Button>
            <Popconfirm
              title={branchScope ? t('settings.clearConfirmBranch') : t('settings.clearConfirmCompany')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => clear(row)}
              disabled={scopedValue === null || scopedValue === undefined}
            >
              <Button
                size="small"
                type="link"
                danger
                icon={<DeleteOutlined />}
                disabled={scopedValue === null || scopedValue === undefined}
                aria-label={t('settings.clear')}
                title={isMobile ? t('settings.clear') : undefined}
                data-testid={`setting-clear-${row.key}`}
              >
                {label(t('settings.clear'))}
              </Button>
            </Popconfirm>
          </Flex>
        );
      },
    });
  }

  return (
    <div>
      <PageHeader title={t('settings.title')} />
      <Card styles={{ body: { padding: 16 } }}>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('settings.scope')}</Typography.Text>
          <Select<string>
            style={{ minWidth: 220, flex: '0 1 320px' }}
            value={branchId}
            onChange={setBranchId}
            showSearch={{ optionFilterProp: 'label' }}
            loading={branches.isLoading}
            data-testid="settings-scope"
            options={[
              { value: COMPANY, label: t('settings.scopeCompany') },
              ...(branches.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.code}）` })),
            ]}
          />
        </Flex>
        <Alert type="info" showIcon title={t('settings.scopeHint')} style={{ marginBottom: 16 }} />
        {settings.isError && !settings.data ? (
          <QueryErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <Table<SettingRow>
            rowKey="key"
            size="middle"
            columns={columns}
            dataSource={settings.data?.items ?? []}
            loading={settings.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={false}
            data-testid="settings-table"
          />
        )}
      </Card>
      <SettingEditModal
        row={editing}
        branch={branch ? { id: branch.id, name: branch.name } : undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
