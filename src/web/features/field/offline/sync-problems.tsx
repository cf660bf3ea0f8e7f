import { VISIT_STEP_LABELS, type VisitStep } from '@shared/domain/field';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { App, Button, Card, Descriptions, Drawer, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { newActionKey } from '../api/field-actions';
import { om } from './messages';
import { fieldOffline } from './runtime';
import type { QueueEntry } from './store';

const STEP_WORDS: Record<string, Record<'zh-CN' | 'en-US', string>> = {
  ...VISIT_STEP_LABELS,
  skip: { 'zh-CN': '跳过', 'en-US': 'Skip' },
  delay: { 'zh-CN': '报告延误', 'en-US': 'Delay' },
  waiting_parts: { 'zh-CN': '待配件', 'en-US': 'Waiting for parts' },
  office_edit: { 'zh-CN': '办公室修改', 'en-US': 'Office edit' },
  closed: { 'zh-CN': '关闭', 'en-US': 'Closed' },
  scheduled: { 'zh-CN': '安排时间', 'en-US': 'Scheduled' },
};

function stepWord(step: string, lang: 'zh-CN' | 'en-US'): string {
  return STEP_WORDS[step]?.[lang] ?? step;
}

/** What a queued entry is, in words: the step (or skip target) and when it was recorded. */
function entryTitle(e: QueueEntry, lang: 'zh-CN' | 'en-US'): string {
  if (e.type === 'photo') return `${om(lang, 'photo')} · ${stepWord(e.step, lang)}`;
  if (e.action.kind === 'consent') return stepWord('consent', lang);
  if (e.action.kind === 'complete') return stepWord('complete', lang);
  const b = e.action.body;
  if (b.step === 'skip') return `${stepWord('skip', lang)} · ${stepWord(b.target as VisitStep, lang)}`;
  return stepWord(b.step, lang);
}

const FIELD_WORDS: Record<string, Record<'zh-CN' | 'en-US', string>> = {
  officeNote: { 'zh-CN': '办公室备注', 'en-US': 'Office note' },
  expectedFinishAt: { 'zh-CN': '预计完工', 'en-US': 'Expected finish' },
  window: { 'zh-CN': '上门时间', 'en-US': 'Window' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, 'zh-CN');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The office's change, field by field: before → after. */
function ChangeData({ data, lang }: { data: Record<string, unknown>; lang: 'zh-CN' | 'en-US' }) {
  const before = (data.before ?? {}) as Record<string, unknown>;
  const after = (data.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {keys.map((k) => (
        <li key={k}>
          <Typography.Text type="secondary">{FIELD_WORDS[k]?.[lang] ?? k}</Typography.Text>: {show(before[k])} →{' '}
          <strong>{show(after[k])}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * The problems of the sync, to resolve one by one: a conflict shows "你的记录" next to "办公室的修改" (who changed
 * what since the phone's version) and may be resubmitted on the latest version (new idempotency key) or discarded;
 * a refusal shows the server's message and may be discarded (and redone on the visit page).
 */
export function SyncProblems({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { lang } = useI18n();
  const rt = fieldOffline();
  const state = useSyncExternalStore(rt.subscribe, rt.getState, rt.getState);
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const problems = state.entries.filter((e) => e.problem);

  const discard = (e: QueueEntry, thenEdit: boolean) => {
    modal.confirm({
      title: om(lang, 'confirmDiscard'),
      okText: om(lang, 'ok'),
      cancelText: om(lang, 'cancel'),
      okButtonProps: { 'data-testid': 'sync-problem-discard-confirm' } as never,
      onOk: async () => {
        await rt.discard(e.id);
        if (thenEdit) {
          onClose();
          navigate(`/me/visits/${e.visitId}`);
        }
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="bottom"
      size="large"
      title={om(lang, 'problemsTitle')}
      data-testid="sync-problems"
      styles={{ body: { padding: 12 } }}
    >
      {problems.length === 0 ? <Empty description={om(lang, 'noProblems')} /> : null}
      <Flex vertical gap={12}>
        {problems.map((e) => {
          const p = e.problem as NonNullable<QueueEntry['problem']>;
          const behind = state.entries.filter((x) => x.visitId === e.visitId && x.seq > e.seq && !x.problem).length;
          return (
            <Card
              key={e.id}
              size="small"
              data-testid="sync-problem"
              data-kind={p.kind}
              data-key={e.id}
              title={
                <Space wrap>
                  <Tag color={p.kind === 'conflict' ? 'orange' : 'red'}>{om(lang, p.kind)}</Tag>
                  {p.theirs?.workOrderNumber ?? ''}
                </Space>
              }
            >
              <Flex vertical gap={8}>
                <div data-testid="sync-problem-yours">
                  <Typography.Text strong>{om(lang, 'yours')}</Typography.Text>
                  <div>
                    {entryTitle(e, lang)} ·{' '}
                    {om(lang, 'queuedAt', {
                      time: formatDateTime(
                        e.type === 'action' ? (e.action.body.occurredAt ?? e.queuedAt) : e.queuedAt,
                        lang,
                      ),
                    })}
                  </div>
                </div>
                {p.kind === 'conflict' ? (
                  <div data-testid="sync-problem-theirs">
                    <Typography.Text strong>{om(lang, 'theirs')}</Typography.Text>
                    {p.changes.map((c) => (
                      <Descriptions
                        key={c.id}
                        size="small"
                        column={1}
                        items={[
                          {
                            key: 'who',
                            label: stepWord(c.step, lang),
                            children: `${c.actorName} · ${formatDateTime(c.occurredAt, lang)}`,
                          },
                          ...(Object.keys(c.data).length > 0
                            ? [{ key: 'what', label: '', children: <ChangeData data={c.data} lang={lang} /> }]
                            : []),
                          ...(c.reason ? [{ key: 'why', label: '', children: c.reason }] : []),
                        ]}
                      />
                    ))}
                  </div>
                ) : (
                  <Typography.Text type="danger" data-testid="sync-problem-message">
                    {p.message}
                  </Typography.Text>
                )}
                {behind > 0 ? (
                  <Typography.Text type="secondary">{om(lang, 'blockedBehind', { n: behind })}</Typography.Text>
                ) : null}
                <Flex gap={8} wrap="wrap">
                  {p.kind === 'conflict' && e.type === 'action' ? (
                    <Button
                      type="primary"
                      size="large"
                      data-testid="sync-problem-reapply"
                      onClick={() => void rt.reapply(e.id, newActionKey())}
                    >
                      {om(lang, 'reapply')}
                    </Button>
                  ) : null}
                  <Button size="large" danger data-testid="sync-problem-discard" onClick={() => discard(e, false)}>
                    {om(lang, 'discard')}
                  </Button>
                  {p.kind === 'rejected' && e.type === 'action' ? (
                    <Button size="large" data-testid="sync-problem-edit" onClick={() => discard(e, true)}>
                      {om(lang, 'edit')}
                    </Button>
                  ) : null}
                </Flex>
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </Drawer>
  );
}
