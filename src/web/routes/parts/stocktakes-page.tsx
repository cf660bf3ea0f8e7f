import { ArrowLeftOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { STOCKTAKE_STATUSES, type Stocktake, type StocktakeStatus } from '@shared/contracts/stocktakes.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useStocktake } from '@web/features/parts/api/get-stocktake';
import { useStocktakes } from '@web/features/parts/api/list-stocktakes';
import { LocationSelect } from '@web/features/parts/components/pickers';
import { StocktakeCancelModal } from '@web/features/parts/components/stocktake-cancel';
import { StocktakeCard, StocktakeStatusTag, useScopeText } from '@web/features/parts/components/stocktake-card';
import { StocktakeCount } from '@web/features/parts/components/stocktake-count';
import { StocktakeReview, useMovedLines } from '@web/features/parts/components/stocktake-review';
import { StocktakeStartForm } from '@web/features/parts/components/stocktake-start-form';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import { useUrlFilters } from '@web/lib/use-url-filters';
import { Button, Descriptions, Drawer, Empty, Flex, Pagination, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

const PAGE_SIZE = 20;
const RECOUNT_KEY = (id: string) => `aircare.stocktake.recount.${id}`;

/** The list: status and location filters and the page in the URL; start a stocktake (parts.manage). */
function StocktakeList() {
  const { t } = useI18n();
  const can = useCan();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { get, update } = useUrlFilters();
  const status = get('status') as StocktakeStatus | undefined;
  const locationId = get('locationId');
  const page = Number(get('page') ?? '1');
  const list = useStocktakes({ page: String(page), pageSize: String(PAGE_SIZE), status, locationId });
  const [starting, setStarting] = useState(false);
  const items = list.data?.items ?? [];

  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader
        title={t('stocktake.title')}
        extra={
          can('parts.manage') ? (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => setStarting(true)}
              data-testid="stocktake-start"
            >
              {t('stocktake.start')}
            </Button>
          ) : undefined
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="stocktake-filters">
        <Select<StocktakeStatus | 'all'>
          size="large"
          style={{ minWidth: 140 }}
          value={status ?? 'all'}
          onChange={(v) => update({ status: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('common.all') },
            ...STOCKTAKE_STATUSES.map((s) => ({ value: s, label: t(`stocktake.status.${s}`) })),
          ]}
          data-testid="stocktake-filter-status"
        />
        <div style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 360 }}>
          <LocationSelect
            allowClear
            placeholder={t('stocktake.field.location')}
            value={locationId}
            onChange={(v) => update({ locationId: v })}
            testId="stocktake-filter-location"
            style={{ height: 40 }}
          />
        </div>
        <Button
          size="large"
          icon={<ReloadOutlined />}
          onClick={() => void list.refetch()}
          aria-label={t('common.reload')}
        />
      </Flex>
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Spin spinning={list.isFetching}>
          <Flex vertical gap={12} data-testid="stocktake-list">
            {items.length === 0 && !list.isLoading ? <Empty description={t('stocktake.empty')} /> : null}
            {items.map((s) => (
              <StocktakeCard key={s.id} s={s} />
            ))}
          </Flex>
          {(list.data?.total ?? 0) > PAGE_SIZE ? (
            <Pagination
              style={{ marginTop: 16 }}
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              onChange={(p) => update({ page: String(p) }, true)}
              showSizeChanger={false}
            />
          ) : null}
        </Spin>
      )}
      <Drawer
        open={starting}
        onClose={() => setStarting(false)}
        title={t('stocktake.startTitle')}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '100%' : 480}
        destroyOnHidden
        data-testid="stocktake-start-drawer"
      >
        <StocktakeStartForm
          onStarted={(id) => {
            setStarting(false);
            navigate(`/parts/stocktakes/${id}`);
          }}
        />
      </Drawer>
    </div>
  );
}

function readRecountFlags(id: string): Map<string, number> {
  try {
    const raw = window.sessionStorage.getItem(RECOUNT_KEY(id));
    return new Map(raw ? (JSON.parse(raw) as [string, number][]) : []);
  } catch {
    return new Map();
  }
}

/**
 * Lines a recount sent back (their book moved: new snapshot, count cleared), remembered in this tab so the count
 * screen can flag them after the reviewer pressed 重新盘点.
 */
function useRecountFlags(s: Stocktake | undefined): Map<string, number> {
  const prev = useRef<Stocktake | undefined>(undefined);
  const [flags, setFlags] = useState<Map<string, number>>(() => (s ? readRecountFlags(s.id) : new Map()));
  useEffect(() => {
    if (!s) return;
    const before = prev.current;
    prev.current = s;
    if (before?.id !== s.id) {
      setFlags(readRecountFlags(s.id));
      return;
    }
    if (s.status !== 'counting') return;
    if (before.status === 'submitted') {
      const old = new Map(before.lines.map((l) => [l.id, l]));
      const reset = s.lines.filter((l) => {
        const o = old.get(l.id);
        return (
          o && (o.snapshotQuantity !== l.snapshotQuantity || (o.countedQuantity !== null && l.countedQuantity === null))
        );
      });
      const next = new Map(reset.map((l) => [l.id, l.snapshotQuantity]));
      setFlags(next);
      try {
        window.sessionStorage.setItem(RECOUNT_KEY(s.id), JSON.stringify([...next]));
      } catch {
        // ignore
      }
    }
  }, [s]);
  return flags;
}

/** One stocktake: count entry while counting, the differences once submitted, the outcome after. */
function StocktakeDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const scopeText = useScopeText();
  const q = useStocktake(id);
  const s = q.data;
  const [cancelling, setCancelling] = useState<Stocktake | undefined>();
  const recountFlags = useRecountFlags(s);
  const movedNow = useMovedLines(s);
  const countMoved = useMemo(() => {
    const m = new Map<string, number | null>(recountFlags);
    for (const [k, v] of movedNow) m.set(k, v);
    return m;
  }, [recountFlags, movedNow]);

  const back = (
    <Link to="/parts/stocktakes" data-testid="stocktake-back">
      <ArrowLeftOutlined /> {t('stocktake.title')}
    </Link>
  );
  if (q.isError && !s) {
    return (
      <div>
        {back}
        <QueryErrorResult error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  }
  if (!s) return <Spin style={{ display: 'block', margin: 48 }} />;

  const open = s.status === 'counting' || s.status === 'submitted';
  return (
    <div
      style={{ maxWidth: s.status === 'counting' ? 720 : 1100 }}
      data-testid="stocktake-detail"
      data-status={s.status}
    >
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={`${t('stocktake.title')} ${s.number}`}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void q.refetch()}
              loading={q.isFetching}
              aria-label={t('common.reload')}
              data-testid="stocktake-reload"
            />
            {open && can('parts.manage') ? (
              <Button danger onClick={() => setCancelling(s)} data-testid="stocktake-cancel">
                {t('stocktake.cancel')}
              </Button>
            ) : null}
          </>
        }
      >
        <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
          <StocktakeStatusTag status={s.status} />
          <Typography.Text strong data-testid="stocktake-location">
            {s.locationCode} {s.locationName}
          </Typography.Text>
          <Typography.Text type="secondary">{scopeText(s)}</Typography.Text>
        </Flex>
      </PageHeader>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'created',
            label: t('stocktake.createdBy'),
            children: `${s.createdByName} · ${formatDateTime(s.createdAt, lang, { seconds: false })}`,
          },
          ...(s.submittedByName
            ? [
                {
                  key: 'submitted',
                  label: t('stocktake.submittedBy'),
                  children: `${s.submittedByName} · ${formatDateTime(s.submittedAt, lang, { seconds: false })}`,
                },
              ]
            : []),
          ...(s.approvedByName
            ? [
                {
                  key: 'approved',
                  label: t('stocktake.approvedBy'),
                  children: `${s.approvedByName} · ${formatDateTime(s.approvedAt, lang, { seconds: false })}`,
                },
              ]
            : []),
          ...(s.cancelledByName
            ? [
                {
                  key: 'cancelled',
                  label: t('stocktake.cancelledByLabel'),
                  children: `${s.cancelledByName} · ${formatDateTime(s.cancelledAt, lang, { seconds: false })} · ${s.cancelReason}`,
                },
              ]
            : []),
          ...(s.note ? [{ key: 'note', label: t('stocktake.field.note'), children: s.note }] : []),
        ]}
      />
      {s.status === 'counting' ? (
        <StocktakeCount key={s.id} stocktake={s} canCount={can('stock.move')} moved={countMoved} />
      ) : (
        <StocktakeReview stocktake={s} moved={movedNow} />
      )}
      <StocktakeCancelModal stocktake={cancelling} onClose={() => setCancelling(undefined)} />
    </div>
  );
}

/** 库存盘点: the list, or one stocktake at /parts/stocktakes/:stocktakeId. */
export function StocktakesPage() {
  const { stocktakeId } = useParams();
  return stocktakeId ? <StocktakeDetail key={stocktakeId} id={stocktakeId} /> : <StocktakeList />;
}
