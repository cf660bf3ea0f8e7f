import { DeleteOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/contracts/field.contract';
import type { Part } from '@shared/contracts/parts.contract';
import type { VisitStep } from '@shared/domain/field';
import { formatHm } from '@web/features/dispatch/time';
import { useParts } from '@web/features/parts/api/list-parts';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { type MessageKey, useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, Button, Flex, Input, Modal, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useFieldAction } from '../api/use-field-action';
import { FieldError, GeneralErrors, StepErrorsProvider } from './field-errors';
import { BigButton, Chips } from './ui';

const TZ = DISPLAY_TIME_ZONE;

/** Quick reasons as tappable chips that fill the text (one thumb, no typing on a phone). */
function ReasonChips({ keys, onPick }: { keys: readonly MessageKey[]; onPick: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={8} style={{ marginBottom: 8 }}>
      {keys.map((k) => (
        <Tag.CheckableTag
          key={k}
          checked={false}
          onChange={() => onPick(t(k))}
          style={{ padding: '8px 12px', fontSize: 15, border: '1px solid #d9d9d9', marginInlineEnd: 0 }}
        >
          {t(k)}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

const SKIP_REASONS: Record<string, readonly MessageKey[]> = {
  contacted: ['field.skip.reason.unreachable', 'field.skip.reason.urgent'],
  show_id: ['field.skip.reason.notPresent', 'field.skip.reason.tenant'],
  handover: ['field.skip.reason.notPresent', 'field.skip.reason.knowsUnit'],
  site_cleaned: ['field.skip.reason.nothingToClean'],
  signature: ['field.skip.reason.notPresent', 'field.skip.reason.refused'],
};

/** Skipping a skippable step needs a reason (dispatch sees it). */
export function SkipDialog({
  visit,
  step,
  onClose,
}: {
  visit: Visit;
  step: VisitStep | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (step) setReason('');
  }, [step]);
  const { reset } = action;
  return (
    <Modal
      open={Boolean(step)}
      title={step ? t('field.skip.title', { step: t(`field.step.${step}`) }) : null}
      onCancel={() => {
        reset();
        onClose();
      }}
      okText={t('field.skip.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={action.isPending}
      okButtonProps={{ ...tid('skip-submit'), size: 'large', disabled: reason.trim().length < 4 }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => step && action.step(visit, { step: 'skip', target: step, reason: reason.trim() }, () => onClose())}
      destroyOnHidden
    >
      <StepErrorsProvider error={action.error} paths={['reason']}>
        <Typography.Paragraph type="secondary">{t('field.skip.hint')}</Typography.Paragraph>
        <ReasonChips keys={step ? (SKIP_REASONS[step] ?? []) : []} onPick={setReason} />
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={300}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('field.skip.reasonHint')}
          data-testid="skip-reason"
        />
        <FieldError path="reason" />
        <GeneralErrors />
      </StepErrorsProvider>
    </Modal>
  );
}

const DELAY_REASONS: readonly MessageKey[] = [
  'field.delay.reason.hidden',
  'field.delay.reason.parts',
  'field.delay.reason.customer',
  'field.delay.reason.access',
];
const DELAY_MINUTES = [30, 60, 90, 120] as const;

/** Past the repair's deadline: the reason and the new finish first (the customer and dispatch are told). */
export function DelayForm({ visit }: { visit: Visit }) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  return (
    <StepErrorsProvider error={action.error} paths={['reason', 'newFinishAt']}>
      <Alert type="warning" showIcon title={t('field.delay.title')} description={t('field.delay.hint')} />
      <Typography.Text strong style={{ display: 'block', marginTop: 10 }}>
        {t('field.delay.reason')}
      </Typography.Text>
      <ReasonChips keys={DELAY_REASONS} onPick={setReason} />
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={300}
        autoSize={{ minRows: 2, maxRows: 4 }}
        data-testid="delay-reason"
      />
      <FieldError path="reason" />
      <Typography.Text strong style={{ display: 'block', marginTop: 10 }}>
        {t('field.delay.newFinish')}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <Chips
          testId="delay-finish"
          value={minutes}
          onChange={setMinutes}
          options={DELAY_MINUTES.map((m) => ({ value: m, label: t('field.depart.minutes', { n: m }) }))}
        />
      </div>
      <Typography.Text type="secondary">
        {t('field.diag.finishAt', { at: formatHm(Date.now() + minutes * 60_000, TZ) })}
      </Typography.Text>
      <FieldError path="newFinishAt" />
      <GeneralErrors />
      <BigButton
        disabled={reason.trim().length < 2}
        loading={action.isPending}
        data-testid="delay-submit"
        onClick={() =>
          action.step(visit, {
            step: 'delay',
            reason: reason.trim(),
            newFinishAt: new Date(Date.now() + minutes * 60_000).toISOString(),
          })
        }
      >
        {t('field.delay.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

interface WaitLine {
  part: Pick<Part, 'id' | 'code' | 'name'>;
  quantity: number;
}

/** Waiting for parts: the parts, the reason and a proposed window for the follow-up; the visit ends here. */
export function WaitingPartsDialog({ visit, open, onClose }: { visit: Visit; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [lines, setLines] = useState<WaitLine[]>([]);
  const [search, setSearch] = useState('');
  const [reason, setReason] = useState('');
  const [dayOffset, setDayOffset] = useState<number>(1);
  const found = useParts(
    { q: search.trim() || undefined, active: 'true', pageSize: '20' },
    { enabled: open && search.trim().length > 0 },
  );
  useEffect(() => {
    if (!open) return;
    // Start from the quote's parts (what the customer agreed to fit).
    setLines(
      (visit.quote?.lines ?? [])
        .filter((l) => l.kind === 'part' && l.partId)
        .map((l) => ({
          part: { id: l.partId as string, code: l.code ?? '', name: l.description },
          quantity: l.quantity,
        })),
    );
    setReason('');
    setDayOffset(1);
  }, [open, visit.quote]);
  const window = visit.window;
  const proposed = window
    ? {
        start: new Date(new Date(window.start).getTime() + dayOffset * 86_400_000).toISOString(),
        end: new Date(new Date(window.end).getTime() + dayOffset * 86_400_000).toISOString(),
      }
    : undefined;
  return (
    <Modal
      open={open}
      title={t('field.wait.title')}
      onCancel={() => {
        action.reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <StepErrorsProvider error={action.error} paths={['reason', 'parts', 'proposedWindow']}>
        <Typography.Paragraph type="secondary">{t('field.wait.hint')}</Typography.Paragraph>
        <Select
          size="large"
          showSearch
          filterOption={false}
          searchValue={search}
          onSearch={setSearch}
          value={null}
          placeholder={t('field.quote.searchHint')}
          style={{ width: '100%' }}
          onChange={(id: string) => {
            const p = found.data?.items.find((x) => x.id === id);
            if (p && !lines.some((l) => l.part.id === p.id)) setLines((ls) => [...ls, { part: p, quantity: 1 }]);
            setSearch('');
          }}
          options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
          data-testid="wait-part-search"
        />
        <Flex vertical gap={6} style={{ marginTop: 8 }} data-testid="wait-lines">
          {lines.map((l, i) => (
            <Flex key={l.part.id} justify="space-between" align="center">
              <span>
                {l.part.name} ×{l.quantity}
              </span>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('field.remove')}
                style={{ width: 44, height: 44 }}
                onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
              />
            </Flex>
          ))}
        </Flex>
        <FieldError path="parts" />
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('field.wait.reason')}
        </Typography.Text>
        <ReasonChips keys={['field.wait.reason.noStock', 'field.wait.reason.special']} onPick={setReason} />
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={300}
          autoSize={{ minRows: 2, maxRows: 4 }}
          data-testid="wait-reason"
        />
        <FieldError path="reason" />
        {window ? (
          <>
            <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
              {t('field.wait.window')}
            </Typography.Text>
            <Chips
              testId="wait-day"
              value={dayOffset}
              onChange={setDayOffset}
              options={[1, 2, 3].map((d) => ({ value: d, label: t('field.wait.inDays', { n: d }) }))}
            />
          </>
        ) : null}
        <FieldError path="proposedWindow" />
        <GeneralErrors />
        <BigButton
          danger
          disabled={lines.length === 0 || reason.trim().length < 2}
          loading={action.isPending}
          data-testid="wait-submit"
          onClick={() =>
            action.step(
              visit,
              {
                step: 'waiting_parts',
                reason: reason.trim(),
                parts: lines.map((l) => ({ partId: l.part.id, quantity: l.quantity })),
                ...(proposed ? { proposedWindow: proposed } : {}),
              },
              () => onClose(),
            )
          }
        >
          {t('field.wait.submit')}
        </BigButton>
      </StepErrorsProvider>
    </Modal>
  );
}
