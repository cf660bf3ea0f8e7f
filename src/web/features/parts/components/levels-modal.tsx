import type { Part } from '@shared/contracts/parts.contract';
import { errorMessage, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { App, Button, Flex, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { usePart } from '../api/get-part';
import { useSetStockLevel } from '../api/set-stock-level';
import { LocationSelect } from './pickers';

interface Row {
  locationId: string;
  locationCode: string;
  onHand: number;
  reorderPoint: number;
  reorderQuantity: number;
  version: number;
}

/** One row: edit the reorder point and quantity of a part at one location (version 0 creates). */
function LevelRow({ partId, row }: { partId: string; row: Row }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const setLevel = useSetStockLevel();
  const [point, setPoint] = useState<number | null>(row.reorderPoint);
  const [quantity, setQuantity] = useState<number | null>(row.reorderQuantity);
  const dirty = point !== row.reorderPoint || quantity !== row.reorderQuantity || row.version === 0;
  return (
    <Flex gap={8} align="center" wrap data-testid={`level-${row.locationCode}`}>
      <span style={{ minWidth: 120 }}>
        {row.locationCode}{' '}
        <Typography.Text type="secondary">
          {t('parts.level.onHand')} {row.onHand}
        </Typography.Text>
      </span>
      <InputNumber
        min={0}
        max={100000}
        precision={0}
        value={point}
        onChange={setPoint}
        addonBefore={t('parts.level.reorderPoint')}
        style={{ width: 200 }}
        data-testid="level-point"
      />
      <InputNumber
        min={0}
        max={100000}
        precision={0}
        value={quantity}
        onChange={setQuantity}
        addonBefore={t('parts.level.reorderQuantity')}
        style={{ width: 200 }}
        data-testid="level-quantity"
      />
      <Button
        type="primary"
        disabled={!dirty || point === null || quantity === null}
        loading={setLevel.isPending}
        data-testid="level-save"
        onClick={() =>
          setLevel.mutate(
            {
              params: { partId, locationId: row.locationId },
              body: { version: row.version, reorderPoint: point ?? 0, reorderQuantity: quantity ?? 0 },
            },
            {
              onSuccess: () => void message.success(t('parts.level.saved')),
              onError: (e) =>
                void message.error(isVersionConflict(e) ? t('common.versionConflictHint') : errorMessage(e)),
            },
          )
        }
      >
        {t('parts.level.save')}
      </Button>
    </Flex>
  );
}

/** Reorder levels of a part per location (parts.manage). */
export function LevelsModal({ part, onClose }: { part?: Part; onClose: () => void }) {
  const { t } = useI18n();
  const detail = usePart(part?.id);
  const [added, setAdded] = useState<string | undefined>();
  const levels: Row[] = detail.data?.levels ?? [];
  const rows: Row[] =
    added && !levels.some((l) => l.locationId === added)
      ? [...levels, { locationId: added, locationCode: '', onHand: 0, reorderPoint: 0, reorderQuantity: 0, version: 0 }]
      : levels;
  return (
    <Modal
      open={Boolean(part)}
      title={part ? t('parts.levelsTitle', { code: part.code, name: part.name }) : ''}
      onCancel={() => {
        setAdded(undefined);
        onClose();
      }}
      footer={null}
      width={720}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="levels-modal">
        {detail.isLoading ? <Table loading dataSource={[]} /> : null}
        {part ? rows.map((r) => <LevelRow key={`${r.locationId}-${r.version}`} partId={part.id} row={r} />) : null}
        <Flex gap={8} align="center">
          <Typography.Text>{t('parts.level.add')}</Typography.Text>
          <LocationSelect
            value={added}
            onChange={setAdded}
            testId="level-add-location"
            placeholder={t('parts.level.pickLocation')}
            style={{ maxWidth: 320 }}
          />
        </Flex>
      </Flex>
    </Modal>
  );
}
