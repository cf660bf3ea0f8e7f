import { HistoryOutlined, WarningOutlined } from '@ant-design/icons';
import type { Stocktake } from '@shared/contracts/stocktakes.contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCan, useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { isApiError } from '@web/lib/api';
import { isVersionConflict } from '@web/lib/errors';
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
  Row,
  Segmented,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useApproveStocktake } from '../api/approve-stocktake';
import { getStockBalancesRequest } from '../api/get-stock-balances';
import { partsKeys } from '../api/keys';
import { stocktakeKeys } from '../api/list-stocktakes';
import { useRecountStocktake } from '../api/recount-stocktake';
import { partsErrorText } from '../errors';
import { formatFen } from '../money';
import {
  type BookMovedLine,
  bookMovedFromDetails,
  differenceTotals,
  formatAccuracy,
  movedLines,
} from '../stocktake-counting';
import { LedgerDrawer } from './ledger-drawer';
import { SignedFen } from './stocktake-card';

type Line = Stocktake['lines'][number];

/**
 * The book of one location now (every non-zero balance, all pages), to flag the lines of an open stocktake whose
 * book moved since the snapshot. Refreshed with the stock queries (any posting invalidates ['parts']).
 */
export function useLocationBook(locationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...partsKeys.stock(), 'book', locationId],
    enabled,
    queryFn: async ({ signal }) => {
      const items: Awaited<ReturnType<typeof getStockBalancesRequest>>['items'] = [];
      for (let page = 1; page <= 50; page++) {
        const r = await getStockBalancesRequest({ locationId, page: String(page), pageSize: '200' }, signal);
        items.push(...r.items);
        if (items.length >= r.total || r.items.length === 0) break;
      }
      return items;
    },
  });
}

/** Lines whose book moved since the snapshot (line id → book now), while the stocktake is open. */
export function useMovedLines(stocktake: Stocktake | undefined): Map<string, number> {
  const open = stocktake?.status === 'counting' || stocktake?.status === 'submitted';
  const book = useLocationBook(stocktake?.locationId ?? '', open);
  const lines = stocktake?.lines;
  return useMemo(
    () => (open && lines && book.data ? movedLines(lines, book.data) : new Map<string, number>()),
    [open, book.data, lines],
  );
}

function signed(n: number | null): string {
  if (n === null) return '—';
  return n > 0 ? `+${n}` : String(n);
}

/** Gain / loss / net in units and yuan, lines with a difference, accuracy. */
function DifferenceTotalsCard({ stocktake }: { stocktake: Stocktake }) {
  const { t } = useI18n();
  const totals = differenceTotals(stocktake.lines);
  const r = stocktake.report;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="diff-totals">
      <Row gutter={[16, 12]}>
        <Col xs={12} md={6}>
          <Statistic
            data-testid="diff-gain"
            data-value={totals.gainValueFen}
            data-quantity={totals.gainQuantity}
            title={t('stocktake.gain')}
            value={formatFen(totals.gainValueFen)}
            styles={{ content: { color: totals.gainValueFen > 0 ? '#389e0d' : undefined, fontSize: 20 } }}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('stocktake.units', { n: signed(totals.gainQuantity) })}
              </Typography.Text>
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            data-testid="diff-loss"
            data-value={totals.lossValueFen}
            data-quantity={totals.lossQuantity}
            title={t('stocktake.loss')}
            value={formatFen(totals.lossValueFen)}
            styles={{ content: { color: totals.lossValueFen < 0 ? '#cf1322' : undefined, fontSize: 20 } }}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('stocktake.units', { n: signed(totals.lossQuantity) })}
              </Typography.Text>
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            data-testid="diff-net"
            data-value={totals.netValueFen}
            data-quantity={totals.netQuantity}
            title={t('stocktake.net')}
            value={formatFen(totals.netValueFen)}
            styles={{ content: { fontSize: 20 } }}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('stocktake.units', { n: signed(totals.netQuantity) })}
              </Typography.Text>
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('stocktake.accuracy')}
            value={formatAccuracy(r.accuracyBasisPoints)}
            styles={{ content: { fontSize: 20 } }}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('stocktake.diffLines', { n: totals.lines, total: r.lines })}
              </Typography.Text>
            }
          />
        </Col>
      </Row>
    </Card>
  );
}

/** The moved lines of a refused approval (409 book_moved). */
function BookMovedAlert({ lines }: { lines: BookMovedLine[] }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="book-moved-lines"
      title={t('stocktake.review.bookMoved', { n: lines.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {lines.map((l) => (
            <li key={l.lineId} data-testid="book-moved-line" data-line={l.line}>
              {t('stocktake.review.bookMovedLine', {
                line: l.line,
                part: [l.partCode, l.lot, l.serial].filter(Boolean).join(' '),
                snapshot: l.snapshotQuantity,
                book: l.bookQuantity,
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * 盘点差异审核: the differences (quantity and value in yuan) with gain / loss / net totals; with parts.manage and
 * status `submitted`: approve (not one's own submission), recount, and the refusals shown in words.
 * After approval: the adjustment of each line, with its part's ledger.
 */
export function StocktakeReview({ stocktake, moved }: { stocktake: Stocktake; moved: ReadonlyMap<string, number> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const approve = useApproveStocktake();
  const recount = useRecountStocktake();
  // Someone else changed the stocktake (recount, cancel…): show what it is now.
  const reload = () => void queryClient.invalidateQueries({ queryKey: stocktakeKeys.detail(stocktake.id) });
  const [only, setOnly] = useState<'diff' | 'all'>('diff');
  const [error, setError] = useState<{ reason: string; text: string } | undefined>();
  const [bookMoved, setBookMoved] = useState<BookMovedLine[]>([]);
  const [ledgerOf, setLedgerOf] = useState<{ partId: string; partCode: string; partName: string } | undefined>();
  // One Idempotency-Key per version shown: a retried approval of what the reviewer saw acts once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key per version on purpose
  const approveKey = useMemo(() => randomUuid(), [stocktake.id, stocktake.version]);

  const submitted = stocktake.status === 'submitted';
  const canDecide = can('parts.manage') && submitted;
  const ownSubmission = Boolean(stocktake.submittedByName) && stocktake.submittedByName === me.displayName;
  const withDiff = stocktake.lines.filter((l) => (l.differenceQuantity ?? 0) !== 0 || moved.has(l.id));
  const rows = only === 'diff' ? withDiff : stocktake.lines;

  const onApprove = () => {
    setError(undefined);
    setBookMoved([]);
    approve.mutate(
      { stocktakeId: stocktake.id, body: { version: stocktake.version }, idempotencyKey: approveKey },
      {
        onSuccess: (s) => void message.success(t('stocktake.approved', { number: s.number })),
        onError: (e) => {
          const reason = isApiError(e) && typeof e.details.reason === 'string' ? e.details.reason : '';
          if (reason === 'own_stocktake') setError({ reason, text: t('stocktake.review.ownStocktake') });
          else if (reason === 'book_moved') {
            setBookMoved(bookMovedFromDetails(isApiError(e) ? e.details : {}));
            setError({ reason, text: partsErrorText(t, e) });
          } else if (isVersionConflict(e)) {
            setError({ reason: 'version', text: t('common.versionConflictHint') });
            reload();
          } else setError({ reason, text: partsErrorText(t, e) });
        },
      },
    );
  };

  const onRecount = () => {
    setError(undefined);
    recount.mutate(
      { stocktakeId: stocktake.id, body: { version: stocktake.version } },
      {
        onSuccess: () => {
          setBookMoved([]);
          void message.success(t('stocktake.recounted'));
        },
        onError: (e) => {
          setError({
            reason: 'recount',
            text: isVersionConflict(e) ? t('common.versionConflictHint') : partsErrorText(t, e),
          });
          if (isVersionConflict(e)) reload();
        },
      },
    );
  };

  const movedFlag = (l: Line) => {
    const fromReply = bookMoved.find((b) => b.lineId === l.id);
    const now = fromReply ? fromReply.bookQuantity : moved.get(l.id);
    if (now === undefined) return null;
    return (
      <Tag color="orange" icon={<WarningOutlined />} data-testid="diff-moved">
        {t('stocktake.line.movedTo', { n: now })}
      </Tag>
    );
  };

  const columns: TableColumnsType<Line> = [
    { title: '#', dataIndex: 'line', key: 'line', width: 48 },
    {
      title: t('stock.col.part'),
      key: 'part',
      render: (_, l) => (
        <Flex vertical style={{ minWidth: 150 }}>
          <span>
            {l.partCode} {l.partName}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[l.spec, l.lot && t('stocktake.line.lot', { lot: l.lot }), l.serial && `SN ${l.serial}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('stocktake.col.book'),
      key: 'book',
      align: 'right',
      render: (_, l) => `${l.snapshotQuantity} ${l.unit}`,
    },
    {
      title: t('stocktake.col.counted'),
      key: 'counted',
      align: 'right',
      render: (_, l) => (l.countedQuantity === null ? '—' : `${l.countedQuantity} ${l.unit}`),
    },
    {
      title: t('stocktake.col.difference'),
      key: 'diff',
      align: 'right',
      render: (_, l) => (
        <Typography.Text
          strong={(l.differenceQuantity ?? 0) !== 0}
          type={(l.differenceQuantity ?? 0) > 0 ? 'success' : (l.differenceQuantity ?? 0) < 0 ? 'danger' : undefined}
          data-testid="diff-quantity"
        >
          {signed(l.differenceQuantity)}
        </Typography.Text>
      ),
    },
    {
      title: t('stocktake.col.unitCost'),
      key: 'cost',
      align: 'right',
      render: (_, l) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(l.unitCostFen)}</span>,
    },
    {
      title: t('stocktake.col.value'),
      key: 'value',
      align: 'right',
      render: (_, l) => (l.differenceValueFen === null ? '—' : <SignedFen fen={l.differenceValueFen} />),
    },
    {
      title: t('stocktake.col.flags'),
      key: 'flags',
      render: (_, l) => (
        <Flex gap={4} wrap align="center">
          {movedFlag(l)}
          {l.movementId ? (
            <>
              <Tag color="green" data-testid="diff-posted">
                {t('stocktake.line.posted')}
              </Tag>
              <Button
                size="small"
                type="link"
                icon={<HistoryOutlined />}
                onClick={() => setLedgerOf({ partId: l.partId, partCode: l.partCode, partName: l.partName })}
                data-testid={`diff-ledger-${l.line}`}
              >
                {t('stock.ledger')}
              </Button>
            </>
          ) : null}
          {l.countedByName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.countedByName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  const movedCount = new Set([...moved.keys(), ...bookMoved.map((b) => b.lineId)]).size;

  return (
    <div data-testid="stocktake-review">
      <DifferenceTotalsCard stocktake={stocktake} />
      {submitted && movedCount > 0 && bookMoved.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('stocktake.review.movedWarning', { n: movedCount })}
          data-testid="diff-moved-warning"
        />
      ) : null}
      {bookMoved.length > 0 ? <BookMovedAlert lines={bookMoved} /> : null}
      {error && error.reason !== 'book_moved' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error.text}
          data-testid="stocktake-approve-error"
          data-reason={error.reason}
        />
      ) : null}
      {canDecide && ownSubmission && !error ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('stocktake.review.ownHint')}
          data-testid="stocktake-own-hint"
        />
      ) : null}
      {canDecide ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Popconfirm
            title={t('stocktake.review.approveConfirm', {
              n: withDiff.length,
              net: formatFen(stocktake.report.netValueFen),
            })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={tid('stocktake-approve-confirm')}
            onConfirm={onApprove}
          >
            <Button type="primary" size="large" loading={approve.isPending} data-testid="stocktake-approve">
              {t('stocktake.approve')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('stocktake.review.recountConfirm')}
            description={
              movedCount > 0 ? t('stocktake.review.recountMoved', { n: movedCount }) : t('stocktake.review.recountKeep')
            }
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={tid('stocktake-recount-confirm')}
            onConfirm={onRecount}
          >
            <Button size="large" loading={recount.isPending} data-testid="stocktake-recount">
              {t('stocktake.recount')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Segmented
          value={only}
          onChange={(v) => setOnly(v as 'diff' | 'all')}
          options={[
            { value: 'diff', label: t('stocktake.review.onlyDiff', { n: withDiff.length }) },
            { value: 'all', label: t('stocktake.review.all', { n: stocktake.lines.length }) },
          ]}
          data-testid="diff-filter"
        />
      </Flex>
      <Table<Line>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('stocktake.review.noDiff') }}
        data-testid="diff-table"
        onRow={(l) =>
          ({ 'data-testid': `diff-row-${l.line}`, 'data-line-id': l.id }) as React.HTMLAttributes<HTMLElement>
        }
      />
      <LedgerDrawer part={ledgerOf} onClose={() => setLedgerOf(undefined)} />
    </div>
  );
}
