import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Branch } from '@shared/contracts/identity.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { BranchFormModal } from '@web/features/branches/components/branch-form-modal';
import { useT } from '@web/lib/i18n';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';

export function BranchesPage() {
  const t = useT();
  const can = useCan();
  const canManage = can('branches.manage');
  const branches = useBranches();
  const [editing, setEditing] = useState<{ open: boolean; branch?: Branch }>({ open: false });

  const columns: TableColumnsType<Branch> = [
    {
      title: t('branches.col.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('branches.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('branches.col.city'), dataIndex: 'city', key: 'city' },
    {
      title: t('branches.col.address'),
      dataIndex: 'address',
      key: 'address',
      render: (a: string) => a || '—',
    },
    { title: t('branches.col.phone'), dataIndex: 'phone', key: 'phone', render: (p: string) => p || '—' },
    { title: t('branches.col.timeZone'), dataIndex: 'timeZone', key: 'timeZone' },
    {
      title: t('branches.col.active'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean) =>
        active ? <Tag color="success">{t('branches.active')}</Tag> : <Tag>{t('branches.inactive')}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, branch) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing({ open: true, branch })}
          data-testid={`branch-edit-${branch.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <div>
      <PageHeader
        title={t('branches.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ open: true })}
              data-testid="create-branch"
            >
              {t('branches.create')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        {branches.isError && !branches.data ? (
          <QueryErrorResult error={branches.error} onRetry={() => void branches.refetch()} />
        ) : (
          <Table<Branch>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={branches.data?.items ?? []}
            loading={branches.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={false}
            data-testid="branches-table"
          />
        )}
      </Card>
      <BranchFormModal open={editing.open} branch={editing.branch} onClose={() => setEditing({ open: false })} />
    </div>
  );
}
