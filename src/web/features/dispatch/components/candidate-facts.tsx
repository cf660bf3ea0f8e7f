import { CarOutlined, CheckOutlined, ScheduleOutlined, ToolOutlined } from '@ant-design/icons';
import { type Candidate, SKILL_LEVEL_LABELS } from '@shared/contracts/dispatch.contract';
import { useI18n } from '@web/lib/i18n';
import { Flex, Typography } from 'antd';
import { formatWindow } from '../time';

/** A candidate's facts and the recommendation's reasons in words. */
export function CandidateFacts({
  candidate: c,
  timeZone,
  date,
}: {
  candidate: Candidate;
  timeZone: string;
  date: string;
}) {
  const { t, lang } = useI18n();
  // The server's reasons already say it in words (travel, workload, skill, parts, rework); the bare facts are the
  // fallback when it gave none.
  return (
    <Flex vertical gap={2} style={{ fontSize: 12 }} data-testid="candidate-facts">
      {c.reasons.length > 0 ? null : (
        <Flex wrap gap={12}>
          <span data-testid="candidate-earliest">
            <ScheduleOutlined /> {t('board.earliest', { window: formatWindow(c.window, timeZone, date) })}
          </span>
          <span>
            <CarOutlined />{' '}
            {t(c.travelFrom === 'home' ? 'board.travelFromHome' : 'board.travelFromPrevious', {
              minutes: c.travelMinutes,
            })}
          </span>
          <span>
            {t('board.planned', {
              jobs: c.jobsPlanned,
              hours: (Math.round((c.minutesPlanned / 60) * 10) / 10).toString(),
            })}
          </span>
          {c.skillLevel ? (
            <span>
              <ToolOutlined /> {SKILL_LEVEL_LABELS[c.skillLevel][lang]}
            </span>
          ) : null}
        </Flex>
      )}
      {c.reasons.length > 0 ? (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 0, listStyle: 'none' }} data-testid="candidate-reasons">
          {c.reasons.map((r) => (
            <li key={`${r.code}-${r.text}`}>
              <Typography.Text style={{ fontSize: 12 }}>
                <CheckOutlined style={{ color: '#52c41a', marginInlineEnd: 4 }} />
                {r.text}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
    </Flex>
  );
}
