import { CarOutlined, CheckCircleFilled, PhoneFilled, StopOutlined, WarningFilled } from '@ant-design/icons';
import type {
  BoardAppointment,
  BoardTechnician,
  Candidate,
  DispatchBoard,
  Reason,
} from '@shared/contracts/dispatch.contract';
import { SKILL_LABELS } from '@shared/contracts/intake.contract';
import { STATUS_LABELS } from '@shared/domain/work-order';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { useI18n } from '@web/lib/i18n';
import { Dropdown, Empty, Flex, type MenuProps, Progress, Tag, Tooltip, Typography, theme } from 'antd';
import { type DragEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { BLOCK_COLORS, blockKind, LATE_COLOR } from '../appearance';
import { offReasonLabel } from '../labels';
import { formatHm, formatWindow, HOUR_MS, MINUTE_MS, snapMs, zonedMs } from '../time';

/** What is being dragged over the board. */
export type BoardDrag =
  | { kind: 'order'; workOrderId: string; number: string; durationMinutes: number }
  | {
      kind: 'appointment';
      appointment: BoardAppointment;
      technicianId: string;
      /** Where in the block the pointer grabbed it (ms from its start), so the block lands where it is dropped. */
      grabOffsetMs: number;
    };

/** A technician's eligibility for the dragged order (from the recommendation). */
export interface RowEligibility {
  eligible: boolean;
  reasons: Reason[];
  candidate?: Candidate;
}

export interface TimeAxis {
  startMs: number;
  endMs: number;
}

export const LABEL_WIDTH = 176;
export const ROW_HEIGHT = 52;
export const HOUR_MIN_PX = 64;
const DEFAULT_FIRST_HOUR = '07:00';
const DEFAULT_LAST_HOUR = '21:00';

/** The hours shown: 07:00–21:00 in the branch's zone, widened to any shift or appointment outside it. */
export function timeAxis(board: DispatchBoard): TimeAxis {
  let startMs = zonedMs(board.date, DEFAULT_FIRST_HOUR, board.timeZone);
  let endMs = zonedMs(board.date, DEFAULT_LAST_HOUR, board.timeZone);
  const dayStart = zonedMs(board.date, '00:00', board.timeZone);
  const dayEnd = dayStart + 24 * HOUR_MS;
  for (const tech of board.technicians) {
    const spans = [...(tech.shift ? [tech.shift] : []), ...tech.appointments.map((a) => a.window)];
    for (const w of spans) {
      const s = new Date(w.start).getTime();
      const e = new Date(w.end).getTime();
      if (s < startMs) startMs = Math.max(dayStart, Math.floor((s - dayStart) / HOUR_MS) * HOUR_MS + dayStart);
      if (e > endMs) endMs = Math.min(dayEnd, Math.ceil((e - dayStart) / HOUR_MS) * HOUR_MS + dayStart);
    }
  }
  return { startMs, endMs };
}

function pct(ms: number, axis: TimeAxis): number {
  return ((ms - axis.startMs) / (axis.endMs - axis.startMs)) * 100;
}

/** Active assignments hold the technician's time; the others are history. */
function isActive(a: BoardAppointment): boolean {
  return a.state === 'assigned' || a.state === 'accepted';
}

/** Only appointments not yet under way can be moved. */
export function isMovable(a: BoardAppointment): boolean {
  return isActive(a) && (a.workOrderStatus === 'assigned' || a.workOrderStatus === 'accepted');
}

export interface BoardTimelineProps {
  board: DispatchBoard;
  axis: TimeAxis;
  now: number;
  isToday: boolean;
  canAssign: boolean;
  drag: BoardDrag | undefined;
  /** Eligibility per technician id while an order is dragged; undefined while loading or for a move. */
  eligibility: Map<string, RowEligibility> | undefined;
  eligibilityLoading: boolean;
  onDragAppointmentStart: (drag: BoardDrag) => void;
  onDragEnd: () => void;
  onDropOrder: (technicianId: string, startMs: number) => void;
  onDropAppointment: (technicianId: string, startMs: number) => void;
  onOpenOrder: (workOrderId: string) => void;
  onMove: (appointment: BoardAppointment, technicianId: string) => void;
  onUnassign: (appointment: BoardAppointment, technicianId: string) => void;
}

/** 调度台 centre: one row per technician (shift band, appointments, travel gaps), the hours across. */
export function BoardTimeline(props: BoardTimelineProps) {
  const { board, axis, now, isToday } = props;
  const { t } = useI18n();
  const { token } = theme.useToken();
  const hours = Math.round((axis.endMs - axis.startMs) / HOUR_MS);
  const hourTicks = useMemo(
    () => Array.from({ length: hours + 1 }, (_, i) => axis.startMs + i * HOUR_MS),
    [axis.startMs, hours],
  );
  const trackMinWidth = hours * HOUR_MIN_PX;
  const gridBackground = `repeating-linear-gradient(to right, ${token.colorBorderSecondary} 0 1px, transparent 1px ${100 / hours}%)`;

  if (board.technicians.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.noTechnicians')} />;
  }

  return (
    <div data-testid="board-timeline" style={{ minWidth: LABEL_WIDTH + trackMinWidth, position: 'relative' }}>
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
      {board.technicians.map((tech) => (
        <TechnicianRow
          key={tech.id}
          tech={tech}
          {...props}
          gridBackground={gridBackground}
          trackMinWidth={trackMinWidth}
          nowPct={isToday && now >= axis.startMs && now <= axis.endMs ? pct(now, axis) : undefined}
        />
      ))}
    </div>
  );
}

function Capacity({ tech }: { tech: BoardTechnician }) {
  const { t } = useI18n();
  const jobs = tech.appointments.filter(isActive).length;
  const ratio = Math.max(
    jobs / Math.max(1, tech.maxJobsPerDay),
    tech.minutesPlanned / Math.max(1, tech.maxMinutesPerDay),
  );
  const hoursText = (m: number) => (Math.round((m / 60) * 10) / 10).toString();
  return (
    <Tooltip
      title={t('board.capacityTip', {
        jobs,
        maxJobs: tech.maxJobsPerDay,
        hours: hoursText(tech.minutesPlanned),
        maxHours: hoursText(tech.maxMinutesPerDay),
      })}
    >
      <div data-testid="board-capacity" data-jobs={jobs} data-max-jobs={tech.maxJobsPerDay}>
        <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
          {t('board.capacity', {
            jobs,
            maxJobs: tech.maxJobsPerDay,
            hours: hoursText(tech.minutesPlanned),
            maxHours: hoursText(tech.maxMinutesPerDay),
          })}
        </Typography.Text>
        <Progress
          percent={Math.min(100, Math.round(ratio * 100))}
          size={{ height: 3 }}
          showInfo={false}
          strokeColor={ratio >= 1 ? '#ff4d4f' : ratio >= 0.8 ? '#fa8c16' : '#52c41a'}
          style={{ margin: 0, lineHeight: 0 }}
        />
      </div>
    </Tooltip>
  );
}

type RowProps = BoardTimelineProps & {
  tech: BoardTechnician;
  gridBackground: string;
  trackMinWidth: number;
  nowPct: number | undefined;
};

function TechnicianRow(props: RowProps) {
  const { tech, board, axis, drag, eligibility, eligibilityLoading, gridBackground, trackMinWidth } = props;
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const track = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<number>();
  const [hovering, setHovering] = useState(false);
  // A drag that ended elsewhere (Escape, dropped outside) leaves no preview behind.
  useEffect(() => {
    if (!drag) {
      setHovering(false);
      setPreview(undefined);
    }
  }, [drag]);

  const off = tech.shift === null;
  const rowEligibility = drag?.kind === 'order' ? eligibility?.get(tech.id) : undefined;
  // During an order drag: eligible per the recommendation (unknown while it loads). A move: any working technician.
  const state: 'eligible' | 'ineligible' | 'unknown' | 'idle' = !drag
    ? 'idle'
    : drag.kind === 'order'
      ? eligibility
        ? rowEligibility?.eligible
          ? 'eligible'
          : 'ineligible'
        : eligibilityLoading
          ? 'unknown'
          : off
            ? 'ineligible'
            : 'unknown'
      : off
        ? 'ineligible'
        : 'eligible';
  const ineligibleReasons: string[] =
    state === 'ineligible'
      ? rowEligibility?.reasons.length
        ? rowEligibility.reasons.map((r) => r.text)
        : off
          ? [offReasonLabel(tech.offReason, lang, t)]
          : [t('board.notRecommended')]
      : [];

  const durationMs = drag
    ? drag.kind === 'order'
      ? drag.durationMinutes * MINUTE_MS
      : new Date(drag.appointment.window.end).getTime() - new Date(drag.appointment.window.start).getTime()
    : 0;

  const startAt = (clientX: number): number => {
    const rect = track.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return axis.startMs;
    const frac = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    let ms = axis.startMs + frac * (axis.endMs - axis.startMs);
    if (drag?.kind === 'appointment') ms -= drag.grabOffsetMs;
    ms = snapMs(ms);
    return Math.min(Math.max(ms, axis.startMs), axis.endMs - Math.min(durationMs, axis.endMs - axis.startMs));
  };

  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!drag) return;
    setHovering(true);
    if (state === 'ineligible') {
      e.dataTransfer.dropEffect = 'none';
      return;
    }
    e.preventDefault();
    e.dataTransfer.dropEffect = drag.kind === 'order' ? 'copy' : 'move';
    const s = startAt(e.clientX);
    if (s !== preview) setPreview(s);
  };
  const onDragLeave = (e: DragEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    if (e.clientX > r.left && e.clientX < r.right && e.clientY > r.top && e.clientY < r.bottom) return;
    setHovering(false);
    setPreview(undefined);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setHovering(false);
    setPreview(undefined);
    if (!drag || state === 'ineligible') return;
    const s = startAt(e.clientX);
    if (drag.kind === 'order') props.onDropOrder(tech.id, s);
    else props.onDropAppointment(tech.id, s);
  };

  const shiftStart = tech.shift ? new Date(tech.shift.start).getTime() : undefined;
  const shiftEnd = tech.shift ? new Date(tech.shift.end).getTime() : undefined;
  const rank = rowEligibility?.candidate?.rank;

  const rowBg =
    state === 'eligible'
      ? hovering
        ? '#d9f7be'
        : '#f6ffed'
      : state === 'ineligible'
        ? token.colorFillQuaternary
        : undefined;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a timeline row that accepts drops; not a form field group
    <div
      role="group"
      aria-label={`${tech.name} ${tech.staffNo}`}
      data-testid="board-row"
      data-technician-id={tech.id}
      data-staff-no={tech.staffNo}
      data-eligible={state === 'idle' ? undefined : state}
      data-off={off ? 'true' : undefined}
      style={{
        display: 'flex',
        height: ROW_HEIGHT,
        borderBottom: `1px solid ${token.colorSplit}`,
        opacity: state === 'ineligible' ? 0.5 : 1,
        filter: state === 'ineligible' ? 'grayscale(0.8)' : undefined,
        background: rowBg,
        transition: 'background 120ms',
      }}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <Tooltip
        open={hovering && state === 'ineligible'}
        title={
          <div data-testid="board-row-reason">
            <div style={{ fontWeight: 600 }}>{t('board.ineligible', { name: tech.name })}</div>
            {ineligibleReasons.map((r) => (
              <div key={r}>· {r}</div>
            ))}
          </div>
        }
        placement="right"
      >
        <div
          style={{
            width: LABEL_WIDTH,
            flex: 'none',
            position: 'sticky',
            left: 0,
            zIndex: 3,
            background: rowBg ?? token.colorBgContainer,
            padding: '4px 8px',
            borderInlineEnd: `1px solid ${token.colorSplit}`,
            overflow: 'hidden',
          }}
        >
          <Flex align="center" gap={4} style={{ minWidth: 0 }}>
            <Tooltip
              title={
                tech.skills.length
                  ? tech.skills.map((s) => `${SKILL_LABELS[s.skill][lang]} L${s.level}`).join(' · ')
                  : t('board.noSkills')
              }
            >
              <Typography.Text strong ellipsis style={{ maxWidth: 86, fontSize: 13 }}>
                {tech.name}
              </Typography.Text>
            </Tooltip>
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {tech.staffNo}
            </Typography.Text>
            {tech.certificateState === 'expired' || tech.certificateState === 'expiring' ? (
              <Tooltip title={t(tech.certificateState === 'expired' ? 'board.certExpired' : 'board.certExpiring')}>
                <WarningFilled style={{ color: tech.certificateState === 'expired' ? '#ff4d4f' : '#faad14' }} />
              </Tooltip>
            ) : null}
            {rank !== undefined ? (
              <Tag
                color={rank === 1 ? 'green' : 'default'}
                style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
                data-testid="board-row-rank"
              >
                #{rank}
              </Tag>
            ) : null}
          </Flex>
          {off ? (
            <Typography.Text type="secondary" style={{ fontSize: 11 }} ellipsis>
              <StopOutlined /> {offReasonLabel(tech.offReason, lang, t)}
            </Typography.Text>
          ) : (
            <Capacity tech={tech} />
          )}
        </div>
      </Tooltip>
      <div
        ref={track}
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
            title={t('board.shift', {
              start: formatHm(shiftStart, board.timeZone),
              end: formatHm(shiftEnd, board.timeZone),
            })}
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
        {off ? (
          <div
            style={{
              position: 'absolute',
              inset: 0,
              display: 'flex',
              alignItems: 'center',
              paddingInline: 12,
              color: token.colorTextSecondary,
              fontSize: 12,
              pointerEvents: 'none',
            }}
          >
            {t('board.offDutyRow', { reason: offReasonLabel(tech.offReason, lang, t) })}
          </div>
        ) : null}
        {tech.appointments.map((a) => (
          <Appointment key={a.assignmentId} {...props} appointment={a} />
        ))}
        {state === 'eligible' ? (
          <div
            aria-hidden
            style={{
              position: 'absolute',
              inset: 0,
              background: hovering ? 'rgba(82,196,26,0.16)' : 'rgba(82,196,26,0.07)',
              boxShadow: 'inset 0 0 0 1px rgba(82,196,26,0.45)',
              pointerEvents: 'none',
            }}
          />
        ) : null}
        {preview !== undefined && durationMs > 0 ? (
          <div
            data-testid="board-drop-preview"
            style={{
              position: 'absolute',
              top: 4,
              bottom: 4,
              left: `${pct(preview, axis)}%`,
              width: `${pct(preview + durationMs, axis) - pct(preview, axis)}%`,
              border: `2px dashed ${token.colorPrimary}`,
              background: 'rgba(22,119,255,0.08)',
              borderRadius: 4,
              pointerEvents: 'none',
              fontSize: 11,
              padding: '0 4px',
              color: token.colorPrimary,
              zIndex: 2,
              whiteSpace: 'nowrap',
              overflow: 'visible',
            }}
          >
            {formatHm(preview, board.timeZone)}–{formatHm(preview + durationMs, board.timeZone)}
          </div>
        ) : null}
        {props.nowPct !== undefined ? (
          <div
            aria-hidden
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: `${props.nowPct}%`,
              width: 2,
              background: '#ff4d4f',
              opacity: 0.6,
              pointerEvents: 'none',
              zIndex: 2,
            }}
          />
        ) : null}
      </div>
    </div>
  );
}

function Appointment(props: RowProps & { appointment: BoardAppointment }) {
  const { appointment: a, tech, board, axis, canAssign } = props;
  const { t, lang } = useI18n();
  const faultName = useFaultCategoryName();
  const start = new Date(a.window.start).getTime();
  const end = new Date(a.window.end).getTime();
  const kind = blockKind(a);
  const colors = BLOCK_COLORS[kind];
  const movable = canAssign && isMovable(a);
  const left = pct(Math.max(start, axis.startMs), axis);
  const width = Math.max(0.6, pct(Math.min(end, axis.endMs), axis) - left);
  const travelStart = start - a.travelMinutesBefore * MINUTE_MS;

  const items: MenuProps['items'] = [
    { key: 'open', label: <span data-testid="board-appointment-open">{t('board.menu.open')}</span> },
    ...(movable
      ? [
          { key: 'move', label: <span data-testid="board-appointment-move">{t('board.menu.move')}</span> },
          {
            key: 'unassign',
            danger: true,
            label: <span data-testid="board-appointment-unassign">{t('board.menu.unassign')}</span>,
          },
        ]
      : []),
  ];
  const onMenu: MenuProps['onClick'] = ({ key, domEvent }) => {
    domEvent.stopPropagation();
    if (key === 'open') props.onOpenOrder(a.workOrderId);
    else if (key === 'move') props.onMove(a, tech.id);
    else if (key === 'unassign') props.onUnassign(a, tech.id);
  };

  const tip: ReactNode = (
    <div style={{ fontSize: 12 }}>
      <div style={{ fontWeight: 600 }}>
        {a.workOrderNumber} · {STATUS_LABELS[a.workOrderStatus][lang]}
      </div>
      <div>
        {faultName(a.faultCategory)} · {a.district}
      </div>
      <div>{t('board.window', { window: formatWindow(a.window, board.timeZone, board.date) })}</div>
      {a.travelMinutesBefore > 0 ? <div>{t('board.travel', { minutes: a.travelMinutesBefore })}</div> : null}
      {a.etaAt ? <div>{t('board.eta', { at: formatHm(a.etaAt, board.timeZone) })}</div> : null}
      {a.late ? <div style={{ color: '#ff7875' }}>{t('board.late')}</div> : null}
      <div>{a.contacted ? t('board.contacted') : t('board.notContacted')}</div>
      {a.priority === 'urgent' ? <div style={{ color: '#ff7875' }}>{t('board.urgent')}</div> : null}
    </div>
  );

  return (
    <>
      {a.travelMinutesBefore > 0 && isActive(a) ? (
        <div
          data-testid="board-travel"
          title={t('board.travel', { minutes: a.travelMinutesBefore })}
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
      <Dropdown menu={{ items, onClick: onMenu }} trigger={['click', 'contextMenu']}>
        <Tooltip title={tip} mouseEnterDelay={0.4}>
          {/* biome-ignore lint/a11y/useSemanticElements: a draggable block with a nested layout; the menu opens on click */}
          <div
            role="button"
            tabIndex={0}
            aria-label={`${a.workOrderNumber} ${formatWindow(a.window, board.timeZone)}`}
            data-testid="board-appointment"
            data-number={a.workOrderNumber}
            data-state={a.state}
            data-status={a.workOrderStatus}
            data-late={a.late ? 'true' : 'false'}
            data-technician-id={tech.id}
            draggable={movable}
            onDragStart={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              const frac = rect.width > 0 ? (e.clientX - rect.left) / rect.width : 0;
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', a.workOrderNumber);
              props.onDragAppointmentStart({
                kind: 'appointment',
                appointment: a,
                technicianId: tech.id,
                grabOffsetMs: Math.max(0, frac) * (end - start),
              });
            }}
            onDragEnd={props.onDragEnd}
            style={{
              position: 'absolute',
              top: 5,
              bottom: 5,
              left: `${left}%`,
              width: `${width}%`,
              background: colors.bg,
              color: colors.text,
              border: `1px solid ${a.late ? LATE_COLOR : colors.border}`,
              borderLeft: `4px solid ${a.priority === 'urgent' ? '#f5222d' : colors.border}`,
              outline: a.late ? `2px solid ${LATE_COLOR}` : undefined,
              outlineOffset: -1,
              borderRadius: 4,
              padding: '1px 4px',
              fontSize: 11,
              lineHeight: '15px',
              overflow: 'hidden',
              whiteSpace: 'nowrap',
              cursor: movable ? 'grab' : 'pointer',
              zIndex: 1,
              opacity: isActive(a) || kind === 'done' || kind === 'working' ? 1 : 0.5,
            }}
          >
            <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {a.contacted ? <PhoneFilled style={{ marginInlineEnd: 2 }} data-testid="board-contacted" /> : null}
              {kind === 'done' ? <CheckCircleFilled style={{ marginInlineEnd: 2 }} /> : null}
              {a.workOrderNumber.slice(-4)} <span style={{ fontWeight: 400 }}>{formatHm(start, board.timeZone)}</span>
            </div>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {faultName(a.faultCategory)} · {a.district}
            </div>
          </div>
        </Tooltip>
      </Dropdown>
    </>
  );
}
