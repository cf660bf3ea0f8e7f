import { DownloadOutlined } from '@ant-design/icons';
import { JsonView } from '@web/components/json-view';
import { saveJson } from '@web/lib/download';
import { useI18n } from '@web/lib/i18n';
import { Button, Modal, Typography } from 'antd';

/** The exported data of a privacy request, shown and downloadable as JSON. */
export function ExportResultModal({
  result,
  onClose,
}: {
  result: { requestId: string; data: unknown } | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={Boolean(result)}
      title={t('privacy.exportResult')}
      onCancel={onClose}
      width={760}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <Button
          key="download"
          type="primary"
          icon={<DownloadOutlined />}
          onClick={() => result && saveJson(result.data, `privacy-export-${result.requestId.slice(0, 8)}.json`)}
          data-testid="privacy-download"
        >
          {t('privacy.downloadJson')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('privacy.exportResultHint')}</Typography.Paragraph>
      <div data-testid="privacy-result">
        <JsonView value={result?.data} empty={t('common.none')} />
      </div>
    </Modal>
  );
}
