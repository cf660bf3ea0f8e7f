import { CloseCircleOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  type BoardQueueItem,
  type Candidate,
  CERTIFICATE_LABELS,
  type Recommendation,
  SKILL_LEVEL_LABELS,
} from '@shared/contracts/dispatch.contract';
import { SKILL_LABELS } from '@shared/contracts/intake.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { PriorityTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { isApiError } from '@web/lib/api';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import { App, Button, Collapse, Descriptions, Drawer, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useAssignWorkOrder } from '../api/assign-work-order';
import { useRecommendation } from '../api/recommend-technicians';
import { assignErrorText, isBoardConflict } from '../errors';
import { formatWindow } from '../time';
import { CandidateFacts } from './candidate-facts';

/**
 * 推荐工程师: the ranked list for one queued order (the path without dragging: keyboard, tablet, tests).
 * "派给TA" on the first candidate assigns at once with the earliest window; on another it opens the confirm
 * dialog, which asks for the override reason.
 */
export function RecommendationDrawer({
  order,
  date,
  timeZone,
  canAssign,
  onClose,
  onPick,
  onInsertNow,
}: {
  order: BoardQueueItem | undefined;
  date: string;
  timeZone: string;
  canAssign: boolean;
  onClose: () => void;
  onPick: (candidate: Candidate, recommendation: Recommendation) => void;
  /** 立即插单: place the order into today's routes (the least disruption), preview first. */
  onInsertNow?: (order: BoardQueueItem) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const faultName = useFaultCategoryName();
  const rec = useRecommendation(order?.workOrderId, date);
  const assign = useAssignWorkOrder();
  const idempotencyKey = useMemo(() => (order ? randomUuid() : ''), [order]);
  const data = rec.data;

  const assignTop = (c: Candidate, r: Recommendation) => {
    if (!order) return;
    assign.mutate(
      {
        workOrderId: order.workOrderId,
        idempotencyKey,
        body: {
          technicianId: c.technician.id,
          version: r.workOrderVersion,
          window: { start: c.window.start, end: c.window.end },
        },
      },
      {
        onSuccess: (res) => {
          void message.success(
            t('board.assigned', {
              number: order.workOrderNumber,
              name: c.technician.name,
              window: formatWindow(res.assignment.window, timeZone),
            }),
          );
          onClose();
        },
        onError: (e) => {
          void message.error(assignErrorText(e, t));
          if (isBoardConflict(e)) void rec.refetch();
        },
      },
    );
  };

  return (
    <Drawer
      open={Boolean(order)}
      onClose={onClose}
      title={order ? t('board.recommendTitle', { number: order.workOrderNumber }) : null}
      size={460}
      destroyOnHidden
      data-testid="recommend-drawer"
      extra={
        order && canAssign && onInsertNow ? (
          <Button
            danger={order.priority === 'urgent'}
            icon={<ThunderboltOutlined />}
            onClick={() => onInsertNow(order)}
            title={t('insertNow.buttonTip')}
            data-testid="insert-now"
          >
            {t('insertNow.button')}
          </Button>
        ) : null
      }
    >
      {order ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('board.order')}>
            <Flex gap={6} align="center" wrap>
              <Link to={`/work-orders/${order.workOrderId}`}>{order.workOrderNumber}</Link>
              {order.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
              {order.breached ? <Tag color="error">{t('board.breached')}</Tag> : null}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('board.fault')}>
            {faultName(order.faultCategory)} · {order.district}
          </Descriptions.Item>
          {order.description ? (
            <Descriptions.Item label={t('board.description')}>{order.description}</Descriptions.Item>
          ) : null}
          {order.preferredWindow ? (
            <Descriptions.Item label={t('board.preferredLabel')}>
              {formatWindow(order.preferredWindow, timeZone, date)}
            </Descriptions.Item>
          ) : null}
          {data ? (
            <>
              <Descriptions.Item label={t('board.requires')}>
                <Flex wrap gap={4}>
                  {data.requiredSkills.map((s) => (
                    <Tag key={s.skill} style={{ marginInlineEnd: 0 }}>
                      {SKILL_LABELS[s.skill][lang]} · {SKILL_LEVEL_LABELS[s.level][lang]}
                    </Tag>
                  ))}
                  {data.requiredCertificates.map((c) => (
                    <Tag key={c} color="purple" style={{ marginInlineEnd: 0 }}>
                      {CERTIFICATE_LABELS[c][lang]}
                    </Tag>
                  ))}
                  {data.requiredSkills.length + data.requiredCertificates.length === 0 ? t('common.none') : null}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('board.durationLabel')}>
                {t('board.duration', { minutes: data.durationMinutes })}
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      ) : null}

      {rec.isLoading ? (
        <Skeleton active />
      ) : rec.isError ? (
        <QueryErrorResult
          error={rec.error}
          onRetry={isApiError(rec.error) && rec.error.status >= 500 ? () => void rec.refetch() : undefined}
        />
      ) : data ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('board.candidates', { count: data.candidates.length })}
          </Typography.Title>
          {data.candidates.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.noCandidates')} />
          ) : (
            <List<Candidate>
              size="small"
              dataSource={data.candidates}
              data-testid="recommend-list"
              renderItem={(c) => (
                <List.Item
                  key={c.technician.id}
                  data-testid="recommend-candidate"
                  data-technician-id={c.technician.id}
                  data-staff-no={c.technician.staffNo}
                  data-rank={c.rank}
                  style={{ alignItems: 'flex-start', paddingInline: 0 }}
                  actions={
                    canAssign
                      ? [
                          <Button
                            key="assign"
                            type={c.rank === 1 ? 'primary' : 'default'}
                            icon={<SendOutlined />}
                            loading={assign.isPending && assign.variables?.body.technicianId === c.technician.id}
                            disabled={assign.isPending}
                            onClick={() => (c.rank === 1 ? assignTop(c, data) : onPick(c, data))}
                            data-testid="recommend-assign"
                            aria-label={t('board.assignTo', { name: c.technician.name })}
                          >
                            {t('board.assignToShort')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Flex gap={6} align="center">
                      <Tag color={c.rank === 1 ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                        #{c.rank}
                      </Tag>
                      <Typography.Text strong>{c.technician.name}</Typography.Text>
                      <Typography.Text type="secondary">{c.technician.staffNo}</Typography.Text>
                    </Flex>
                    <Typography.Text strong data-testid="recommend-earliest">
                      {t('board.earliest', { window: formatWindow(c.window, timeZone, date) })}
                    </Typography.Text>
                    <CandidateFacts candidate={c} timeZone={timeZone} date={date} />
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {data.ineligible.length > 0 ? (
            <Collapse
              size="small"
              ghost
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'ineligible',
                  label: t('board.ineligibleCount', { count: data.ineligible.length }),
                  children: (
                    <List
                      size="small"
                      dataSource={data.ineligible}
                      data-testid="recommend-ineligible"
                      renderItem={(x) => (
                        <List.Item
                          key={x.technician.id}
                          style={{ paddingInline: 0 }}
                          data-testid="recommend-ineligible-item"
                          data-staff-no={x.technician.staffNo}
                        >
                          <Flex vertical>
                            <Typography.Text type="secondary">
                              <CloseCircleOutlined /> {x.technician.name} {x.technician.staffNo}
                            </Typography.Text>
                            {x.reasons.map((r) => (
                              <Typography.Text key={`${r.code}-${r.text}`} type="secondary" style={{ fontSize: 12 }}>
                                · {r.text}
                              </Typography.Text>
                            ))}
                          </Flex>
                        </List.Item>
                      )}
                    />
                  ),
                },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
