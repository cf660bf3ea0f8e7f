import { ClockCircleOutlined, EnvironmentOutlined, HolderOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { BoardQueueItem } from '@shared/contracts/dispatch.contract';
import { SKILL_LABELS } from '@shared/contracts/intake.contract';
import { PriorityTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { useI18n } from '@web/lib/i18n';
import { Button, Empty, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { formatWindow, minutesBetween } from '../time';

export interface BoardQueueProps {
  items: BoardQueueItem[];
  date: string;
  timeZone: string;
  now: number;
  canAssign: boolean;
  draggingId: string | undefined;
  selectedId: string | undefined;
  onDragStart: (item: BoardQueueItem) => void;
  onDragEnd: () => void;
  onOpen: (item: BoardQueueItem) => void;
  /** 立即插单 on an urgent order (shown to dispatchers who can assign). */
  onInsertNow?: (item: BoardQueueItem) => void;
}

function waited(minutes: number, t: ReturnType<typeof useI18n>['t']): string {
  if (minutes < 60) return t('board.waitedMinutes', { minutes });
  const h = Math.floor(minutes / 60);
  if (h < 48) return t('board.waitedHours', { hours: h, minutes: minutes % 60 });
  return t('board.waitedDays', { days: Math.floor(h / 24) });
}

/** 调度台 left: the ready and breached orders, each draggable onto a technician (or clicked for the list). */
export function BoardQueue({
  items,
  date,
  timeZone,
  now,
  canAssign,
  draggingId,
  selectedId,
  onDragStart,
  onDragEnd,
  onOpen,
  onInsertNow,
}: BoardQueueProps) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const faultName = useFaultCategoryName();

  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.queueEmpty')} />;
  }

  return (
    <Flex vertical gap={8} data-testid="board-queue">
      {items.map((item) => {
        const wait = minutesBetween(item.readySince, now);
        const dragging = draggingId === item.workOrderId;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a draggable card with a nested layout, not a plain button
          <div
            key={item.workOrderId}
            role="button"
            tabIndex={0}
            aria-label={t('board.queueItemAria', { number: item.workOrderNumber })}
            data-testid="board-queue-item"
            data-number={item.workOrderNumber}
            data-work-order-id={item.workOrderId}
            data-breached={item.breached ? 'true' : 'false'}
            draggable={canAssign}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'copyMove';
              e.dataTransfer.setData('text/plain', item.workOrderNumber);
              onDragStart(item);
            }}
            onDragEnd={onDragEnd}
            onClick={() => onOpen(item)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(item);
              }
            }}
            style={{
              border: `1px solid ${item.breached ? '#ffa39e' : selectedId === item.workOrderId ? token.colorPrimary : token.colorBorderSecondary}`,
              borderLeft: `4px solid ${item.priority === 'urgent' ? '#f5222d' : item.breached ? '#ff7875' : token.colorPrimaryBorder}`,
              background: item.breached ? '#fff1f0' : token.colorBgContainer,
              borderRadius: 6,
              padding: '6px 8px',
              cursor: canAssign ? 'grab' : 'pointer',
              opacity: dragging ? 0.5 : 1,
              userSelect: 'none',
            }}
          >
            <Flex justify="space-between" align="center" gap={4}>
              <Flex align="center" gap={4} style={{ minWidth: 0 }}>
                {canAssign ? <HolderOutlined style={{ color: token.colorTextQuaternary }} /> : null}
                <Typography.Text strong style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
                  {item.workOrderNumber}
                </Typography.Text>
              </Flex>
              <Flex gap={4} align="center">
                {item.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
                {item.breached ? (
                  <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="board-queue-breached">
                    {t('board.breached')}
                  </Tag>
                ) : null}
              </Flex>
            </Flex>
            <Flex justify="space-between" gap={4} style={{ fontSize: 12, marginTop: 2 }}>
              <span>
                {faultName(item.faultCategory)} · <EnvironmentOutlined /> {item.district}
              </span>
              <Tooltip title={t('board.readySince')}>
                <Typography.Text
                  type={item.breached ? 'danger' : 'secondary'}
                  style={{ fontSize: 12, whiteSpace: 'nowrap' }}
                >
                  <ClockCircleOutlined /> {waited(wait, t)}
                </Typography.Text>
              </Tooltip>
            </Flex>
            {item.description ? (
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                {item.description}
              </Typography.Text>
            ) : null}
            <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
              {item.requiredSkills.map((s) => (
                <Tag key={s} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
                  {SKILL_LABELS[s][lang]}
                </Tag>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {t('board.duration', { minutes: item.durationMinutes })}
              </Typography.Text>
              {item.preferredWindow ? (
                <Typography.Text style={{ fontSize: 11 }} data-testid="board-queue-preferred">
                  {t('board.preferred', { window: formatWindow(item.preferredWindow, timeZone, date) })}
                </Typography.Text>
              ) : null}
              {canAssign && onInsertNow && item.priority === 'urgent' ? (
                <Tooltip title={t('insertNow.buttonTip')}>
                  <Button
                    size="small"
                    danger
                    icon={<ThunderboltOutlined />}
                    style={{ marginInlineStart: 'auto', fontSize: 12 }}
                    onClick={(e) => {
                      e.stopPropagation();
                      onInsertNow(item);
                    }}
                    onKeyDown={(e) => e.stopPropagation()}
                    data-testid="insert-now"
                  >
                    {t('insertNow.button')}
                  </Button>
                </Tooltip>
              ) : null}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
