import { EditOutlined, MessageOutlined, ReloadOutlined } from '@ant-design/icons';
import { quotePricePending } from '@web/features/field/offline';
import { formatFen } from '@web/features/parts/money';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Card, Flex, Input, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useFieldAction } from '../api/use-field-action';
import { FieldError, GeneralErrors, StepErrorsProvider } from './field-errors';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import type { StepProps } from './steps-travel';
import { QuoteView } from './steps-work';
import { BigButton, CheckRow } from './ui';

/**
 * 客户确认: the customer reads the plan and quote, ticks each non-designated part's terms (price difference and
 * warranty) explicitly and signs on the screen; or a link is sent to their phone and the app waits for the answer.
 */
export function ConsentStep({
  visit,
  onEditQuote,
  onRefresh,
  refreshing,
}: StepProps & { onEditQuote: () => void; onRefresh: () => void; refreshing: boolean }) {
  const { t, lang } = useI18n();
  const sign = useFieldAction(visit.id);
  const link = useFieldAction(visit.id);
  const pad = useRef<SignaturePadHandle>(null);
  const [accepted, setAccepted] = useState<Record<string, boolean>>({});
  const [signer, setSigner] = useState('');
  const [padEmpty, setPadEmpty] = useState(true);
  const [localError, setLocalError] = useState<string>();
  const quote = visit.quote;
  if (!quote) return <Alert type="warning" title={t('field.consent.noQuote')} />;
  const consent = visit.consent && visit.consent.quoteVersion === quote.version ? visit.consent : null;
  const nd = quote.nonDesignated;
  const allTicked = nd.every((n) => accepted[n.partId]);

  if (consent?.status === 'pending' && consent.method === 'link') {
    return (
      <div data-testid="consent-waiting">
        <Flex vertical align="center" gap={8} style={{ padding: 16 }}>
          <Spin size="large" />
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('field.consent.waiting')}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('field.consent.sentAt', { at: formatDateTime(consent.requestedAt, lang) })}
          </Typography.Text>
        </Flex>
        <QuoteView quote={quote} pricePending={quotePricePending(visit)} />
        <Button
          block
          size="large"
          icon={<ReloadOutlined />}
          loading={refreshing}
          onClick={onRefresh}
          style={{ height: 48, marginTop: 12 }}
          data-testid="consent-refresh"
        >
          {t('field.consent.refresh')}
        </Button>
        <Button
          block
          size="large"
          icon={<EditOutlined />}
          onClick={onEditQuote}
          style={{ height: 48, marginTop: 8 }}
          data-testid="consent-edit-quote"
        >
          {t('field.consent.editQuote')}
        </Button>
      </div>
    );
  }

  const submit = () => {
    setLocalError(undefined);
    const png = pad.current?.toPngBase64();
    if (!png) {
      setLocalError(t('field.sign.empty'));
      return;
    }
    sign.run((key) => ({
      kind: 'consent',
      visitId: visit.id,
      body: {
        method: 'signature',
        version: visit.version,
        idempotencyKey: key,
        quoteVersion: quote.version,
        signerName: signer.trim(),
        signature: { contentType: 'image/png', dataBase64: png },
        acceptedNonDesignated: nd.filter((n) => accepted[n.partId]).map((n) => n.partId),
      },
    }));
  };

  return (
    <StepErrorsProvider error={sign.error ?? link.error} paths={['signerName', 'signature', 'acceptedNonDesignated']}>
      {consent?.status === 'declined' ? (
        <Alert type="error" showIcon title={t('field.consent.declined')} data-testid="consent-declined" />
      ) : null}
      <QuoteView quote={quote} pricePending={quotePricePending(visit)} />
      {nd.length ? (
        <Flex vertical gap={8} style={{ marginTop: 12 }} data-testid="consent-non-designated">
          <Typography.Text strong>{t('field.consent.ndTitle')}</Typography.Text>
          {nd.map((n) => (
            <Card key={n.partId} size="small" styles={{ body: { padding: 10 } }}>
              <Typography.Paragraph style={{ marginBottom: 6 }}>
                {t('field.consent.ndTerms', {
                  name: `${n.code} ${n.name}`,
                  instead: `${n.insteadOfCode} ${n.insteadOfName}`,
                  diff: formatFen(n.unitPriceDifferenceFen),
                  total: formatFen(n.totalDifferenceFen),
                  months: n.warrantyMonths,
                  designatedMonths: n.designatedWarrantyMonths,
                })}
              </Typography.Paragraph>
              <CheckRow
                checked={Boolean(accepted[n.partId])}
                onChange={(c) => setAccepted((a) => ({ ...a, [n.partId]: c }))}
                testId={`consent-nd-${n.partId}`}
              >
                {t('field.consent.ndAccept')}
              </CheckRow>
            </Card>
          ))}
          <FieldError path="acceptedNonDesignated" />
        </Flex>
      ) : null}
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('field.sign.signer')}</Typography.Text>
        <Input
          size="large"
          value={signer}
          onChange={(e) => setSigner(e.target.value)}
          maxLength={32}
          style={{ marginTop: 4 }}
          data-testid="consent-signer"
        />
        <FieldError path="signerName" />
      </div>
      <div style={{ marginTop: 10 }}>
        <SignaturePad ref={pad} testId="consent-signature" onChange={setPadEmpty} label={t('field.consent.signHere')} />
        <FieldError path="signature" />
      </div>
      {localError ? (
        <Typography.Text type="danger" data-testid="consent-local-error">
          {localError}
        </Typography.Text>
      ) : null}
      <GeneralErrors />
      <BigButton
        disabled={!allTicked || !signer.trim() || padEmpty}
        loading={sign.isPending}
        data-testid="consent-submit"
        onClick={submit}
      >
        {t('field.consent.submit')}
      </BigButton>
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button
          size="large"
          icon={<MessageOutlined />}
          style={{ flex: 1, height: 48 }}
          loading={link.isPending}
          data-testid="consent-send-link"
          onClick={() =>
            link.run((key) => ({
              kind: 'consent',
              visitId: visit.id,
              body: { method: 'link', version: visit.version, idempotencyKey: key, quoteVersion: quote.version },
            }))
          }
        >
          {t('field.consent.sendLink')}
        </Button>
        <Button
          size="large"
          icon={<EditOutlined />}
          style={{ flex: 1, height: 48 }}
          onClick={onEditQuote}
          data-testid="consent-edit-quote"
        >
          {t('field.consent.editQuote')}
        </Button>
      </Flex>
    </StepErrorsProvider>
  );
}
