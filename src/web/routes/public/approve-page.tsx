import type { QuoteView } from '@shared/contracts/field.contract';
import { formatFen } from '@web/features/parts/money';
import { usePublicFaultCategories } from '@web/features/public/api/list-public-fault-categories';
import {
  APPROVAL_TOKEN,
  type ApprovalDecision,
  type QuoteApproval,
  useDecideQuoteApproval,
  useQuoteApproval,
} from '@web/features/public/api/quote-approval';
import { PublicShell } from '@web/features/public/components/public-shell';
import { type PublicT, usePublicT } from '@web/features/public/messages';
import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** What the page shows instead of the buttons: the link's state in plain words. */
type LinkState = 'approved' | 'declined' | 'superseded' | 'expired';

/** Why the server refused a decision (409 ILLEGAL_TRANSITION `details.reason`). */
type Refusal = 'link_used' | 'link_expired';

function refusalOf(error: unknown): Refusal | null {
  if (!isApiError(error) || error.code !== 'ILLEGAL_TRANSITION') return null;
  const reason = error.details.reason;
  return reason === 'link_used' || reason === 'link_expired' ? reason : null;
}

/** A wrong token answers 404, a malformed one 400: both are "no such link" to the customer. */
const isInvalidLink = (error: unknown) =>
  isApiError(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED');

function linkState(approval: QuoteApproval, refused: Refusal | null): LinkState | null {
  if (refused === 'link_expired') return 'expired';
  if (approval.status === 'approved' || approval.status === 'declined') return approval.status;
  // The server says whether the link ran out (its clock, not the phone's).
  if (approval.status === 'superseded') return approval.expired ? 'expired' : 'superseded';
  if (refused === 'link_used') return 'superseded';
  return null;
}

/**
 * /approve?t=…: the customer's approval of the plan and quote, opened from the SMS the technician sends
 * (recordConsent by link). No login; the token is the only key and stays in the address bar it came in.
 */
export function ApprovePage() {
  const t = usePublicT();
  const [params] = useSearchParams();
  const token = params.get('t');
  const validToken = token !== null && APPROVAL_TOKEN.test(token);
  const approval = useQuoteApproval(token);

  let content: ReactNode;
  if (!validToken || (approval.isError && isInvalidLink(approval.error))) {
    content = <InvalidLink t={t} />;
  } else if (approval.isPending) {
    content = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin tip={t('approve.loading')}>
          <div style={{ width: 80, height: 40 }} />
        </Spin>
      </Flex>
    );
  } else if (approval.isError) {
    content = (
      <Flex vertical gap={12}>
        <Alert type="error" showIcon title={t('approve.loadFailed')} description={errorMessage(approval.error)} />
        <Button size="large" onClick={() => void approval.refetch()} loading={approval.isFetching}>
          {t('approve.retry')}
        </Button>
      </Flex>
    );
  } else {
    content = <Approval token={token} approval={approval.data} />;
  }
  return (
    <PublicShell title={t('approve.title')}>
      <div data-testid="approve-page">{content}</div>
    </PublicShell>
  );
}

function InvalidLink({ t }: { t: PublicT }) {
  return (
    <div data-testid="approve-invalid">
      <Result
        status="warning"
        title={t('approve.invalid')}
        subTitle={t('approve.invalidHint')}
        style={{ padding: '32px 8px' }}
      />
    </div>
  );
}

function Approval({ token, approval }: { token: string; approval: QuoteApproval }) {
  const t = usePublicT();
  const { lang } = useI18n();
  const decide = useDecideQuoteApproval(token);
  const sending = useRef(false);
  const [result, setResult] = useState<ApprovalDecision | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [confirmDecline, setConfirmDecline] = useState(false);
  const { quote } = approval;

  const send = async (decision: ApprovalDecision) => {
    // One decision per tap: a second tap before the first answer does nothing (the buttons are disabled too).
    if (sending.current) return;
    sending.current = true;
    try {
      await decide.mutateAsync(decision);
      setResult(decision);
    } catch (error) {
      setRefused(refusalOf(error));
    } finally {
      sending.current = false;
    }
  };

  if (result) {
    return (
      <div data-testid="approve-result" data-decision={result}>
        <Result
          status={result === 'approve' ? 'success' : 'info'}
          title={result === 'approve' ? t('approve.approved') : t('approve.declined')}
          subTitle={`${t('approve.order')} ${approval.workOrderNumber}`}
          style={{ padding: '32px 8px' }}
        />
      </div>
    );
  }

  const state = linkState(approval, refused);
  const failure = decide.isError && !refusalOf(decide.error) ? errorMessage(decide.error) : null;

  return (
    <Flex vertical gap={12} data-testid="approve-view" data-status={approval.status}>
      {state === null && <Typography.Text type="secondary">{t('approve.intro')}</Typography.Text>}
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('approve.order')}>
            <span data-testid="approve-order-number">{approval.workOrderNumber}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('approve.technician')}>{approval.technicianName}</Descriptions.Item>
          {approval.expiresAt && state === null ? (
            <Descriptions.Item label={t('approve.expiresAt')}>
              <span data-testid="approve-expires" data-at={approval.expiresAt}>
                {formatDateTime(approval.expiresAt, lang, { seconds: false })}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {state ? <StateNotice state={state} t={t} /> : null}
      {approval.diagnosis ? <Diagnosis diagnosis={approval.diagnosis} t={t} /> : null}
      <QuoteCard quote={quote} t={t} />
      {quote.nonDesignated.map((n) => (
        <NonDesignatedBox key={n.partId} terms={n} t={t} />
      ))}
      {state === null ? (
        <div>
          <Typography.Paragraph
            strong={quote.nonDesignated.length > 0}
            style={{ marginBottom: 8 }}
            data-testid="approve-accept-note"
          >
            {t(quote.nonDesignated.length ? 'approve.acceptNoteNd' : 'approve.acceptNote', {
              amount: formatFen(quote.customerPaysFen),
            })}
          </Typography.Paragraph>
          {failure ? (
            <Alert type="error" showIcon title={failure} style={{ marginBottom: 8 }} data-testid="approve-error" />
          ) : null}
          {confirmDecline ? (
            <Card size="small" styles={{ body: { padding: 12 } }}>
              <Typography.Text strong style={{ fontSize: 17 }}>
                {t('approve.declineAsk')}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px' }}>
                {t('approve.declineHint')}
              </Typography.Paragraph>
              <Flex gap={8}>
                <Button
                  size="large"
                  style={{ flex: 1, height: 48 }}
                  disabled={decide.isPending}
                  onClick={() => setConfirmDecline(false)}
                >
                  {t('approve.declineBack')}
                </Button>
                <Button
                  danger
                  type="primary"
                  size="large"
                  style={{ flex: 1, height: 48 }}
                  loading={decide.isPending}
                  onClick={() => void send('decline')}
                  data-testid="approve-decline-confirm"
                >
                  {t('approve.declineConfirm')}
                </Button>
              </Flex>
            </Card>
          ) : (
            <Flex vertical gap={8}>
              <Button
                type="primary"
                block
                size="large"
                style={{ height: 56, fontSize: 18 }}
                loading={decide.isPending}
                onClick={() => void send('approve')}
                data-testid="approve-accept"
              >
                {t('approve.accept')}
              </Button>
              <Button
                block
                size="large"
                style={{ height: 52, fontSize: 17 }}
                disabled={decide.isPending}
                onClick={() => setConfirmDecline(true)}
                data-testid="approve-decline"
              >
                {t('approve.decline')}
              </Button>
            </Flex>
          )}
        </div>
      ) : null}
    </Flex>
  );
}

function StateNotice({ state, t }: { state: LinkState; t: PublicT }) {
  const type = state === 'approved' ? 'success' : state === 'declined' ? 'info' : 'warning';
  return (
    <Alert
      type={type}
      showIcon
      title={<span style={{ fontSize: 16 }}>{t(`approve.state.${state}`)}</span>}
      data-testid="approve-state"
      data-status={state}
    />
  );
}

function Diagnosis({ diagnosis, t }: { diagnosis: NonNullable<QuoteApproval['diagnosis']>; t: PublicT }) {
  const { lang } = useI18n();
  const categories = usePublicFaultCategories();
  const category = categories.data?.items.find((c) => c.code === diagnosis.faultCategory);
  const fault = category ? (lang === 'zh-CN' ? category.nameZh : category.nameEn) : diagnosis.faultCategory;
  return (
    <Card size="small" title={t('approve.diagnosis')} data-testid="approve-diagnosis">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('approve.fault')}>{fault}</Descriptions.Item>
        <Descriptions.Item label={t('approve.cause')}>{diagnosis.cause}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function lineTitle(line: QuoteView['lines'][number], quote: QuoteView, t: PublicT): string {
  if (line.kind === 'labour') return t('approve.labour', { minutes: quote.labourMinutes, tier: quote.difficulty });
  if (line.kind === 'travel') return t('approve.travel', { km: quote.travelKm });
  return line.description;
}

function QuoteCard({ quote, t }: { quote: QuoteView; t: PublicT }) {
  return (
    <Card size="small" title={t('approve.quote')} data-testid="approve-quote" data-version={quote.version}>
      {quote.unitInWarranty ? (
        <Typography.Paragraph type="success" style={{ marginBottom: 8 }}>
          {t('approve.unitInWarranty')}
        </Typography.Paragraph>
      ) : null}
      {quote.lines.map((l, i) => (
        <Flex
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; their order is the quote's
          key={i}
          justify="space-between"
          align="flex-start"
          gap={8}
          style={{ padding: '8px 0', borderBottom: '1px dashed #f0f0f0', fontSize: 15 }}
          data-testid="approve-quote-line"
          data-kind={l.kind}
          data-covered={String(l.covered)}
        >
          <div style={{ minWidth: 0 }}>
            <div>
              {lineTitle(l, quote, t)}
              {l.kind === 'part' && l.designated === false ? (
                <Tag color="orange" style={{ marginInlineStart: 6 }}>
                  {t('approve.nonDesignatedTag')}
                </Tag>
              ) : null}
              {l.covered ? (
                <Tag color="green" style={{ marginInlineStart: 6 }} data-testid="approve-line-covered">
                  {t('approve.covered')}
                </Tag>
              ) : null}
            </div>
            {l.kind === 'part' ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('approve.unitPrice', { price: formatFen(l.unitPriceFen), quantity: l.quantity })}
              </Typography.Text>
            ) : null}
          </div>
          <span style={{ whiteSpace: 'nowrap' }} data-testid="approve-line-amount">
            {l.covered ? <s style={{ color: '#8c8c8c' }}>{formatFen(l.amountFen)}</s> : formatFen(l.amountFen)}
          </span>
        </Flex>
      ))}
      <Flex justify="space-between" style={{ marginTop: 8, fontSize: 15 }}>
        <span>{t('approve.total')}</span>
        <span data-testid="approve-total">{formatFen(quote.totalFen)}</span>
      </Flex>
      {quote.warrantyFen ? (
        <Flex justify="space-between" style={{ fontSize: 15 }}>
          <span>{t('approve.warranty')}</span>
          <span data-testid="approve-warranty">-{formatFen(quote.warrantyFen)}</span>
        </Flex>
      ) : null}
      <Flex justify="space-between" align="baseline" style={{ fontSize: 20, fontWeight: 700, marginTop: 4 }}>
        <span>{t('approve.customerPays')}</span>
        <span data-testid="approve-customer-pays">{formatFen(quote.customerPaysFen)}</span>
      </Flex>
    </Card>
  );
}

function NonDesignatedBox({ terms, t }: { terms: QuoteView['nonDesignated'][number]; t: PublicT }) {
  const diff = terms.unitPriceDifferenceFen;
  const price =
    diff === 0
      ? t('approve.nd.priceSame')
      : t(diff > 0 ? 'approve.nd.priceMore' : 'approve.nd.priceLess', {
          diff: formatFen(Math.abs(diff)),
          total: formatFen(Math.abs(terms.totalDifferenceFen)),
        });
  return (
    <div
      data-testid="approve-non-designated"
      data-part-id={terms.partId}
      data-difference-fen={terms.totalDifferenceFen}
      style={{ border: '2px solid #fa8c16', borderRadius: 8, background: '#fff7e6', padding: 12 }}
    >
      <Typography.Text strong style={{ fontSize: 16, display: 'block', marginBottom: 6 }}>
        {t('approve.nd.title')}
      </Typography.Text>
      <Descriptions column={1} size="small" styles={{ label: { width: 88, flexShrink: 0 } }}>
        <Descriptions.Item label={t('approve.nd.used')}>
          {terms.code} {terms.name} × {terms.quantity}
        </Descriptions.Item>
        <Descriptions.Item label={t('approve.nd.insteadOf')}>
          {terms.insteadOfCode} {terms.insteadOfName}
        </Descriptions.Item>
        <Descriptions.Item label={t('approve.nd.priceDiff')}>
          <span data-testid="approve-nd-difference">{price}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('approve.nd.warranty')}>
          <span data-testid="approve-nd-warranty">
            {t('approve.nd.warrantyMonths', {
              months: terms.warrantyMonths,
              designated: terms.designatedWarrantyMonths,
            })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="danger" strong style={{ fontSize: 16 }} data-testid="approve-nd-not-covered">
        {t('approve.nd.notCovered')}
      </Typography.Text>
    </div>
  );
}
