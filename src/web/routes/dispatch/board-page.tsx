import {
  BellOutlined,
  EnvironmentOutlined,
  InfoCircleOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type {
  BoardAppointment,
  BoardQueueItem,
  Candidate,
  DispatchStreamEvent,
  Recommendation,
} from '@shared/contracts/dispatch.contract';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan, useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import type { DispatchBoardQuery } from '@web/features/dispatch/api/get-dispatch-board';
import { useDispatchBoard } from '@web/features/dispatch/api/get-dispatch-board';
import { useRoutePlan } from '@web/features/dispatch/api/get-plan';
import { dispatchKeys } from '@web/features/dispatch/api/keys';
import { fetchRecommendation, useRecommendation } from '@web/features/dispatch/api/recommend-technicians';
import { BLOCK_COLORS, LATE_COLOR } from '@web/features/dispatch/appearance';
import { AssignConfirmModal, type AssignTarget } from '@web/features/dispatch/components/assign-confirm-modal';
import { BoardMap } from '@web/features/dispatch/components/board-map';
import { BoardQueue } from '@web/features/dispatch/components/board-queue';
import {
  type BoardDrag,
  BoardTimeline,
  type RowEligibility,
  timeAxis,
} from '@web/features/dispatch/components/board-timeline';
import { InsertNowModal } from '@web/features/dispatch/components/insert-now-modal';
import { PlanDayModal, type PlanSettings } from '@web/features/dispatch/components/plan-day-modal';
import { PlanPanel } from '@web/features/dispatch/components/plan-panel';
import { PlanLegend, PlanTimeline } from '@web/features/dispatch/components/plan-timeline';
import { type MoveTarget, ReassignModal } from '@web/features/dispatch/components/reassign-modal';
import { RecommendationDrawer } from '@web/features/dispatch/components/recommendation-drawer';
import { UnassignModal } from '@web/features/dispatch/components/unassign-modal';
import { FALLBACK_POLL_MS, useLiveInvalidation } from '@web/features/dispatch/hooks/use-event-stream';
import { addDays, formatHm, todayIn } from '@web/features/dispatch/time';
import { skillOptions } from '@web/features/faults/components/skill-options';
import { GUANGZHOU_DISTRICTS } from '@web/features/intake/districts';
import { errorMessage } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useMediaQuery } from '@web/lib/use-media';
import { useNow } from '@web/lib/use-now';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Flex,
  Popover,
  Segmented,
  Select,
  Skeleton,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

const MAP_STORAGE_KEY = 'aircare.board.map';
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The `plan` part of a dispatch stream event (a route plan's status and progress), when it is one. */
function planEventOf(data: unknown): NonNullable<DispatchStreamEvent['plan']> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Partial<DispatchStreamEvent>;
  if (e.type !== 'plan' || typeof e.plan !== 'object' || e.plan === null || typeof e.plan.id !== 'string') {
    return undefined;
  }
  return e.plan;
}

function readMapPref(wide: boolean): boolean {
  try {
    const v = window.localStorage.getItem(MAP_STORAGE_KEY);
    if (v === '1') return true;
    if (v === '0') return false;
  } catch {
    // storage unavailable
  }
  return wide;
}

/**
 * 调度台: the queue of ready and breached orders, a timeline per technician, the map; drag an order onto a
 * technician to assign, drag a block to move it. Live through server-sent events (polling every 30 s while the
 * stream is down).
 */
export function DispatchBoardPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const can = useCan();
  const canAssign = can('dispatch.assign');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const wide = useMediaQuery('(min-width: 1800px)');
  const desktop = useMediaQuery('(min-width: 992px)');
  const [params, setParams] = useSearchParams();

  // ---- filters (in the URL, so a reload or a shared link keeps them) ----
  const today = todayIn(DISPLAY_TIME_ZONE, now);
  const rawDate = params.get('date');
  const date = rawDate && DATE_PATTERN.test(rawDate) ? rawDate : today;
  const branches = useBranches({ enabled: me.companyWide });
  const branchParam = params.get('branch') ?? undefined;
  const branchId = me.companyWide ? (branchParam ?? branches.data?.items[0]?.id) : undefined;
  const skill = params.get('skill') ?? undefined;
  const district = params.get('district') ?? undefined;
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const query = useMemo<DispatchBoardQuery>(
    () => ({
      date,
      ...(branchId ? { branchId } : {}),
      ...(skill ? { skill: skill as DispatchBoardQuery['skill'] } : {}),
      ...(district ? { district } : {}),
    }),
    [date, branchId, skill, district],
  );

  // ---- route plan (智能排班): the plan being looked at lives in the URL (?plan=<id>) ----
  const planId = params.get('plan') ?? undefined;
  const planQuery = useRoutePlan(planId);
  const plan = planQuery.data;
  const [planView, setPlanView] = useState<'current' | 'proposed'>('proposed');
  const [planForm, setPlanForm] = useState<{ initial: PlanSettings | undefined }>();
  /** A plan of this day someone else started (seen on the stream), offered when none is open here. */
  const [seenPlan, setSeenPlan] = useState<{ id: string; date: string; status: RoutePlan['status'] }>();
  const planStatus = plan?.status;
  useEffect(() => {
    if (planStatus === 'ready') setPlanView('proposed');
    if (planStatus === 'applied') setPlanView('current');
  }, [planStatus]);

  const onStreamEvent = useCallback(
    (data: unknown) => {
      const ev = planEventOf(data);
      if (!ev) return;
      const key = dispatchKeys.plan(ev.id);
      const cached = queryClient.getQueryData<RoutePlan>(key);
      if (cached) {
        // Progress arrives twice a second: patch it in; a change of status refetches the plan (the proposal).
        if (cached.status === ev.status) queryClient.setQueryData<RoutePlan>(key, { ...cached, progress: ev.progress });
        else void queryClient.invalidateQueries({ queryKey: key });
      } else {
        setSeenPlan((prev) =>
          ev.status === 'running' || ev.status === 'ready'
            ? { id: ev.id, date: ev.date, status: ev.status }
            : prev?.id === ev.id
              ? undefined
              : prev,
        );
      }
    },
    [queryClient],
  );

  // ---- live updates ----
  const streamUrl =
    me.companyWide && !branchId ? null : `/api/dispatch/stream${branchId ? `?branchId=${branchId}` : ''}`;
  const live = useLiveInvalidation(streamUrl, [dispatchKeys.boards(), dispatchKeys.recommendations()], {
    onEvent: onStreamEvent,
    // A plan's progress changes nothing on the board; an applied plan does.
    invalidates: (data) => {
      const ev = planEventOf(data);
      return !ev || ev.status === 'applied';
    },
  });
  const boardQuery = useDispatchBoard(query, { refetchInterval: live.connected ? false : FALLBACK_POLL_MS });
  const board = boardQuery.data;
  const timeZone = board?.timeZone ?? DISPLAY_TIME_ZONE;
  const axis = useMemo(() => (board ? timeAxis(board) : undefined), [board]);

  // ---- map ----
  const [showMap, setShowMap] = useState(() => readMapPref(wide));
  const toggleMap = (on: boolean) => {
    setShowMap(on);
    try {
      window.localStorage.setItem(MAP_STORAGE_KEY, on ? '1' : '0');
    } catch {
      // ignore
    }
  };

  // ---- drag and drop ----
  const [drag, setDrag] = useState<BoardDrag>();
  const dragOrderId = drag?.kind === 'order' ? drag.workOrderId : undefined;
  const dragRec = useRecommendation(dragOrderId, date);
  const eligibility = useMemo(() => {
    if (!dragOrderId || !dragRec.data || dragRec.data.workOrderId !== dragOrderId) return undefined;
    const m = new Map<string, RowEligibility>();
    for (const c of dragRec.data.candidates)
      m.set(c.technician.id, { eligible: true, reasons: c.reasons, candidate: c });
    for (const x of dragRec.data.ineligible) m.set(x.technician.id, { eligible: false, reasons: x.reasons });
    return m;
  }, [dragOrderId, dragRec.data]);
  useEffect(() => {
    if (dragOrderId && dragRec.isError)
      void message.warning(t('board.recommendFailed', { message: errorMessage(dragRec.error) }));
  }, [dragOrderId, dragRec.isError, dragRec.error, message, t]);
  const endDrag = useCallback(() => setDrag(undefined), []);

  // ---- dialogs ----
  const [drawerOrder, setDrawerOrder] = useState<BoardQueueItem>();
  const [assignTarget, setAssignTarget] = useState<AssignTarget>();
  const [moveTarget, setMoveTarget] = useState<MoveTarget>();
  const [unassignTarget, setUnassignTarget] = useState<{ appointment: BoardAppointment; name: string }>();
  const [insertOrder, setInsertOrder] = useState<BoardQueueItem>();

  const queueItem = (workOrderId: string) => board?.queue.find((q) => q.workOrderId === workOrderId);

  const openAssign = (item: BoardQueueItem, rec: Recommendation, candidate: Candidate, startMs: number) => {
    const top = rec.candidates.find((c) => c.rank === 1);
    setAssignTarget({
      workOrderId: item.workOrderId,
      number: item.workOrderNumber,
      version: Math.max(item.workOrderVersion, rec.workOrderVersion),
      technician: candidate.technician,
      startMs,
      durationMinutes: rec.durationMinutes,
      candidate,
      top: top && top.technician.id !== candidate.technician.id ? top : undefined,
    });
  };

  const onDropOrder = async (technicianId: string, startMs: number) => {
    const current = drag;
    setDrag(undefined);
    if (current?.kind !== 'order') return;
    const item = queueItem(current.workOrderId);
    if (!item) return;
    let rec: Recommendation;
    try {
      rec = await fetchRecommendation(queryClient, item.workOrderId, date);
    } catch (e) {
      void message.error(errorMessage(e));
      return;
    }
    const candidate = rec.candidates.find((c) => c.technician.id === technicianId);
    if (!candidate) {
      const bad = rec.ineligible.find((x) => x.technician.id === technicianId);
      const name = bad?.technician.name ?? board?.technicians.find((x) => x.id === technicianId)?.name ?? '';
      void message.warning(
        t('board.cannotAssign', {
          name,
          reasons: bad?.reasons.map((r) => r.text).join('；') || t('board.notRecommended'),
        }),
      );
      return;
    }
    // A drop in the past means "as soon as possible": the technician's earliest feasible window.
    openAssign(item, rec, candidate, startMs < Date.now() ? new Date(candidate.window.start).getTime() : startMs);
  };

  const onDropAppointment = (technicianId: string, startMs: number) => {
    const current = drag;
    setDrag(undefined);
    if (current?.kind !== 'appointment') return;
    if (technicianId === current.technicianId && startMs === new Date(current.appointment.window.start).getTime()) {
      return;
    }
    setMoveTarget({
      appointment: current.appointment,
      fromTechnicianId: current.technicianId,
      toTechnicianId: technicianId,
      startMs,
    });
  };

  const onPickCandidate = (candidate: Candidate, rec: Recommendation) => {
    const item = drawerOrder;
    setDrawerOrder(undefined);
    if (item) openAssign(item, rec, candidate, new Date(candidate.window.start).getTime());
  };

  const isToday = date === todayIn(timeZone, now);
  const planRunning = plan?.status === 'running';
  const preview =
    plan?.status === 'ready' && plan.proposal && board && plan.date === board.date && plan.branchId === board.branchId
      ? plan.proposal
      : undefined;
  const showPreview = Boolean(preview) && planView === 'proposed';
  const offerSeenPlan = !planId && seenPlan && seenPlan.date === date ? seenPlan : undefined;

  // ---- toolbar ----
  const toolbar = (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 8 } }}>
      <Flex wrap gap={8} align="center" data-testid="board-toolbar">
        <Flex gap={4} align="center">
          <Button
            icon={<LeftOutlined />}
            aria-label={t('board.prevDay')}
            onClick={() => setParam('date', addDays(date, -1))}
            data-testid="board-prev-day"
          />
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(d) => d && setParam('date', d.format('YYYY-MM-DD'))}
            data-testid="board-date"
            style={{ width: 140 }}
          />
          <Button
            icon={<RightOutlined />}
            aria-label={t('board.nextDay')}
            onClick={() => setParam('date', addDays(date, 1))}
            data-testid="board-next-day"
          />
          {date !== today ? (
            <Button onClick={() => setParam('date', undefined)} data-testid="board-today">
              {t('board.today')}
            </Button>
          ) : null}
        </Flex>
        {me.companyWide ? (
          <Select
            style={{ width: 180 }}
            value={branchId}
            loading={branches.isLoading}
            onChange={(v) => setParam('branch', v)}
            options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            placeholder={t('board.branch')}
            data-testid="board-branch"
          />
        ) : me.branch ? (
          <Tag style={{ marginInlineEnd: 0, paddingBlock: 4 }} data-testid="board-branch">
            {me.branch.name}
          </Tag>
        ) : null}
        <Select
          allowClear
          style={{ width: 150 }}
          value={skill}
          onChange={(v) => setParam('skill', v)}
          placeholder={t('board.filterSkill')}
          options={skillOptions(lang)}
          data-testid="board-filter-skill"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          value={district}
          onChange={(v) => setParam('district', v)}
          placeholder={t('board.filterDistrict')}
          options={GUANGZHOU_DISTRICTS.map((d) => ({ value: d, label: d }))}
          data-testid="board-filter-district"
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void queryClient.invalidateQueries({ queryKey: dispatchKeys.all })}
          loading={boardQuery.isFetching}
          data-testid="board-refresh"
        >
          {t('common.reload')}
        </Button>
        <Flex align="center" gap={6}>
          <Switch size="small" checked={showMap} onChange={toggleMap} data-testid="board-map-toggle" />
          <span>
            <EnvironmentOutlined /> {t('board.map.title')}
          </span>
        </Flex>
        {canAssign ? (
          <Tooltip title={t('plan.buttonTip')}>
            <Button
              icon={<ThunderboltOutlined />}
              onClick={() => setPlanForm({ initial: undefined })}
              disabled={planRunning || (me.companyWide && !branchId)}
              data-testid="plan-day"
              style={{ borderColor: '#b37feb', color: '#722ed1' }}
            >
              {t('plan.button')}
            </Button>
          </Tooltip>
        ) : null}
        <Flex flex={1} justify="flex-end" gap={12} align="center">
          <Tooltip
            title={
              live.connected
                ? t('board.liveTip', {
                    at: board ? formatHm(board.generatedAt, timeZone) : '—',
                  })
                : t('board.pollingTip', { seconds: FALLBACK_POLL_MS / 1000 })
            }
          >
            <span data-testid="board-live" data-connected={live.connected ? 'true' : 'false'}>
              <Badge
                status={live.connected ? 'processing' : 'default'}
                text={live.connected ? t('board.live') : t('board.polling')}
              />
            </span>
          </Tooltip>
          {can('alerts.read') ? (
            <Link to="/dispatch/review" data-testid="board-alerts" data-count={board?.openAlerts ?? 0}>
              <Badge count={board?.openAlerts ?? 0} size="small">
                <Button icon={<BellOutlined />}>{t('board.alerts')}</Button>
              </Badge>
            </Link>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );

  const mapCard = board ? (
    <Card
      size="small"
      title={t('board.map.title')}
      style={{ width: desktop && wide ? 420 : '100%', flex: 'none' }}
      styles={{ body: { padding: 8 } }}
    >
      <BoardMap
        board={board}
        highlightId={dragOrderId ?? drawerOrder?.workOrderId}
        onOpenQueueItem={setDrawerOrder}
        onOpenOrder={(id) => navigate(`/work-orders/${id}`)}
      />
    </Card>
  ) : null;

  const mainHeight = desktop ? 'calc(100vh - 64px - 48px - 56px - 64px)' : undefined;

  return (
    <div data-testid="dispatch-board">
      <PageHeader title={t('board.title')} />
      {toolbar}
      {planId ? (
        <PlanPanel
          key={planId}
          plan={plan}
          loadError={planQuery.isError ? planQuery.error : undefined}
          boardDate={date}
          timeZone={timeZone}
          canAssign={canAssign}
          onClose={() => setParam('plan', undefined)}
          onAgain={(settings) => setPlanForm({ initial: settings })}
          onGoToDate={(d) => setParam('date', d)}
          onApplied={() => setPlanView('current')}
        />
      ) : offerSeenPlan ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('plan.someone', { status: t(`plan.status.${offerSeenPlan.status}`) })}
          data-testid="plan-seen"
          action={
            <Button size="small" onClick={() => setParam('plan', offerSeenPlan.id)} data-testid="plan-seen-open">
              {t('plan.view')}
            </Button>
          }
        />
      ) : null}
      {boardQuery.isError && !board ? (
        <QueryErrorResult error={boardQuery.error} onRetry={() => void boardQuery.refetch()} />
      ) : !board || !axis ? (
        <Skeleton active />
      ) : (
        <Flex
          gap={12}
          vertical={!desktop}
          align="stretch"
          style={{ height: mainHeight, minHeight: desktop ? 460 : undefined }}
        >
          <Flex vertical gap={12} style={{ width: desktop ? 300 : '100%', flex: 'none', minHeight: 0 }}>
            <Card
              size="small"
              title={
                <Flex gap={8} align="center">
                  {t('board.queue')}
                  <Badge
                    count={board.queue.length}
                    color={board.queue.some((q) => q.breached) ? 'red' : 'gold'}
                    showZero
                  />
                </Flex>
              }
              style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
              styles={{ body: { overflow: 'auto', flex: 1, padding: 8, maxHeight: desktop ? undefined : 360 } }}
            >
              {canAssign ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                  {t('board.queueHint')}
                </Typography.Paragraph>
              ) : null}
              <BoardQueue
                items={board.queue}
                date={board.date}
                timeZone={timeZone}
                now={now}
                canAssign={canAssign}
                draggingId={dragOrderId}
                selectedId={drawerOrder?.workOrderId}
                onDragStart={(item) => {
                  setDrag({
                    kind: 'order',
                    workOrderId: item.workOrderId,
                    number: item.workOrderNumber,
                    durationMinutes: item.durationMinutes,
                  });
                  void fetchRecommendation(queryClient, item.workOrderId, date).catch(() => undefined);
                }}
                onDragEnd={endDrag}
                onOpen={setDrawerOrder}
                onInsertNow={setInsertOrder}
              />
            </Card>
            {showMap && desktop && !wide ? mapCard : null}
          </Flex>
          <Card
            size="small"
            style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
            styles={{ body: { overflow: 'auto', flex: 1, padding: 0 } }}
            title={
              <Flex gap={12} align="center" wrap>
                <span>{t('board.timeline', { date: board.date })}</span>
                {preview ? (
                  <Segmented<'current' | 'proposed'>
                    size="small"
                    value={planView}
                    onChange={setPlanView}
                    data-testid="plan-view"
                    options={[
                      { value: 'current', label: <span data-testid="plan-view-current">{t('plan.viewCurrent')}</span> },
                      {
                        value: 'proposed',
                        label: <span data-testid="plan-view-proposed">{t('plan.viewProposed')}</span>,
                      },
                    ]}
                  />
                ) : null}
                {drag?.kind === 'order' && !showPreview ? (
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12, fontWeight: 'normal' }}
                    data-testid="board-drag-hint"
                  >
                    {dragRec.isFetching && !eligibility
                      ? t('board.checking')
                      : t('board.dropHint', { number: drag.number })}
                  </Typography.Text>
                ) : null}
              </Flex>
            }
            extra={
              showPreview ? (
                <PlanLegend />
              ) : wide ? (
                <BlockLegend />
              ) : (
                <Popover content={<BlockLegend />} trigger={['hover', 'click']} placement="bottomRight">
                  <Button size="small" type="text" icon={<InfoCircleOutlined />} data-testid="board-legend">
                    {t('board.legend')}
                  </Button>
                </Popover>
              )
            }
          >
            {showPreview && preview ? (
              <>
                <Alert
                  type="info"
                  banner
                  showIcon={false}
                  title={t('plan.previewHint')}
                  data-testid="plan-preview-hint"
                />
                <PlanTimeline board={board} proposal={preview} />
              </>
            ) : (
              <BoardTimeline
                board={board}
                axis={axis}
                now={now}
                isToday={isToday}
                canAssign={canAssign}
                drag={drag}
                eligibility={eligibility}
                eligibilityLoading={dragRec.isFetching}
                onDragAppointmentStart={(d) => {
                  setDrag(d);
                  if (d.kind === 'appointment') {
                    void fetchRecommendation(queryClient, d.appointment.workOrderId, date).catch(() => undefined);
                  }
                }}
                onDragEnd={endDrag}
                onDropOrder={(id, s) => void onDropOrder(id, s)}
                onDropAppointment={onDropAppointment}
                onOpenOrder={(id) => navigate(`/work-orders/${id}`)}
                onMove={(a, techId) =>
                  setMoveTarget({
                    appointment: a,
                    fromTechnicianId: techId,
                    toTechnicianId: techId,
                    startMs: new Date(a.window.start).getTime(),
                  })
                }
                onUnassign={(a, techId) =>
                  setUnassignTarget({
                    appointment: a,
                    name: board.technicians.find((x) => x.id === techId)?.name ?? '',
                  })
                }
              />
            )}
          </Card>
          {showMap && (wide || !desktop) ? mapCard : null}
        </Flex>
      )}
      <RecommendationDrawer
        order={drawerOrder}
        date={date}
        timeZone={timeZone}
        canAssign={canAssign}
        onClose={() => setDrawerOrder(undefined)}
        onPick={onPickCandidate}
        onInsertNow={(order) => {
          setDrawerOrder(undefined);
          setInsertOrder(order);
        }}
      />
      <InsertNowModal order={insertOrder} timeZone={timeZone} onClose={() => setInsertOrder(undefined)} />
      <PlanDayModal
        open={Boolean(planForm)}
        date={date}
        branchId={branchId}
        initial={planForm?.initial}
        onClose={() => setPlanForm(undefined)}
        onStarted={(p) => {
          setSeenPlan(undefined);
          setPlanView('proposed');
          setParam('plan', p.id);
          void message.info(t('plan.started'));
        }}
      />
      <AssignConfirmModal
        target={assignTarget}
        date={date}
        timeZone={timeZone}
        onClose={() => setAssignTarget(undefined)}
      />
      <ReassignModal
        target={moveTarget}
        technicians={board?.technicians ?? []}
        date={date}
        timeZone={timeZone}
        onClose={() => setMoveTarget(undefined)}
      />
      <UnassignModal
        appointment={unassignTarget?.appointment}
        technicianName={unassignTarget?.name ?? ''}
        onClose={() => setUnassignTarget(undefined)}
      />
    </div>
  );
}

function BlockLegend() {
  const { t } = useI18n();
  const item = (bg: string, border: string, label: string, outline?: string) => (
    <Flex align="center" gap={4} key={label}>
      <span
        style={{
          display: 'inline-block',
          width: 14,
          height: 10,
          background: bg,
          border: `1px solid ${border}`,
          outline: outline ? `2px solid ${outline}` : undefined,
          borderRadius: 2,
        }}
      />
      <span>{label}</span>
    </Flex>
  );
  return (
    <Flex gap={10} wrap style={{ fontSize: 12, fontWeight: 'normal' }}>
      {item(BLOCK_COLORS.assigned.bg, BLOCK_COLORS.assigned.border, t('board.legend.assigned'))}
      {item(BLOCK_COLORS.accepted.bg, BLOCK_COLORS.accepted.border, t('board.legend.accepted'))}
      {item(BLOCK_COLORS.working.bg, BLOCK_COLORS.working.border, t('board.legend.working'))}
      {item(BLOCK_COLORS.done.bg, BLOCK_COLORS.done.border, t('board.legend.done'))}
      {item('#fff', LATE_COLOR, t('board.legend.late'), LATE_COLOR)}
    </Flex>
  );
}
