import { DeleteOutlined, MinusOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import type { Part } from '@shared/contracts/parts.contract';
import { SITE_REFRIGERANTS, type SiteRefrigerant } from '@shared/domain/field';
import { formatHm } from '@web/features/dispatch/time';
import { useFaultCategories } from '@web/features/faults/api/list-fault-categories';
import { offlineText } from '@web/features/field/offline';
import { listPartsRequest, useParts } from '@web/features/parts/api/list-parts';
import { formatFen } from '@web/features/parts/money';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Flex, Input, Segmented, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useFieldAction } from '../api/use-field-action';
import { FieldError, GeneralErrors, StepErrorsProvider } from './field-errors';
import { type CapturedPhoto, PhotoCapture, photoIdsOf } from './photo-capture';
import type { StepProps } from './steps-travel';
import { BigButton, CheckRow, Chips, parseNumber } from './ui';

const TZ = DISPLAY_TIME_ZONE;

// ---------- safety ----------

export function SafetyStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const unitRefrigerant = SITE_REFRIGERANTS.find((r) => r === visit.workOrder.unit.refrigerant);
  const [power, setPower] = useState(false);
  const [height, setHeight] = useState(false);
  const [secured, setSecured] = useState(false);
  const [refrigerantWork, setRefrigerantWork] = useState(false);
  const [refrigerant, setRefrigerant] = useState<SiteRefrigerant | undefined>(unitRefrigerant);
  const [precautions, setPrecautions] = useState(false);
  const [ventilated, setVentilated] = useState(false);
  const flammable = refrigerant === 'R290' || refrigerant === 'R32';
  const ready =
    power &&
    (!height || secured) &&
    (!refrigerantWork || (refrigerant && precautions && (refrigerant !== 'R290' || ventilated)));
  return (
    <StepErrorsProvider
      error={action.error}
      paths={['powerIsolated', 'heightSecured', 'refrigerant', 'refrigerantPrecautions', 'ventilated']}
    >
      <Flex vertical gap={8}>
        <CheckRow checked={power} onChange={setPower} testId="safety-power">
          {t('field.safety.power')}
        </CheckRow>
        <FieldError path="powerIsolated" />
        <CheckRow checked={height} onChange={setHeight} testId="safety-height">
          {t('field.safety.height')}
        </CheckRow>
        {height ? (
          <>
            <CheckRow checked={secured} onChange={setSecured} testId="safety-height-secured">
              {t('field.safety.secured')}
            </CheckRow>
            <FieldError path="heightSecured" />
          </>
        ) : null}
        <CheckRow checked={refrigerantWork} onChange={setRefrigerantWork} testId="safety-refrigerant-work">
          {t('field.safety.refrigerantWork')}
        </CheckRow>
        {refrigerantWork ? (
          <div style={{ paddingInlineStart: 8 }}>
            <Typography.Text type="secondary">
              {unitRefrigerant
                ? t('field.safety.unitRefrigerant', { r: unitRefrigerant })
                : t('field.safety.pickRefrigerant')}
            </Typography.Text>
            <div style={{ margin: '6px 0' }}>
              <Chips
                testId="safety-refrigerant"
                value={refrigerant}
                onChange={setRefrigerant}
                options={SITE_REFRIGERANTS.map((r) => ({ value: r, label: r }))}
              />
            </div>
            <FieldError path="refrigerant" />
            <Flex vertical gap={8}>
              <CheckRow checked={precautions} onChange={setPrecautions} testId="safety-precautions">
                {t('field.safety.precautions')}
              </CheckRow>
              <FieldError path="refrigerantPrecautions" />
              {flammable ? (
                <>
                  <CheckRow checked={ventilated} onChange={setVentilated} testId="safety-ventilated">
                    {t('field.safety.ventilated', { r: refrigerant ?? '' })}
                  </CheckRow>
                  <FieldError path="ventilated" />
                </>
              ) : null}
            </Flex>
          </div>
        ) : null}
      </Flex>
      <GeneralErrors />
      <BigButton
        icon={<SafetyOutlined />}
        disabled={!ready}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'safety',
            powerIsolated: power,
            workAtHeight: height,
            ...(height ? { heightSecured: secured } : {}),
            refrigerantWork,
            ...(refrigerantWork && refrigerant
              ? {
                  refrigerant,
                  refrigerantPrecautions: precautions,
                  ...(flammable ? { ventilated } : {}),
                }
              : {}),
          })
        }
      >
        {t('field.safety.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- diagnosis ----------

const FINISH_HOURS = [1, 2, 4, 24] as const;

export function DiagnosisStep({ visit, onDone }: StepProps & { onDone?: () => void }) {
  const { t, lang } = useI18n();
  const action = useFieldAction(visit.id);
  const catalog = useFaultCategories();
  const prior = visit.diagnosis;
  const [category, setCategory] = useState<string | undefined>(prior?.faultCategory ?? visit.workOrder.faultCategory);
  const [codeId, setCodeId] = useState<string | undefined>(prior?.faultCodeId ?? undefined);
  const [cause, setCause] = useState(prior?.cause ?? '');
  const [finishHours, setFinishHours] = useState<number>();
  const [photos, setPhotos] = useState<CapturedPhoto[]>([]);
  const cat = catalog.data?.items.find((c) => c.code === category);
  const brand = visit.workOrder.unit.brand;
  const codes = useMemo(
    () => [...(cat?.codes ?? [])].sort((a, b) => Number(b.brand === brand) - Number(a.brand === brand)),
    [cat, brand],
  );
  const code = codes.find((c) => c.id === codeId);
  const complexity = code?.complexity ?? cat?.complexity;
  const finishAt = finishHours ? Date.now() + finishHours * 3_600_000 : undefined;

  return (
    <StepErrorsProvider error={action.error} paths={['faultCategory', 'faultCodeId', 'cause', 'expectedFinishAt']}>
      <Flex vertical gap={10}>
        <div>
          <Typography.Text strong>{t('field.diag.category')}</Typography.Text>
          <Select
            size="large"
            style={{ width: '100%', marginTop: 4 }}
            value={category}
            loading={catalog.isLoading}
            onChange={(v) => {
              setCategory(v);
              setCodeId(undefined);
            }}
            options={(catalog.data?.items ?? []).map((c) => ({
              value: c.code,
              label: lang === 'zh-CN' ? c.nameZh : c.nameEn,
            }))}
            data-testid="diag-category"
          />
          <FieldError path="faultCategory" />
        </div>
        <div>
          <Typography.Text strong>
            {t('field.diag.code')}
            {category === 'error_code' ? '' : ` ${t('field.optional')}`}
          </Typography.Text>
          <Select
            size="large"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: '100%', marginTop: 4 }}
            value={codeId}
            onChange={setCodeId}
            placeholder={t('field.diag.codeHint')}
            options={codes.map((c) => ({
              value: c.id,
              label: `${c.brand} ${c.code} · ${lang === 'zh-CN' ? c.meaningZh : c.meaningEn}`,
            }))}
            data-testid="diag-code"
          />
          <FieldError path="faultCodeId" />
        </div>
        <div>
          <Typography.Text strong>{t('field.diag.cause')}</Typography.Text>
          <Input.TextArea
            value={cause}
            onChange={(e) => setCause(e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            style={{ marginTop: 4, fontSize: 16 }}
            data-testid="diag-cause"
          />
          <FieldError path="cause" />
        </div>
        {complexity ? (
          <Tag color={complexity === 'complex' ? 'orange' : 'blue'} style={{ alignSelf: 'flex-start' }}>
            {complexity === 'complex' ? t('field.diag.complex') : t('field.diag.simple')}
          </Tag>
        ) : null}
        {complexity === 'complex' ? (
          <div>
            <Typography.Text strong>{t('field.diag.finish')}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              <Chips
                testId="diag-finish"
                value={finishHours}
                onChange={setFinishHours}
                options={FINISH_HOURS.map((h) => ({
                  value: h,
                  label: h === 24 ? t('field.diag.tomorrow') : t('field.diag.hours', { n: h }),
                }))}
              />
            </div>
            {finishAt ? (
              <Typography.Text type="secondary">
                {t('field.diag.finishAt', { at: formatHm(finishAt, TZ) })}
              </Typography.Text>
            ) : null}
            <FieldError path="expectedFinishAt" />
          </div>
        ) : null}
        <div>
          <Typography.Text strong>{t('field.diag.photos')}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <PhotoCapture
              visitId={visit.id}
              step="diagnosis"
              kind="fault"
              photos={photos}
              onChange={setPhotos}
              testId="diag-photos"
            />
          </div>
        </div>
      </Flex>
      <GeneralErrors />
      <BigButton
        disabled={!category || cause.trim().length < 4 || (complexity === 'complex' && !finishHours)}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(
            visit,
            {
              step: 'diagnosis',
              faultCategory: category as NonNullable<typeof prior>['faultCategory'],
              ...(codeId ? { faultCodeId: codeId } : {}),
              cause: cause.trim(),
              ...(complexity === 'complex' && finishHours
                ? { expectedFinishAt: new Date(Date.now() + finishHours * 3_600_000).toISOString() }
                : {}),
              ...(photos.length ? { photoIds: photoIdsOf(photos) } : {}),
            },
            onDone,
          )
        }
      >
        {t('field.diag.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- plan and quote ----------

interface QuoteLine {
  part: Part;
  quantity: number;
  source: 'van' | 'job';
  insteadOfPartId?: string | undefined;
}

/** Designated parts of a category (what a non-designated part replaces). */
function DesignatedPicker({
  category,
  value,
  onChange,
  testId,
}: {
  category: Part['category'];
  value: string | undefined;
  onChange: (v: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const parts = useParts({ category, pageSize: '200' });
  return (
    <Select
      size="large"
      style={{ width: '100%' }}
      placeholder={t('field.quote.insteadOf')}
      value={value}
      onChange={onChange}
      loading={parts.isLoading}
      options={(parts.data?.items ?? [])
        .filter((p) => p.designated && p.active)
        .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      data-testid={testId}
    />
  );
}

export function QuoteStep({ visit, job, onDone }: StepProps & { onDone?: () => void }) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [lines, setLines] = useState<QuoteLine[]>([]);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [km, setKm] = useState(visit.quote ? String(visit.quote.travelKm) : '');
  const found = useParts(
    { q: search.trim() || undefined, active: 'true', pageSize: '20' },
    { enabled: search.trim().length > 0 },
  );
  const van = new Map<string, number>();
  for (const lp of job?.likelyParts ?? []) for (const s of lp.vanStock) van.set(s.partId, s.quantity);
  const vanChoices = (job?.likelyParts ?? []).flatMap((lp) => lp.vanStock);

  const add = (part: Part) =>
    setLines((ls) =>
      ls.some((l) => l.part.id === part.id)
        ? ls
        : [...ls, { part, quantity: 1, source: van.has(part.id) ? 'van' : 'job' }],
    );
  const addById = async (partId: string, code: string) => {
    setAdding(true);
    try {
      const r = await listPartsRequest({ q: code, pageSize: '20' });
      const p = r.items.find((x) => x.id === partId);
      if (p) add(p);
    } finally {
      setAdding(false);
    }
  };
  const patch = (i: number, v: Partial<QuoteLine>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...v } : l)));
  const travel = parseNumber(km);
  const ready = travel !== undefined && travel >= 0 && lines.every((l) => l.part.designated || l.insteadOfPartId);

  return (
    <StepErrorsProvider error={action.error} paths={['parts', 'travelKm']}>
      {vanChoices.length ? (
        <div style={{ marginBottom: 10 }}>
          <Typography.Text strong>{t('field.quote.fromVan')}</Typography.Text>
          <Flex wrap gap={8} style={{ marginTop: 4 }}>
            {vanChoices.map((s) => (
              <Button
                key={s.partId}
                size="large"
                style={{ height: 48 }}
                loading={adding}
                disabled={lines.some((l) => l.part.id === s.partId)}
                onClick={() => void addById(s.partId, s.code)}
                data-testid="quote-van-part"
                data-part-id={s.partId}
              >
                {s.name} ×{s.quantity}
              </Button>
            ))}
          </Flex>
        </div>
      ) : null}
      <Typography.Text strong>{t('field.quote.catalog')}</Typography.Text>
      <Select
        size="large"
        showSearch
        filterOption={false}
        searchValue={search}
        onSearch={setSearch}
        value={null}
        placeholder={t('field.quote.searchHint')}
        style={{ width: '100%', marginTop: 4 }}
        loading={found.isFetching}
        notFoundContent={search.trim() ? t('field.quote.noPart') : null}
        onChange={(id: string) => {
          const p = found.data?.items.find((x) => x.id === id);
          if (p) add(p);
          setSearch('');
        }}
        options={(found.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.code} ${p.name}${p.designated ? '' : ` (${t('field.quote.nonDesignated')})`}`,
        }))}
        data-testid="quote-part-search"
      />
      <Flex vertical gap={10} style={{ marginTop: 10 }} data-testid="quote-lines">
        {lines.map((l, i) => (
          <div
            key={l.part.id}
            data-testid="quote-line"
            data-part-id={l.part.id}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}
          >
            <Flex justify="space-between" align="center" gap={8}>
              <div>
                <Typography.Text strong>{l.part.name}</Typography.Text>{' '}
                <Typography.Text type="secondary">{l.part.code}</Typography.Text>
                {l.part.designated ? null : (
                  <Tag color="orange" style={{ marginInlineStart: 6 }}>
                    {t('field.quote.nonDesignated')}
                  </Tag>
                )}
              </div>
              <Button
                danger
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('field.remove')}
                style={{ width: 44, height: 44 }}
                onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
              />
            </Flex>
            <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 6 }} wrap>
              <Flex align="center" gap={4}>
                <Button
                  icon={<MinusOutlined />}
                  style={{ width: 44, height: 44 }}
                  disabled={l.quantity <= 1}
                  onClick={() => patch(i, { quantity: l.quantity - 1 })}
                />
                <span style={{ minWidth: 28, textAlign: 'center', fontSize: 18 }} data-testid="quote-line-qty">
                  {l.quantity}
                </span>
                <Button
                  icon={<PlusOutlined />}
                  style={{ width: 44, height: 44 }}
                  onClick={() => patch(i, { quantity: l.quantity + 1 })}
                />
              </Flex>
              <Segmented<'van' | 'job'>
                size="large"
                value={l.source}
                onChange={(v) => patch(i, { source: v })}
                options={[
                  { value: 'van', label: t('field.source.van'), disabled: !van.has(l.part.id) },
                  { value: 'job', label: t('field.source.job') },
                ]}
              />
            </Flex>
            {l.part.designated ? null : (
              <div style={{ marginTop: 6 }}>
                <DesignatedPicker
                  category={l.part.category}
                  value={l.insteadOfPartId}
                  onChange={(v) => patch(i, { insteadOfPartId: v })}
                  testId="quote-instead-of"
                />
              </div>
            )}
            <FieldError path={`parts.${i}`} />
          </div>
        ))}
        {lines.length === 0 ? (
          <Typography.Text type="secondary" data-testid="quote-no-parts">
            {t('field.quote.labourOnly')}
          </Typography.Text>
        ) : null}
      </Flex>
      <FieldError path="parts" />
      <div style={{ marginTop: 10 }}>
        <Typography.Text strong>{t('field.quote.travelKm')}</Typography.Text>
        <Input
          size="large"
          inputMode="decimal"
          value={km}
          onChange={(e) => setKm(e.target.value)}
          suffix="km"
          style={{ marginTop: 4 }}
          data-testid="quote-travel-km"
        />
        <FieldError path="travelKm" />
      </div>
      <GeneralErrors />
      <BigButton
        disabled={!ready}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(
            visit,
            {
              step: 'quote',
              parts: lines.map((l) => ({
                partId: l.part.id,
                quantity: l.quantity,
                source: l.source,
                ...(l.insteadOfPartId && !l.part.designated ? { insteadOfPartId: l.insteadOfPartId } : {}),
              })),
              travelKm: travel ?? 0,
            },
            onDone,
          )
        }
      >
        {t('field.quote.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

/** The plan and quote as the customer sees it: lines, warranty coverage, totals, non-designated parts' terms. */
export function QuoteView({
  quote,
  pricePending = false,
}: {
  quote: NonNullable<StepProps['visit']['quote']>;
  /** Made offline: the server prices it when the phone syncs — no amounts to show or sign for yet. */
  pricePending?: boolean;
}) {
  const { t, lang } = useI18n();
  if (pricePending) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="quote-price-pending"
        title={offlineText(lang, 'priceLater')}
        description={quote.lines
          .filter((l) => l.kind === 'part')
          .map((l) => `${l.description} ×${l.quantity}`)
          .join('、')}
      />
    );
  }
  return (
    <div data-testid="quote-view" data-version={quote.version} style={{ fontSize: 15 }}>
      {quote.lines.map((l, i) => (
        <Flex
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; their order is the quote's
          key={i}
          justify="space-between"
          gap={8}
          style={{ padding: '4px 0', borderBottom: '1px dashed #f0f0f0' }}
          data-testid="quote-view-line"
          data-kind={l.kind}
        >
          <span>
            {l.kind === 'labour'
              ? t('field.quote.labour', { minutes: quote.labourMinutes, tier: quote.difficulty })
              : l.kind === 'travel'
                ? t('field.quote.travel', { km: quote.travelKm })
                : `${l.description} ×${l.quantity}`}
            {l.covered ? (
              <Tag color="green" style={{ marginInlineStart: 6 }}>
                {l.coverage === 'part_warranty' ? t('field.quote.partWarranty') : t('field.quote.unitWarranty')}
              </Tag>
            ) : null}
            {l.kind === 'part' && l.designated === false ? (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                {t('field.quote.nonDesignated')}
              </Tag>
            ) : null}
          </span>
          <span style={{ whiteSpace: 'nowrap' }}>
            {l.covered ? <s style={{ color: '#8c8c8c' }}>{formatFen(l.amountFen)}</s> : formatFen(l.amountFen)}
          </span>
        </Flex>
      ))}
      <Flex justify="space-between" style={{ marginTop: 6 }}>
        <span>{t('field.quote.total')}</span>
        <span>{formatFen(quote.totalFen)}</span>
      </Flex>
      {quote.warrantyFen ? (
        <Flex justify="space-between">
          <span>{t('field.quote.warranty')}</span>
          <span>-{formatFen(quote.warrantyFen)}</span>
        </Flex>
      ) : null}
      <Flex justify="space-between" style={{ fontSize: 20, fontWeight: 700, marginTop: 4 }}>
        <span>{t('field.quote.customerPays')}</span>
        <span data-testid="quote-customer-pays">{formatFen(quote.customerPaysFen)}</span>
      </Flex>
    </div>
  );
}
