import {
  CheckOutlined,
  CloseOutlined,
  PauseCircleOutlined,
  ReloadOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { RoutePlanProgress } from '@shared/contracts/dispatch.contract';
import type { PlanProposal, RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { PriorityTag } from '@web/features/work-orders/components/tags';
import { errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Progress,
  Row,
  Statistic,
  Tag,
  Typography,
  theme,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useApplyPlan } from '../api/apply-plan';
import { useDiscardPlan } from '../api/discard-plan';
import { useStopPlan } from '../api/stop-plan';
import { isStalePlan, staleOrderNumbers } from '../errors';
import { formatHm, formatWindow } from '../time';
import type { PlanSettings } from './plan-day-modal';
import { MoveList } from './plan-moves';

/**
 * 智能排班 panel above the board: while the optimizer runs, its progress (time left, best so far) and Stop; once
 * ready, the summary of the proposal (travel saved, windows kept, customers whose time changes, jobs left out with
 * the reason) with Apply and Discard; then what became of it (applied, stale, failed, discarded).
 */
export function PlanPanel({
  plan,
  loadError,
  boardDate,
  timeZone,
  canAssign,
  onClose,
  onAgain,
  onGoToDate,
  onApplied,
}: {
  plan: RoutePlan | undefined;
  loadError: unknown;
  boardDate: string;
  timeZone: string;
  canAssign: boolean;
  onClose: () => void;
  onAgain: (settings: PlanSettings) => void;
  onGoToDate: (date: string) => void;
  onApplied: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const stop = useStopPlan();
  const apply = useApplyPlan();
  const discard = useDiscardPlan();
  /** Apply answered 409: the orders that changed since planning (from the error's details). */
  const [staleChanges, setStaleChanges] = useState<string[]>();
  const [applyError, setApplyError] = useState<string>();
  // One key per proposal shown: a double click or a retry after a lost reply applies once.
  const planKey = plan ? `${plan.id}:${plan.version}` : '';
  const applyKey = useMemo(() => (planKey ? randomUuid() : ''), [planKey]);

  if (!plan) {
    if (!loadError) return null;
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('plan.notFound')}
        description={errorMessage(loadError)}
        data-testid="plan-missing"
        action={
          <Button size="small" onClick={onClose} data-testid="plan-close">
            {t('plan.close')}
          </Button>
        }
      />
    );
  }

  const settings: PlanSettings = { timeLimitSeconds: plan.timeLimitSeconds, objective: plan.objective };
  const objectiveLabel =
    plan.objective === 'minTechnicians' ? t('plan.objective.minTechnicians') : t('plan.objective.balance');
  const again = canAssign ? (
    <Button
      size="small"
      type="primary"
      icon={<ReloadOutlined />}
      onClick={() => onAgain(settings)}
      data-testid="plan-again"
    >
      {t('plan.again')}
    </Button>
  ) : null;
  const close = (
    <Button size="small" onClick={onClose} data-testid="plan-close">
      {t('plan.close')}
    </Button>
  );

  const onDiscard = () =>
    discard.mutate(plan.id, {
      onSuccess: () => {
        void message.info(t('plan.discarded'));
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });

  const onApply = () => {
    setApplyError(undefined);
    apply.mutate(
      { planId: plan.id, body: { version: plan.version }, idempotencyKey: applyKey },
      {
        onSuccess: (applied) => {
          const c = applied.proposal?.comparison;
          void message.success(
            t('plan.applied', { count: c?.newAssignments ?? 0, moved: applied.proposal?.moves.length ?? 0 }),
          );
          onApplied();
        },
        onError: (e) => {
          if (isStalePlan(e)) setStaleChanges(staleOrderNumbers(e));
          else setApplyError(errorMessage(e));
        },
      },
    );
  };

  const otherDate =
    plan.date !== boardDate ? (
      <Flex gap={6} align="center">
        <Typography.Text type="warning">{t('plan.otherDate', { date: plan.date })}</Typography.Text>
        <Button size="small" onClick={() => onGoToDate(plan.date)} data-testid="plan-go-to-date">
          {t('plan.goToDate', { date: plan.date })}
        </Button>
      </Flex>
    ) : null;

  const title = (
    <Flex gap={8} align="center" wrap>
      <ThunderboltOutlined style={{ color: '#722ed1' }} />
      <span>{t('plan.panelTitle', { date: plan.date })}</span>
      <Tag
        color={
          plan.status === 'running'
            ? 'processing'
            : plan.status === 'ready'
              ? 'purple'
              : plan.status === 'applied'
                ? 'success'
                : plan.status === 'failed'
                  ? 'error'
                  : 'warning'
        }
        style={{ marginInlineEnd: 0 }}
        data-testid="plan-status"
        data-status={plan.status}
      >
        {t(`plan.status.${plan.status}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
        {t('plan.settings', { seconds: plan.timeLimitSeconds, objective: objectiveLabel })}
        {plan.createdByName ? ` · ${t('plan.by', { name: plan.createdByName })}` : ''}
      </Typography.Text>
      {otherDate}
    </Flex>
  );

  // ---- the outcomes that only need a line ----
  if (plan.status === 'stale' || (plan.status === 'ready' && staleChanges)) {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={title}
        description={
          <>
            <div>{t('plan.stale')}</div>
            {staleChanges?.length ? (
              <div data-testid="plan-stale-orders">
                {t('plan.staleOrders', { numbers: staleChanges.join(lang === 'zh-CN' ? '、' : ', ') })}
              </div>
            ) : null}
          </>
        }
        data-testid="plan-stale"
        action={
          <Flex vertical gap={6}>
            {again}
            {close}
          </Flex>
        }
      />
    );
  }
  if (plan.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title={title}
        description={t('plan.failed', { error: plan.error ?? '' })}
        data-testid="plan-failed"
        action={
          <Flex vertical gap={6}>
            {again}
            {close}
          </Flex>
        }
      />
    );
  }
  if (plan.status === 'applied') {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        title={title}
        description={t('plan.appliedBanner', { at: plan.appliedAt ? formatHm(plan.appliedAt, timeZone) : '—' })}
        data-testid="plan-applied"
        action={close}
      />
    );
  }
  if (plan.status === 'discarded') {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={title}
        description={t('plan.discardedBanner')}
        data-testid="plan-discarded"
        action={close}
      />
    );
  }

  if (plan.status === 'running') {
    return (
      <Card
        size="small"
        title={title}
        style={{ marginBottom: 12, borderColor: '#d3adf7' }}
        data-testid="plan-progress"
        data-status="running"
        extra={
          canAssign ? (
            <Flex gap={8}>
              <Button
                icon={<PauseCircleOutlined />}
                onClick={() => stop.mutate(plan.id, { onError: (e) => void message.error(errorMessage(e)) })}
                loading={stop.isPending}
                disabled={plan.progress?.stopRequested}
                data-testid="plan-stop"
              >
                {plan.progress?.stopRequested ? t('plan.stopping') : t('plan.stop')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                onClick={onDiscard}
                loading={discard.isPending}
                data-testid="plan-discard"
              >
                {t('plan.cancel')}
              </Button>
            </Flex>
          ) : null
        }
      >
        <ProgressBody progress={plan.progress} timeLimitSeconds={plan.timeLimitSeconds} />
      </Card>
    );
  }

  // ---- ready: the proposal ----
  const proposal = plan.proposal;
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12, borderColor: '#b37feb' }}
      data-testid="plan-summary"
      data-status={plan.status}
      extra={
        canAssign ? (
          <Flex gap={8}>
            <Popconfirm
              title={t('plan.applyConfirmTitle')}
              description={
                proposal
                  ? t('plan.applyConfirm', {
                      count: proposal.comparison.newAssignments,
                      moved: proposal.moves.length,
                      sms: proposal.comparison.customersWithTimeChange,
                    })
                  : undefined
              }
              okText={t('plan.apply')}
              cancelText={t('common.cancel')}
              okButtonProps={tid('plan-apply-confirm')}
              onConfirm={onApply}
            >
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={apply.isPending}
                disabled={!proposal || discard.isPending}
                data-testid="plan-apply"
              >
                {t('plan.apply')}
              </Button>
            </Popconfirm>
            <Button
              icon={<CloseOutlined />}
              onClick={onDiscard}
              loading={discard.isPending}
              disabled={apply.isPending}
              data-testid="plan-discard"
            >
              {t('plan.discard')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {applyError ? (
        <Alert type="error" showIcon title={applyError} style={{ marginBottom: 8 }} data-testid="plan-apply-error" />
      ) : null}
      {proposal ? <ProposalSummary proposal={proposal} date={plan.date} timeZone={timeZone} /> : null}
    </Card>
  );
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

function ProgressBody({
  progress,
  timeLimitSeconds,
}: {
  progress: RoutePlanProgress | null;
  timeLimitSeconds: number;
}) {
  const { t } = useI18n();
  if (!progress) {
    return (
      <Flex gap={12} align="center">
        <Progress percent={0} status="active" style={{ flex: 1, margin: 0 }} showInfo={false} />
        <Typography.Text type="secondary" data-testid="plan-time-left" data-remaining-ms={timeLimitSeconds * 1000}>
          {t('plan.waiting')}
        </Typography.Text>
      </Flex>
    );
  }
  const limitMs = Math.max(1, progress.timeLimitMs);
  const percent = Math.min(100, Math.round((progress.elapsedMs / limitMs) * 100));
  const placed = progress.assigned;
  const total = progress.assigned + progress.unassigned;
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} align="center" wrap>
        <Progress
          percent={percent}
          status="active"
          strokeColor={{ from: '#b37feb', to: '#722ed1' }}
          style={{ flex: 1, minWidth: 200, margin: 0 }}
          showInfo={false}
        />
        <Typography.Text strong data-testid="plan-time-left" data-remaining-ms={progress.remainingMs}>
          {t('plan.timeLeft', { seconds: seconds(progress.remainingMs) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('plan.elapsed', {
            elapsed: Math.floor(progress.elapsedMs / 1000),
            limit: seconds(progress.timeLimitMs),
          })}
        </Typography.Text>
      </Flex>
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="plan-phase" data-phase={progress.phase}>
          {t(`plan.phase.${progress.phase}`)}
          {progress.iterations > 0 ? ` · ${t('plan.iterations', { count: progress.iterations })}` : ''}
        </Typography.Text>
      </Flex>
      <Row gutter={[16, 8]} data-testid="plan-best">
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.best.assigned')}
            value={placed}
            suffix={total > 0 ? `/ ${total}` : undefined}
            data-testid="plan-best-assigned"
            data-value={placed}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.best.unassigned')}
            value={progress.unassigned}
            styles={progress.unassigned > 0 ? { content: { color: '#d46b08' } } : undefined}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('plan.best.technicians')} value={progress.technicians} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.best.travel')}
            value={progress.travelMinutes}
            suffix={t('plan.minutes', { minutes: '' }).trim()}
            data-testid="plan-best-travel"
            data-value={progress.travelMinutes}
          />
        </Col>
      </Row>
    </Flex>
  );
}

function Figure({
  testId,
  title,
  value,
  note,
  tone,
  dataValue,
}: {
  testId: string;
  title: string;
  value: ReactNode;
  note?: ReactNode;
  tone?: 'good' | 'warn';
  dataValue: number | string;
}) {
  const { token } = theme.useToken();
  return (
    <div data-testid={testId} data-value={dataValue} style={{ minWidth: 120 }}>
      <div style={{ fontSize: 12, color: token.colorTextSecondary }}>{title}</div>
      <div
        style={{
          fontSize: 20,
          fontWeight: 600,
          lineHeight: '28px',
          color: tone === 'good' ? '#389e0d' : tone === 'warn' ? '#d46b08' : token.colorText,
        }}
      >
        {value}
      </div>
      {note ? <div style={{ fontSize: 12, color: token.colorTextSecondary }}>{note}</div> : null}
    </div>
  );
}

function ProposalSummary({ proposal, date, timeZone }: { proposal: PlanProposal; date: string; timeZone: string }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const c = proposal.comparison;
  const saved = c.travelSavedMinutes;
  const percent = c.current.travelMinutes > 0 ? Math.round((saved / c.current.travelMinutes) * 100) : 0;
  const listBox = {
    maxHeight: 168,
    overflow: 'auto',
    padding: 8,
    background: token.colorFillQuaternary,
    borderRadius: 6,
  } as const;

  return (
    <Flex vertical gap={12}>
      <Flex gap={28} wrap>
        {saved >= 0 ? (
          <Figure
            testId="plan-travel-saved"
            dataValue={saved}
            title={t('plan.travelSaved')}
            tone={saved > 0 ? 'good' : undefined}
            value={t('plan.travelSavedValue', { minutes: saved, percent })}
            note={t('plan.travelFromTo', { from: c.current.travelMinutes, to: c.proposed.travelMinutes })}
          />
        ) : (
          <Figure
            testId="plan-travel-saved"
            dataValue={saved}
            title={t('plan.travelMore')}
            tone="warn"
            value={t('plan.minutes', { minutes: -saved })}
            note={t('plan.travelMoreHint', { count: c.newAssignments })}
          />
        )}
        <Figure
          testId="plan-windows-kept"
          dataValue={c.proposed.windowsKept}
          title={t('plan.windowsKept')}
          value={c.proposed.windowsTotal > 0 ? `${c.proposed.windowsKept}/${c.proposed.windowsTotal}` : '—'}
          note={
            c.proposed.windowsTotal > 0
              ? t('plan.windowsKeptBefore', { kept: c.current.windowsKept, total: c.current.windowsTotal })
              : t('plan.windowsNone')
          }
        />
        <Figure
          testId="plan-new-assignments"
          dataValue={c.newAssignments}
          title={t('plan.newAssignments')}
          tone={c.newAssignments > 0 ? 'good' : undefined}
          value={t('plan.jobs', { count: c.newAssignments })}
        />
        <Figure
          testId="plan-time-changes"
          dataValue={c.customersWithTimeChange}
          title={t('plan.timeChanges')}
          value={c.customersWithTimeChange}
          note={c.customersWithTimeChange > 0 ? t('plan.timeChangesHint') : undefined}
        />
        <Figure
          testId="plan-technician-changes"
          dataValue={c.technicianChanges}
          title={t('plan.technicianChanges')}
          value={c.technicianChanges}
        />
        <Figure
          testId="plan-unassigned-count"
          dataValue={c.proposed.unassigned}
          title={t('plan.unassigned')}
          tone={c.proposed.unassigned > 0 ? 'warn' : undefined}
          value={t('plan.jobs', { count: c.proposed.unassigned })}
        />
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {t('plan.unassignedTitle', { count: proposal.unassigned.length })}
          </Typography.Text>
          <div style={{ ...listBox, marginTop: 4 }} data-testid="plan-unassigned">
            {proposal.unassigned.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plan.unassignedNone')}
              </Typography.Text>
            ) : (
              <Flex vertical gap={6}>
                {proposal.unassigned.map((u) => (
                  <div
                    key={u.workOrderId}
                    data-testid="plan-unassigned-item"
                    data-number={u.workOrderNumber}
                    data-reason={u.reason.code}
                    style={{ borderInlineStart: '3px solid #faad14', paddingInlineStart: 8, fontSize: 12 }}
                  >
                    <Flex gap={6} align="center" wrap>
                      <Typography.Text strong style={{ fontSize: 12 }}>
                        {u.workOrderNumber}
                      </Typography.Text>
                      {u.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {u.district}
                        {u.preferredWindow
                          ? ` · ${t('board.preferred', { window: formatWindow(u.preferredWindow, timeZone, date) })}`
                          : ''}
                      </Typography.Text>
                    </Flex>
                    <div data-testid="plan-unassigned-reason">{u.reason.text}</div>
                  </div>
                ))}
              </Flex>
            )}
          </div>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {t('plan.movesTitle', { count: proposal.moves.length })}
          </Typography.Text>
          <div style={{ ...listBox, marginTop: 4 }} data-testid="plan-moves">
            {proposal.moves.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plan.movesNone')}
              </Typography.Text>
            ) : (
              <MoveList moves={proposal.moves} timeZone={timeZone} date={date} testId="plan-move" />
            )}
          </div>
        </Col>
      </Row>
    </Flex>
  );
}
