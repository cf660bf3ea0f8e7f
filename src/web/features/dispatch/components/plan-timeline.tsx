import { ArrowRightOutlined, CarOutlined, LockOutlined, StopOutlined } from '@ant-design/icons';
import type { DispatchBoard } from '@shared/contracts/dispatch.contract';
import type { PlanMove, PlanProposal, PlanRoute, PlanStop } from '@shared/contracts/dispatch-plans.contract';
import { useI18n } from '@web/lib/i18n';
import { Empty, Flex, Tooltip, Typography, theme } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { BLOCK_COLORS } from '../appearance';
import { formatHm, formatWindow, HOUR_MS, MINUTE_MS, zonedMs } from '../time';
import { HOUR_MIN_PX, LABEL_WIDTH, ROW_HEIGHT, type TimeAxis, timeAxis } from './board-timeline';

/** The colours of a proposed visit, by what the proposal does with it. */
export const PLAN_COLORS: Record<PlanStop['kind'], { bg: string; border: string; text: string }> = {
  new: { bg: '#f6ffed', border: '#52c41a', text: '#135200' },
  moved: { bg: '#fff7e6', border: '#fa8c16', text: '#873800' },
  unchanged: BLOCK_COLORS.assigned,
  locked: { bg: '#f5f5f5', border: '#8c8c8c', text: '#434343' },
};

type Window = { start: string; end: string };

/** The board's hours, widened to every proposed shift and visit (whole hours, within the day). */
function planAxis(board: DispatchBoard, routes: PlanRoute[]): TimeAxis {
  let { startMs, endMs } = timeAxis(board);
  const dayStart = zonedMs(board.date, '00:00', board.timeZone);
  const dayEnd = dayStart + 24 * HOUR_MS;
  const spans: Window[] = routes.flatMap((r) => [...(r.shift ? [r.shift] : []), ...r.stops.map((s) => s.window)]);
  for (const w of spans) {
    const s = new Date(w.start).getTime();
    const e = new Date(w.end).getTime();
    if (s < startMs) startMs = Math.max(dayStart, Math.floor((s - dayStart) / HOUR_MS) * HOUR_MS + dayStart);
    if (e > endMs) endMs = Math.min(dayEnd, Math.ceil((e - dayStart) / HOUR_MS) * HOUR_MS + dayStart);
  }
  return { startMs, endMs };
}

function pct(ms: number, axis: TimeAxis): number {
  return ((ms - axis.startMs) / (axis.endMs - axis.startMs)) * 100;
}

/**
 * 方案预览: the proposal's routes on the same time axis as the board — new visits green, moved ones orange with a
 * dashed outline where they were (on the technician they leave), unchanged ones as today, confirmed ones grey.
 * Read-only: nothing here is in effect until the plan is applied.
 */
export function PlanTimeline({ board, proposal }: { board: DispatchBoard; proposal: PlanProposal }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const axis = useMemo(() => planAxis(board, proposal.routes), [board, proposal.routes]);
  const hours = Math.max(1, Math.round((axis.endMs - axis.startMs) / HOUR_MS));
  const hourTicks = Array.from({ length: hours + 1 }, (_, i) => axis.startMs + i * HOUR_MS);
  const trackMinWidth = hours * HOUR_MIN_PX;
  const gridBackground = `repeating-linear-gradient(to right, ${token.colorBorderSecondary} 0 1px, transparent 1px ${100 / hours}%)`;

  // Rows in the board's order (then any technician the board's filters hide).
  const routes = useMemo(() => {
    const order = new Map(board.technicians.map((x, i) => [x.id, i]));
    return [...proposal.routes].sort(
      (a, b) =>
        (order.get(a.technician.id) ?? Number.MAX_SAFE_INTEGER) -
          (order.get(b.technician.id) ?? Number.MAX_SAFE_INTEGER) ||
        a.technician.staffNo.localeCompare(b.technician.staffNo),
    );
  }, [board.technicians, proposal.routes]);
  const movesByOrder = useMemo(() => new Map(proposal.moves.map((m) => [m.workOrderId, m])), [proposal.moves]);
  // Where each moved appointment was, drawn on the row of the technician it leaves.
  const ghostsByTech = useMemo(() => {
    const m = new Map<string, PlanMove[]>();
    for (const mv of proposal.moves) {
      const list = m.get(mv.before.technician.id) ?? [];
      list.push(mv);
      m.set(mv.before.technician.id, list);
    }
    return m;
  }, [proposal.moves]);

  if (routes.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.noTechnicians')} />;
  }

  return (
    <div data-testid="plan-timeline" style={{ minWidth: LABEL_WIDTH + trackMinWidth, position: 'relative' }}>
      <div
        style={{
          display: 'flex',
          position: 'sticky',
          top: 0,
          zIndex: 4,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorder}`,
          height: 28,
        }}
      >
        <div
          style={{
            width: LABEL_WIDTH,
            flex: 'none',
            position: 'sticky',
            left: 0,
            zIndex: 5,
            background: token.colorBgContainer,
            padding: '4px 8px',
            fontSize: 12,
            color: token.colorTextSecondary,
          }}
        >
          {t('board.technician')}
        </div>
        <div style={{ position: 'relative', flex: 1, minWidth: trackMinWidth }}>
          {hourTicks.map((ms, i) => (
            <span
              key={ms}
              style={{
                position: 'absolute',
                left: `${(i / hours) * 100}%`,
                top: 6,
                transform: i === 0 ? 'none' : i === hours ? 'translateX(-100%)' : 'translateX(-50%)',
                fontSize: 11,
                color: token.colorTextSecondary,
                whiteSpace: 'nowrap',
              }}
            >
              {formatHm(ms, board.timeZone)}
            </span>
          ))}
        </div>
      </div>
      {routes.map((route) => (
        <PlanRow
          key={route.technician.id}
          route={route}
          board={board}
          axis={axis}
          gridBackground={gridBackground}
          trackMinWidth={trackMinWidth}
          movesByOrder={movesByOrder}
          ghosts={ghostsByTech.get(route.technician.id) ?? []}
        />
      ))}
    </div>
  );
}

function PlanRow({
  route,
  board,
  axis,
  gridBackground,
  trackMinWidth,
  movesByOrder,
  ghosts,
}: {
  route: PlanRoute;
  board: DispatchBoard;
  axis: TimeAxis;
  gridBackground: string;
  trackMinWidth: number;
  movesByOrder: Map<string, PlanMove>;
  ghosts: PlanMove[];
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const off = route.shift === null;
  const shiftStart = route.shift ? new Date(route.shift.start).getTime() : undefined;
  const shiftEnd = route.shift ? new Date(route.shift.end).getTime() : undefined;
  const changed = route.stops.some((s) => s.kind === 'new' || s.kind === 'moved') || ghosts.length > 0;

  return (
    <div
      data-testid="plan-row"
      data-technician-id={route.technician.id}
      data-staff-no={route.technician.staffNo}
      data-stops={route.stops.length}
      data-changed={changed ? 'true' : 'false'}
      style={{ display: 'flex', height: ROW_HEIGHT, borderBottom: `1px solid ${token.colorSplit}` }}
    >
      <div
        style={{
          width: LABEL_WIDTH,
          flex: 'none',
          position: 'sticky',
          left: 0,
          zIndex: 3,
          background: changed ? '#fffbe6' : token.colorBgContainer,
          padding: '4px 8px',
          borderInlineEnd: `1px solid ${token.colorSplit}`,
          overflow: 'hidden',
        }}
      >
        <Flex align="center" gap={4} style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis style={{ maxWidth: 86, fontSize: 13 }}>
            {route.technician.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {route.technician.staffNo}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
          {off ? (
            <>
              <StopOutlined /> {t('board.offDuty')}
            </>
          ) : route.stops.length === 0 ? (
            t('plan.noRoute')
          ) : (
            t('plan.routeFacts', { count: route.stops.length, travel: route.travelMinutes })
          )}
        </Typography.Text>
      </div>
      <div
        style={{
          position: 'relative',
          flex: 1,
          minWidth: trackMinWidth,
          background: off
            ? `repeating-linear-gradient(45deg, ${token.colorFillTertiary} 0 6px, transparent 6px 12px)`
            : token.colorFillQuaternary,
        }}
      >
        {shiftStart !== undefined && shiftEnd !== undefined ? (
          <div
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: `${pct(Math.max(shiftStart, axis.startMs), axis)}%`,
              width: `${pct(Math.min(shiftEnd, axis.endMs), axis) - pct(Math.max(shiftStart, axis.startMs), axis)}%`,
              background: token.colorBgContainer,
            }}
          />
        ) : null}
        <div style={{ position: 'absolute', inset: 0, background: gridBackground, pointerEvents: 'none' }} />
        {ghosts.map((m) => (
          <Ghost key={`ghost-${m.assignmentId}`} move={m} board={board} axis={axis} />
        ))}
        {route.stops.map((s) => (
          <Stop
            key={s.workOrderId}
            stop={s}
            technicianId={route.technician.id}
            move={movesByOrder.get(s.workOrderId)}
            board={board}
            axis={axis}
          />
        ))}
      </div>
    </div>
  );
}

/** Where a moved appointment was: a dashed outline on the technician it leaves. */
function Ghost({ move, board, axis }: { move: PlanMove; board: DispatchBoard; axis: TimeAxis }) {
  const { t } = useI18n();
  const start = new Date(move.before.window.start).getTime();
  const end = new Date(move.before.window.end).getTime();
  const left = pct(Math.max(start, axis.startMs), axis);
  const width = Math.max(0.6, pct(Math.min(end, axis.endMs), axis) - left);
  return (
    <Tooltip
      title={
        <div style={{ fontSize: 12 }}>
          <div style={{ fontWeight: 600 }}>{move.workOrderNumber}</div>
          <div>
            {t('plan.before', {
              name: move.before.technician.name,
              window: formatWindow(move.before.window, board.timeZone, board.date),
            })}
          </div>
          <div>
            {t('plan.after', {
              name: move.after.technician.name,
              window: formatWindow(move.after.window, board.timeZone, board.date),
            })}
          </div>
        </div>
      }
    >
      <div
        data-testid="plan-block-before"
        data-number={move.workOrderNumber}
        style={{
          position: 'absolute',
          top: 5,
          bottom: 5,
          left: `${left}%`,
          width: `${width}%`,
          border: `1.5px dashed ${PLAN_COLORS.moved.border}`,
          background: 'repeating-linear-gradient(45deg, rgba(250,140,22,0.08) 0 4px, transparent 4px 8px)',
          borderRadius: 4,
          padding: '1px 4px',
          fontSize: 10,
          lineHeight: '14px',
          color: PLAN_COLORS.moved.text,
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          opacity: 0.8,
        }}
      >
        {move.workOrderNumber.slice(-4)} <ArrowRightOutlined />{' '}
        {move.technicianChanged ? move.after.technician.name : formatHm(move.after.window.start, board.timeZone)}
      </div>
    </Tooltip>
  );
}

function Stop({
  stop: s,
  technicianId,
  move,
  board,
  axis,
}: {
  stop: PlanStop;
  technicianId: string;
  move: PlanMove | undefined;
  board: DispatchBoard;
  axis: TimeAxis;
}) {
  const { t } = useI18n();
  const start = new Date(s.window.start).getTime();
  const end = new Date(s.window.end).getTime();
  const colors = PLAN_COLORS[s.kind];
  const left = pct(Math.max(start, axis.startMs), axis);
  const width = Math.max(0.6, pct(Math.min(end, axis.endMs), axis) - left);
  const travelStart = start - s.travelMinutesBefore * MINUTE_MS;
  const tz = board.timeZone;

  const tip: ReactNode = (
    <div style={{ fontSize: 12 }}>
      <div style={{ fontWeight: 600 }}>
        {s.workOrderNumber} · {t(`plan.kind.${s.kind}`)}
      </div>
      <div>
        {s.district} · {t('board.window', { window: formatWindow(s.window, tz, board.date) })}
      </div>
      {move ? (
        <div>
          {t('plan.before', {
            name: move.before.technician.name,
            window: formatWindow(move.before.window, tz, board.date),
          })}
        </div>
      ) : null}
      {s.travelMinutesBefore > 0 ? <div>{t('board.travel', { minutes: s.travelMinutesBefore })}</div> : null}
      {s.withinPreferred === true ? <div>{t('plan.withinPreferred')}</div> : null}
      {s.withinPreferred === false && s.preferredWindow ? (
        <div style={{ color: '#ffc069' }}>
          {t('plan.outsidePreferred', { window: formatWindow(s.preferredWindow, tz, board.date) })}
        </div>
      ) : null}
      {s.priority === 'urgent' ? <div style={{ color: '#ff7875' }}>{t('board.urgent')}</div> : null}
    </div>
  );

  return (
    <>
      {s.travelMinutesBefore > 0 ? (
        <div
          title={t('board.travel', { minutes: s.travelMinutesBefore })}
          style={{
            position: 'absolute',
            top: ROW_HEIGHT / 2 - 6,
            height: 12,
            left: `${pct(Math.max(travelStart, axis.startMs), axis)}%`,
            width: `${Math.max(0, pct(start, axis) - pct(Math.max(travelStart, axis.startMs), axis))}%`,
            background: 'repeating-linear-gradient(90deg, #bfbfbf 0 4px, transparent 4px 7px)',
            borderRadius: 2,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            overflow: 'hidden',
            fontSize: 10,
            color: '#8c8c8c',
          }}
        >
          <CarOutlined />
        </div>
      ) : null}
      <Tooltip title={tip} mouseEnterDelay={0.3}>
        <div
          data-testid="plan-block"
          data-number={s.workOrderNumber}
          data-kind={s.kind}
          data-technician-id={technicianId}
          data-start={s.window.start}
          style={{
            position: 'absolute',
            top: 5,
            bottom: 5,
            left: `${left}%`,
            width: `${width}%`,
            background: colors.bg,
            color: colors.text,
            border: `1px solid ${colors.border}`,
            borderLeft: `4px solid ${s.priority === 'urgent' ? '#f5222d' : colors.border}`,
            outline: s.kind === 'new' || s.kind === 'moved' ? `1px solid ${colors.border}` : undefined,
            borderRadius: 4,
            padding: '1px 4px',
            fontSize: 11,
            lineHeight: '15px',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
            zIndex: 1,
          }}
        >
          <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {s.kind === 'locked' ? <LockOutlined style={{ marginInlineEnd: 2 }} /> : null}
            {s.workOrderNumber.slice(-4)} <span style={{ fontWeight: 400 }}>{formatHm(start, tz)}</span>
          </div>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {move?.timeChanged ? (
              <span>
                <span style={{ textDecoration: 'line-through' }}>{formatHm(move.before.window.start, tz)}</span> ·{' '}
              </span>
            ) : null}
            {s.district}
          </div>
        </div>
      </Tooltip>
    </>
  );
}

/** The legend of the proposal's colours. */
export function PlanLegend() {
  const { t } = useI18n();
  const item = (kind: PlanStop['kind'], label: string, dashed = false) => (
    <Flex align="center" gap={4} key={kind}>
      <span
        style={{
          display: 'inline-block',
          width: 14,
          height: 10,
          background: dashed ? 'transparent' : PLAN_COLORS[kind].bg,
          border: `1px ${dashed ? 'dashed' : 'solid'} ${PLAN_COLORS[kind].border}`,
          borderRadius: 2,
        }}
      />
      <span>{label}</span>
    </Flex>
  );
  return (
    <Flex gap={10} wrap style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="plan-legend">
      {item('new', t('plan.legend.new'))}
      {item('moved', t('plan.legend.moved'))}
      {item('unchanged', t('plan.legend.unchanged'))}
      {item('locked', t('plan.legend.locked'))}
    </Flex>
  );
}
