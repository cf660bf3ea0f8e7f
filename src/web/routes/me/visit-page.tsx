import { ArrowLeftOutlined, ReloadOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { SKIPPABLE_STEPS, type VisitStep } from '@shared/domain/field';
import { QueryErrorResult } from '@web/components/status-results';
import { dateOf } from '@web/features/dispatch/time';
import { useMyDay } from '@web/features/field/api/use-my-day';
import { useVisit } from '@web/features/field/api/use-visit';
import { ConsentStep } from '@web/features/field/components/step-consent';
import {
  CompleteStep,
  HandoverStep,
  RepairStep,
  SignatureStep,
  SiteCleanedStep,
  TestsStep,
} from '@web/features/field/components/steps-finish';
import {
  AcceptStep,
  ArriveStep,
  ContactedStep,
  DepartStep,
  ShowIdStep,
  type StepProps,
} from '@web/features/field/components/steps-travel';
import { DiagnosisStep, QuoteStep, SafetyStep } from '@web/features/field/components/steps-work';
import { DelayForm, SkipDialog, WaitingPartsDialog } from '@web/features/field/components/visit-dialogs';
import { VisitEnd } from '@web/features/field/components/visit-end';
import { StepList, VisitHeader } from '@web/features/field/components/visit-header';
import { FieldSyncBar } from '@web/features/field/offline';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useDocumentTitle } from '@web/lib/use-document-title';
import { Button, Card, Flex, Skeleton, Typography } from 'antd';
import { type ComponentType, useState } from 'react';
import { Link, useParams } from 'react-router';

const FORMS: Partial<Record<VisitStep, ComponentType<StepProps>>> = {
  accept: AcceptStep,
  contacted: ContactedStep,
  depart: DepartStep,
  arrive: ArriveStep,
  show_id: ShowIdStep,
  safety: SafetyStep,
  diagnosis: DiagnosisStep,
  quote: QuoteStep,
  repair: RepairStep,
  tests: TestsStep,
  handover: HandoverStep,
  site_cleaned: SiteCleanedStep,
  signature: SignatureStep,
  complete: CompleteStep,
};

/** Steps from which the visit may end waiting for parts (first visit: after the diagnosis; follow-up: on site). */
const WAIT_FROM: readonly VisitStep[] = ['quote', 'consent', 'repair'];
const WAIT_FROM_FOLLOW_UP: readonly VisitStep[] = ['show_id', 'safety', 'repair'];

/**
 * 上门作业: one visit step by step on the phone — the header, every step's state, and the current step as one
 * focused card with a big button. A delay past the deadline is asked for first; waiting for parts ends the visit.
 */
export function VisitPage() {
  const { visitId = '' } = useParams();
  const { t } = useI18n();
  const q = useVisit(visitId);
  const visit = q.data?.visit;
  const date = visit?.window ? dateOf(visit.window.start, DISPLAY_TIME_ZONE) : '';
  const day = useMyDay(date, { enabled: Boolean(date) });
  const job = day.data?.items.find((j) => j.visit.id === visitId);
  const [skip, setSkip] = useState<VisitStep>();
  const [waiting, setWaiting] = useState(false);
  /** Redo the plan before the customer agreed (from the consent card). */
  const [redo, setRedo] = useState<'quote'>();
  useDocumentTitle(visit ? `${visit.workOrderNumber} · ${t('field.visit.title')}` : t('field.visit.title'));

  if (q.isError && !visit) return <QueryErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!visit) return <Skeleton active />;

  const next = visit.next;
  const current: VisitStep | null = redo && next === 'consent' ? redo : next;
  const Form = current ? FORMS[current] : undefined;
  const waitSteps = visit.kind === 'follow_up' ? WAIT_FROM_FOLLOW_UP : WAIT_FROM;

  return (
    <div
      style={{ maxWidth: 560, margin: '0 auto', paddingBottom: 24 }}
      data-testid="visit-page"
      data-visit-id={visit.id}
    >
      <FieldSyncBar />
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Link to="/me/jobs" data-testid="visit-back">
          <Button icon={<ArrowLeftOutlined />} style={{ height: 44 }}>
            {t('field.today.title')}
          </Button>
        </Link>
        <Button
          icon={<ReloadOutlined />}
          aria-label={t('common.reload')}
          style={{ width: 44, height: 44 }}
          loading={q.isFetching}
          onClick={() => void q.refetch()}
          data-testid="visit-refresh"
        />
      </Flex>
      <VisitHeader visit={visit} />
      <StepList visit={visit} />
      {visit.status !== 'open' ? (
        <VisitEnd visit={visit} />
      ) : visit.delayRequired ? (
        <Card data-testid="visit-current" data-step="delay" styles={{ body: { padding: 14 } }}>
          <DelayForm visit={visit} />
        </Card>
      ) : current ? (
        <Card
          data-testid="visit-current"
          data-step={current}
          title={<span style={{ fontSize: 18 }}>{t(`field.step.${current}`)}</span>}
          styles={{ body: { padding: 14 } }}
          extra={
            redo ? (
              <Button onClick={() => setRedo(undefined)} data-testid="visit-redo-cancel">
                {t('common.cancel')}
              </Button>
            ) : null
          }
        >
          {current === 'consent' ? (
            <ConsentStep
              visit={visit}
              job={job}
              onEditQuote={() => setRedo('quote')}
              onRefresh={() => void q.refetch()}
              refreshing={q.isFetching}
            />
          ) : current === 'quote' ? (
            <QuoteStep
              key={`quote-${visit.quote?.version ?? 0}`}
              visit={visit}
              job={job}
              onDone={() => setRedo(undefined)}
            />
          ) : Form ? (
            <Form key={`${current}-${visit.version}`} visit={visit} job={job} />
          ) : null}
          {SKIPPABLE_STEPS.includes(current) ? (
            <Button
              type="link"
              block
              style={{ height: 48, marginTop: 4 }}
              onClick={() => setSkip(current)}
              data-testid="step-skip"
            >
              {t('field.skip.open')}
            </Button>
          ) : null}
          {waitSteps.includes(current) ? (
            <Button
              block
              danger
              icon={<ShoppingCartOutlined />}
              style={{ height: 48, marginTop: 8 }}
              onClick={() => setWaiting(true)}
              data-testid="step-waiting-parts"
            >
              {t('field.wait.open')}
            </Button>
          ) : null}
        </Card>
      ) : (
        <Typography.Text>{t('field.closed')}</Typography.Text>
      )}
      <SkipDialog visit={visit} step={skip} onClose={() => setSkip(undefined)} />
      <WaitingPartsDialog visit={visit} open={waiting} onClose={() => setWaiting(false)} />
    </div>
  );
}
