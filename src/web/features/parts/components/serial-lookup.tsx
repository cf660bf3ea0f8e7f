import { QueryErrorResult } from '@web/components/status-results';
import { isApiError } from '@web/lib/api';
import { useI18n } from '@web/lib/i18n';
import { Card, Descriptions, Empty, Flex, Input } from 'antd';
import { useState } from 'react';
import { useSerialHistory } from '../api/get-serial-history';
import { MovementTable } from './movement-table';

/** 序列号追溯: where one serial-numbered unit came from and went. */
export function SerialLookup() {
  const { t } = useI18n();
  const [serial, setSerial] = useState<string | undefined>();
  const history = useSerialHistory(serial);
  const items = history.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Input.Search
        allowClear
        maxLength={60}
        placeholder={t('stock.serial.placeholder')}
        style={{ maxWidth: 360 }}
        onSearch={(v) => setSerial(v.trim() || undefined)}
        enterButton
        data-testid="serial-search"
      />
      {history.isError ? (
        isApiError(history.error) && (history.error.status === 404 || history.error.code === 'VALIDATION_FAILED') ? (
          <Empty description={t('stock.serial.notFound')} data-testid="serial-not-found" />
        ) : (
          <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />
        )
      ) : serial && history.data && items.length === 0 ? (
        <Empty description={t('stock.serial.notFound')} data-testid="serial-not-found" />
      ) : null}
      {items.map((h) => (
        <Card key={h.partId} size="small" data-testid="serial-history">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('stock.col.serial')}>{h.serial}</Descriptions.Item>
            <Descriptions.Item label={t('stock.col.part')}>
              {h.partCode} {h.partName}
            </Descriptions.Item>
            <Descriptions.Item label={t('stock.serial.current')}>
              <span data-testid="serial-current">{h.currentLocationCode ?? t('stock.serial.gone')}</span>
            </Descriptions.Item>
          </Descriptions>
          <MovementTable rows={h.movements} pagination={false} testId="serial-movements" />
        </Card>
      ))}
    </Flex>
  );
}
