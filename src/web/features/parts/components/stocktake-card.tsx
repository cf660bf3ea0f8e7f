import type { StocktakeStatus, StocktakeSummary } from '@shared/contracts/stocktakes.contract';
import { PART_CATEGORY_LABELS } from '@shared/domain/parts';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatFen } from '../money';
import { formatAccuracy } from '../stocktake-counting';

export const STOCKTAKE_STATUS_COLORS: Record<StocktakeStatus, string> = {
  counting: 'processing',
  submitted: 'warning',
  approved: 'success',
  cancelled: 'default',
};

export function StocktakeStatusTag({ status }: { status: StocktakeStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STOCKTAKE_STATUS_COLORS[status]} data-testid="stocktake-status" data-status={status}>
      {t(`stocktake.status.${status}`)}
    </Tag>
  );
}

/** "全盘" or "循环盘点：电容、风机电机". */
export function useScopeText() {
  const { t, lang } = useI18n();
  return (s: Pick<StocktakeSummary, 'scope' | 'categories'>) =>
    s.scope === 'full'
      ? t('stocktake.scope.full')
      : `${t('stocktake.scope.cycle')}：${s.categories.map((c) => PART_CATEGORY_LABELS[c][lang]).join('、')}`;
}

/** Signed money with its colour: gains green, losses red. */
export function SignedFen({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <Typography.Text
      type={fen > 0 ? 'success' : fen < 0 ? 'danger' : undefined}
      style={{ whiteSpace: 'nowrap' }}
      data-testid={testId}
      data-value={fen}
    >
      {fen > 0 ? '+' : ''}
      {formatFen(fen)}
    </Typography.Text>
  );
}

/** One stocktake in the list: location, scope, progress, accuracy, gain / loss / net value. */
export function StocktakeCard({ s }: { s: StocktakeSummary }) {
  const { t, lang } = useI18n();
  const scopeText = useScopeText();
  const r = s.report;
  const pct = r.lines ? Math.floor((r.linesCounted * 100) / r.lines) : 0;
  return (
    <Card size="small" data-testid={`stocktake-${s.number}`} data-status={s.status}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical style={{ minWidth: 0 }}>
          <Link to={`/parts/stocktakes/${s.id}`} data-testid={`stocktake-open-${s.number}`}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {s.number}
            </Typography.Text>{' '}
            <Typography.Text>
              {s.locationCode} {s.locationName}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {scopeText(s)} · {s.createdByName} · {formatDateTime(s.createdAt, lang, { seconds: false })}
          </Typography.Text>
        </Flex>
        <StocktakeStatusTag status={s.status} />
      </Flex>
      <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
        <Flex align="center" gap={8} style={{ minWidth: 180, flex: '1 1 180px' }}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('stocktake.progress', { counted: r.linesCounted, total: r.lines })}
          </Typography.Text>
          <Progress percent={pct} size="small" showInfo={false} style={{ margin: 0, flex: 1 }} />
        </Flex>
        <span data-testid="stocktake-accuracy" data-value={r.accuracyBasisPoints ?? ''}>
          <Typography.Text type="secondary">{t('stocktake.accuracy')} </Typography.Text>
          <Typography.Text strong>{formatAccuracy(r.accuracyBasisPoints)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({t('stocktake.matching', { matching: r.linesMatching, counted: r.linesCounted })})
          </Typography.Text>
        </span>
      </Flex>
      {r.linesCounted > 0 ? (
        <Flex gap={16} wrap style={{ marginTop: 4 }}>
          <span>
            <Typography.Text type="secondary">{t('stocktake.gain')} </Typography.Text>
            <SignedFen fen={r.gainValueFen} />
          </span>
          <span>
            <Typography.Text type="secondary">{t('stocktake.loss')} </Typography.Text>
            <SignedFen fen={r.lossValueFen} />
          </span>
          <span>
            <Typography.Text type="secondary">{t('stocktake.net')} </Typography.Text>
            <SignedFen fen={r.netValueFen} />
          </span>
        </Flex>
      ) : null}
      {s.status === 'cancelled' && s.cancelReason ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
          {t('stocktake.cancelledBy', { name: s.cancelledByName ?? '', reason: s.cancelReason })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
