import {
  CheckCircleFilled,
  CloseCircleFilled,
  CloudUploadOutlined,
  MinusOutlined,
  PlusOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Stocktake } from '@shared/contracts/stocktakes.contract';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@web/lib/api';
import { isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Progress, Radio, Switch, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getStocktakeRequest } from '../api/get-stocktake';
import { stocktakeKeys } from '../api/list-stocktakes';
import { useRecordCounts } from '../api/record-counts';
import { useSubmitStocktake } from '../api/submit-stocktake';
import { partsErrorText } from '../errors';
import {
  clampCount,
  conflictingDrafts,
  countProgress,
  effectiveCount,
  filterCountLines,
  pendingCounts,
  settleDrafts,
  stepCount,
  unsavedCount,
} from '../stocktake-counting';

type Line = Stocktake['lines'][number];

/** Counts are saved this long after the last tap (or at once when a full batch is waiting). */
const AUTOSAVE_MS = 1500;
/** Cards rendered at first; more on demand (a full count of a store can have hundreds of lines). */
const PAGE_LINES = 60;
const SHOW_BOOK_KEY = 'aircare.stocktake.showBook';

type Notice =
  | { kind: 'reloaded' }
  | { kind: 'conflict'; items: { lineId: string; mine: number; theirs: number | null }[] }
  | { kind: 'closed'; lost: number };

function readShowBook(): boolean {
  try {
    return window.localStorage.getItem(SHOW_BOOK_KEY) === 'true';
  } catch {
    return false;
  }
}

const BIG = { minWidth: 48, height: 48 } as const;

/** One line to count: a card with − / number / + (or present / missing for a serial unit). */
const CountLineCard = memo(function CountLineCard({
  line,
  value,
  unsaved,
  showBook,
  moved,
  disabled,
  onSet,
}: {
  line: Line;
  value: number | null;
  unsaved: boolean;
  showBook: boolean;
  /** The book moved since the snapshot: the book now (null when not known). */
  moved: number | null | undefined;
  disabled: boolean;
  onSet: (line: Line, value: number | undefined) => void;
}) {
  const { t } = useI18n();
  const serial = Boolean(line.serial);
  const state = value === null ? 'uncounted' : unsaved ? 'unsaved' : 'saved';
  const border = state === 'uncounted' ? '#d9d9d9' : state === 'unsaved' ? '#faad14' : '#52c41a';
  return (
    <Card
      size="small"
      data-testid={`count-line-${line.line}`}
      data-line-id={line.id}
      data-part-code={line.partCode}
      data-serial={line.serial}
      data-counted={value ?? ''}
      data-state={state}
      data-moved={moved !== undefined ? 'true' : 'false'}
      style={{ borderInlineStart: `4px solid ${border}` }}
      styles={{ body: { padding: '10px 12px' } }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex vertical style={{ minWidth: 0, flex: '1 1 170px' }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {line.partCode}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 13 }}>
            {line.partName}
            {line.spec ? <Typography.Text type="secondary"> · {line.spec}</Typography.Text> : null}
          </Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 2 }}>
            {line.serial ? <Tag style={{ marginInlineEnd: 0 }}>SN {line.serial}</Tag> : null}
            {line.lot ? (
              <Tag style={{ marginInlineEnd: 0 }}>
                {t('stocktake.line.lot', { lot: line.lot })}
                {line.expiryDate ? ` · ${line.expiryDate}` : ''}
              </Tag>
            ) : null}
            {showBook ? (
              <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="count-book">
                {t('stocktake.line.book', { n: line.snapshotQuantity, unit: line.unit })}
              </Tag>
            ) : null}
            {moved !== undefined ? (
              <Tag color="orange" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }} data-testid="count-moved">
                {showBook && moved !== null ? t('stocktake.line.movedTo', { n: moved }) : t('stocktake.line.moved')}
              </Tag>
            ) : null}
            {state === 'unsaved' ? (
              <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                {t('stocktake.line.unsaved')}
              </Tag>
            ) : null}
          </Flex>
        </Flex>
        {serial ? (
          <Radio.Group
            size="large"
            optionType="button"
            buttonStyle="solid"
            disabled={disabled}
            value={value === null ? undefined : value}
            onChange={(e) => onSet(line, e.target.value as number)}
          >
            <Radio.Button value={1} style={{ height: 48, lineHeight: '46px' }}>
              <span data-testid="count-present">
                <CheckCircleFilled /> {t('stocktake.line.present')}
              </span>
            </Radio.Button>
            <Radio.Button value={0} style={{ height: 48, lineHeight: '46px' }}>
              <span data-testid="count-missing">
                <CloseCircleFilled /> {t('stocktake.line.missing')}
              </span>
            </Radio.Button>
          </Radio.Group>
        ) : (
          <Flex align="center" gap={6}>
            <Button
              icon={<MinusOutlined />}
              size="large"
              style={BIG}
              aria-label="-1"
              disabled={disabled || value === 0}
              onClick={() => onSet(line, stepCount(value, -1, false))}
              data-testid="count-minus"
            />
            <InputNumber
              size="large"
              min={0}
              max={100_000}
              precision={0}
              inputMode="numeric"
              controls={false}
              disabled={disabled}
              value={value}
              placeholder="?"
              onFocus={(e) => e.target.select()}
              onChange={(v) => onSet(line, clampCount(v, false))}
              style={{ width: 84, height: 48, fontSize: 18, textAlign: 'center' }}
              aria-label={t('stocktake.line.counted')}
              data-testid="count-input"
            />
            <Button
              icon={<PlusOutlined />}
              size="large"
              style={BIG}
              aria-label="+1"
              disabled={disabled}
              onClick={() => onSet(line, stepCount(value, 1, false))}
              data-testid="count-plus"
            />
            <Typography.Text type="secondary" style={{ minWidth: 16 }}>
              {line.unit}
            </Typography.Text>
          </Flex>
        )}
      </Flex>
    </Card>
  );
});

/**
 * 盘点录入, phone first: one card per line, search, "only uncounted", progress always in view. Counts are drafts
 * until saved: automatically after a pause, in batches, with the stocktake's `version`. A 409 reloads the stocktake
 * and says so; when someone else counted the same lines differently, nothing is sent until the user chooses.
 */
export function StocktakeCount({
  stocktake,
  canCount,
  moved,
  onSubmitted,
}: {
  stocktake: Stocktake;
  canCount: boolean;
  /** Lines flagged as "book moved" (line id → the book now, or null when not known). */
  moved: ReadonlyMap<string, number | null>;
  onSubmitted?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const record = useRecordCounts();
  const submit = useSubmitStocktake();
  const id = stocktake.id;

  const [drafts, setDraftsState] = useState<Map<string, number>>(() => new Map());
  const draftsRef = useRef(drafts);
  const setDrafts = useCallback((fn: (d: Map<string, number>) => Map<string, number>) => {
    const next = fn(draftsRef.current);
    draftsRef.current = next;
    setDraftsState(next);
  }, []);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [onlyUncounted, setOnlyUncounted] = useState(false);
  const [keep, setKeep] = useState<Set<string>>(() => new Set());
  const [showBook, setShowBookState] = useState(readShowBook);
  const [limit, setLimit] = useState(PAGE_LINES);
  const saving = useRef(false);

  const lines = stocktake.lines;
  const progress = countProgress(lines, drafts);
  const unsaved = unsavedCount(lines, drafts);
  const paused = notice?.kind === 'conflict' || Boolean(saveError);
  const editable = canCount && stocktake.status === 'counting' && notice?.kind !== 'closed';

  const latest = useCallback(
    () => queryClient.getQueryData<Stocktake>(stocktakeKeys.detail(id)) ?? stocktake,
    [queryClient, id, stocktake],
  );

  /** Reloads after a 409 and decides: carry on, ask the user, or drop the drafts (no longer counting). */
  const reloadAfterConflict = useCallback(
    async (before: Stocktake) => {
      const fresh = await queryClient.fetchQuery({
        queryKey: stocktakeKeys.detail(id),
        queryFn: ({ signal }) => getStocktakeRequest(id, signal),
        staleTime: 0,
      });
      if (fresh.status !== 'counting') {
        setNotice({ kind: 'closed', lost: unsavedCount(fresh.lines, draftsRef.current) });
        setDrafts(() => new Map());
        return;
      }
      const items = conflictingDrafts(before.lines, fresh.lines, draftsRef.current);
      setDrafts((d) => settleDrafts(d, fresh.lines));
      setNotice(items.length ? { kind: 'conflict', items } : { kind: 'reloaded' });
    },
    [queryClient, id, setDrafts],
  );

  /** Saves one batch; returns the stocktake after it, or undefined when it could not be saved. */
  const flush = useCallback(async (): Promise<Stocktake | undefined> => {
    const current = latest();
    const batch = pendingCounts(current.lines, draftsRef.current);
    if (!batch.length) return current;
    if (saving.current) return undefined;
    saving.current = true;
    try {
      const after = await record.mutateAsync({
        stocktakeId: id,
        body: { version: current.version, counts: batch },
      });
      setDrafts((d) => settleDrafts(d, after.lines));
      setSaveError(undefined);
      return after;
    } catch (e) {
      if (isVersionConflict(e)) await reloadAfterConflict(current).catch(() => undefined);
      else setSaveError(partsErrorText(t, e));
      return undefined;
    } finally {
      saving.current = false;
    }
  }, [latest, record, id, setDrafts, reloadAfterConflict, t]);

  const flushRef = useRef(flush);
  flushRef.current = flush;

  // Autosave: 1.5 s after the first unsaved change (then again after each save while more is pending); at once
  // when a whole batch is waiting. A save sends the latest numbers, whatever was typed meanwhile.
  useEffect(() => {
    if (!editable || paused || record.isPending || unsaved === 0) return;
    const h = window.setTimeout(() => void flushRef.current(), unsaved >= 200 ? 0 : AUTOSAVE_MS);
    return () => window.clearTimeout(h);
  }, [editable, paused, record.isPending, unsaved]);

  // A phone put away (screen off, another app) saves at once; leaving with unsaved counts asks first.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && !paused) void flushRef.current();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (unsavedCount(latest().lines, draftsRef.current) > 0) e.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [paused, latest]);

  const onSet = useCallback(
    (line: Line, value: number | undefined) => {
      setDrafts((d) => {
        const next = new Map(d);
        if (value === undefined) next.delete(line.id);
        else next.set(line.id, value);
        return next;
      });
      setKeep((k) => (k.has(line.id) ? k : new Set(k).add(line.id)));
    },
    [setDrafts],
  );

  const setShowBook = (v: boolean) => {
    setShowBookState(v);
    try {
      window.localStorage.setItem(SHOW_BOOK_KEY, String(v));
    } catch {
      // ignore
    }
  };

  const visible = useMemo(
    () => filterCountLines(lines, drafts, { q, onlyUncounted, keep }),
    [lines, drafts, q, onlyUncounted, keep],
  );

  const saveNow = () => {
    setSaveError(undefined);
    void flushRef.current();
  };

  const resolveConflict = (mine: boolean) => {
    if (notice?.kind !== 'conflict') return;
    if (!mine) {
      const drop = new Set(notice.items.map((i) => i.lineId));
      setDrafts((d) => new Map([...d].filter(([k]) => !drop.has(k))));
    }
    setNotice(undefined);
  };

  const submitNow = async () => {
    setSubmitError(undefined);
    let current: Stocktake | undefined = latest();
    for (let i = 0; i < 20 && current && unsavedCount(current.lines, draftsRef.current) > 0; i++) {
      current = await flush();
    }
    if (!current || unsavedCount(current.lines, draftsRef.current) > 0) return;
    submit.mutate(
      { stocktakeId: id, body: { version: current.version } },
      {
        onSuccess: (s) => {
          void message.success(t('stocktake.submitted', { number: s.number }));
          onSubmitted?.();
        },
        onError: (e) => {
          if (isVersionConflict(e)) {
            void reloadAfterConflict(current as Stocktake);
            setSubmitError(t('stocktake.count.submitReloaded'));
          } else if (isApiError(e) && e.details.reason === 'uncounted_lines' && Array.isArray(e.details.lines)) {
            setSubmitError(t('stocktake.count.uncountedLines', { lines: e.details.lines.join(', ') }));
          } else setSubmitError(partsErrorText(t, e));
        },
      },
    );
  };

  const lineById = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);
  const pct = progress.total ? Math.floor((progress.counted * 100) / progress.total) : 0;
  const left = progress.total - progress.counted;

  return (
    <div data-testid="stocktake-count">
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 5,
          background: '#f5f5f5',
          padding: '8px 0',
          marginBottom: 8,
        }}
      >
        <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
          <Typography.Text
            strong
            style={{ whiteSpace: 'nowrap', fontSize: 16 }}
            data-testid="count-progress"
            data-counted={progress.counted}
            data-total={progress.total}
          >
            {t('stocktake.progress', { counted: progress.counted, total: progress.total })}
          </Typography.Text>
          <Progress
            percent={pct}
            showInfo={false}
            status={left === 0 ? 'success' : 'active'}
            style={{ margin: 0, flex: 1 }}
          />
          {canCount ? (
            <Button
              size="large"
              icon={<CloudUploadOutlined />}
              loading={record.isPending}
              disabled={unsaved === 0 || notice?.kind === 'conflict'}
              onClick={saveNow}
              data-testid="count-save"
              data-pending={unsaved}
            >
              {unsaved > 0 ? t('stocktake.count.saveN', { n: unsaved }) : t('stocktake.count.saved')}
            </Button>
          ) : null}
        </Flex>
        <Input.Search
          size="large"
          allowClear
          placeholder={t('stocktake.count.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="count-search"
        />
        <Flex gap={16} wrap style={{ marginTop: 6 }}>
          <Flex align="center" gap={6}>
            <Switch
              id="count-only-uncounted"
              checked={onlyUncounted}
              onChange={(v) => {
                setOnlyUncounted(v);
                setKeep(new Set());
              }}
              data-testid="count-only-uncounted"
            />
            <label htmlFor="count-only-uncounted">{t('stocktake.count.onlyUncounted')}</label>
          </Flex>
          <Flex align="center" gap={6}>
            <Switch id="count-show-book" checked={showBook} onChange={setShowBook} data-testid="count-show-book" />
            <label htmlFor="count-show-book">{t('stocktake.count.showBook')}</label>
          </Flex>
        </Flex>
      </div>

      {notice?.kind === 'reloaded' ? (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setNotice(undefined) }}
          style={{ marginBottom: 8 }}
          title={t('stocktake.count.reloaded')}
          data-testid="count-reloaded"
        />
      ) : null}
      {notice?.kind === 'conflict' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="count-conflict"
          title={t('stocktake.count.conflict', { n: notice.items.length })}
          description={
            <Flex vertical gap={8}>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {notice.items.map((i) => {
                  const l = lineById.get(i.lineId);
                  return (
                    <li key={i.lineId} data-testid="count-conflict-line">
                      {t('stocktake.count.conflictLine', {
                        line: l?.line ?? '',
                        part: l ? `${l.partCode}${l.serial ? ` ${l.serial}` : ''}` : '',
                        mine: i.mine,
                        theirs: i.theirs ?? '—',
                        by: l?.countedByName ?? '',
                      })}
                    </li>
                  );
                })}
              </ul>
              <Flex gap={8} wrap>
                <Button type="primary" onClick={() => resolveConflict(true)} data-testid="count-conflict-mine">
                  {t('stocktake.count.keepMine')}
                </Button>
                <Button onClick={() => resolveConflict(false)} data-testid="count-conflict-theirs">
                  {t('stocktake.count.takeTheirs')}
                </Button>
              </Flex>
            </Flex>
          }
        />
      ) : null}
      {notice?.kind === 'closed' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('stocktake.count.closed', { n: notice.lost })}
          data-testid="count-closed"
        />
      ) : null}
      {saveError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('stocktake.count.saveFailed', { message: saveError })}
          action={
            <Button size="small" onClick={saveNow} data-testid="count-retry">
              {t('common.retry')}
            </Button>
          }
          data-testid="count-save-error"
        />
      ) : null}

      <Flex vertical gap={8} data-testid="count-list">
        {visible.slice(0, limit).map((l) => (
          <CountLineCard
            key={l.id}
            line={l}
            value={effectiveCount(l, drafts)}
            unsaved={drafts.has(l.id) && drafts.get(l.id) !== l.countedQuantity}
            showBook={showBook}
            moved={moved.has(l.id) ? (moved.get(l.id) ?? null) : undefined}
            disabled={!editable}
            onSet={onSet}
          />
        ))}
        {visible.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', padding: 24 }}>
            {onlyUncounted && !q ? t('stocktake.count.allCounted') : t('stocktake.count.noMatch')}
          </Typography.Paragraph>
        ) : null}
        {visible.length > limit ? (
          <Button size="large" onClick={() => setLimit((n) => n + PAGE_LINES)} data-testid="count-more">
            {t('stocktake.count.more', { n: visible.length - limit })}
          </Button>
        ) : null}
      </Flex>

      {canCount && stocktake.status === 'counting' ? (
        <div style={{ marginTop: 16 }}>
          {submitError ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={submitError}
              data-testid="stocktake-submit-error"
            />
          ) : null}
          <Button
            type="primary"
            size="large"
            block
            style={{ height: 52 }}
            disabled={left > 0 || notice?.kind === 'conflict'}
            loading={submit.isPending}
            onClick={() => void submitNow()}
            data-testid="stocktake-submit"
          >
            {left > 0 ? t('stocktake.count.leftToCount', { n: left }) : t('stocktake.count.submit')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
