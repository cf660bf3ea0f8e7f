import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button } from 'antd';
import { workOrdersKeys } from '../api/keys';

/** "数据已被他人修改" with a reload button (a 409 VERSION_CONFLICT: someone changed the order meanwhile). */
export function VersionConflictAlert({ onReloaded }: { onReloaded?: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    onReloaded?.();
  };
  return (
    <Alert
      type="warning"
      showIcon
      title={t('wo.versionConflict')}
      description={t('wo.versionConflictHint')}
      style={{ marginBottom: 16 }}
      data-testid="version-conflict"
      action={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() => void reload()}
          data-testid="version-conflict-reload"
        >
          {t('common.reload')}
        </Button>
      }
    />
  );
}
