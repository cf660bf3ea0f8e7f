import { ArrowRightOutlined } from '@ant-design/icons';
import type { PlanMove } from '@shared/contracts/dispatch-plans.contract';
import { useI18n } from '@web/lib/i18n';
import { Flex, Tag, Typography, theme } from 'antd';
import { formatWindow } from '../time';

/**
 * Existing appointments that a proposal (or an insert-now) moves: the order, then before → after (technician and
 * window), tagged with what changes. `testId` names each item (`plan-move`, `insert-now-move`).
 */
export function MoveList({
  moves,
  timeZone,
  date,
  testId,
}: {
  moves: PlanMove[];
  timeZone: string;
  date: string;
  testId: string;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={6}>
      {moves.map((m) => (
        <div
          key={m.assignmentId}
          data-testid={testId}
          data-number={m.workOrderNumber}
          data-technician-changed={m.technicianChanged ? 'true' : 'false'}
          data-time-changed={m.timeChanged ? 'true' : 'false'}
          style={{ borderInlineStart: `3px solid #fa8c16`, paddingInlineStart: 8, fontSize: 12 }}
        >
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 12 }}>
              {m.workOrderNumber}
            </Typography.Text>
            {m.technicianChanged ? (
              <Tag color="orange" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                {t('plan.moveTechnician')}
              </Tag>
            ) : null}
            {m.timeChanged ? (
              <Tag color="gold" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                {t('plan.moveTime')}
              </Tag>
            ) : null}
          </Flex>
          <Flex gap={6} align="center" wrap style={{ color: token.colorTextSecondary }}>
            <span data-testid={`${testId}-before`} style={{ textDecoration: 'line-through' }}>
              {m.before.technician.name} {formatWindow(m.before.window, timeZone, date)}
            </span>
            <ArrowRightOutlined />
            <span data-testid={`${testId}-after`} style={{ color: token.colorText, fontWeight: 500 }}>
              {m.after.technician.name} {formatWindow(m.after.window, timeZone, date)}
            </span>
          </Flex>
        </div>
      ))}
    </Flex>
  );
}
