import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/contracts/field.contract';
import { READING_NAMES, READING_SPECS, type ReadingName, type TestMode } from '@shared/domain/field';
import { usePart } from '@web/features/parts/api/get-part';
import { useStockBalances } from '@web/features/parts/api/get-stock-balances';
import { useStockLocations } from '@web/features/parts/api/list-stock-locations';
import { useI18n } from '@web/lib/i18n';
import { Button, Flex, Input, Segmented, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useFieldAction } from '../api/use-field-action';
import { FieldError, GeneralErrors, StepErrorsProvider } from './field-errors';
import { type CapturedPhoto, PhotoCapture, photoIdsOf } from './photo-capture';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import type { StepProps } from './steps-travel';
import { BigButton, CheckRow, parseNumber } from './ui';

// ---------- repair ----------

interface UsedLine {
  partId: string;
  code: string;
  name: string;
  quantity: number;
  source: 'van' | 'job';
  serials: string;
  lot: string;
  oldPartReturn: boolean;
  oldSerial: string;
}

function splitSerials(text: string): string[] {
  return text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The technician's van (its stock location), for the serials it holds. */
function useVanLocationId(technicianId: string): string | undefined {
  const vans = useStockLocations({ kind: 'van', pageSize: '200' });
  return vans.data?.items.find((l) => l.technicianId === technicianId)?.id;
}

function RepairLine({
  line,
  index,
  vanId,
  onChange,
}: {
  line: UsedLine;
  index: number;
  vanId: string | undefined;
  onChange: (v: Partial<UsedLine>) => void;
}) {
  const { t } = useI18n();
  const part = usePart(line.partId);
  const valuable = part.data?.valuable ?? false;
  const lotTracked = part.data?.lotTracked ?? false;
  const stock = useStockBalances(
    { locationId: vanId, partId: line.partId, pageSize: '200' },
    { enabled: Boolean(vanId) && line.source === 'van' && (valuable || lotTracked) },
  );
  const vanSerials = (stock.data?.items ?? []).map((b) => b.serial).filter(Boolean);
  const vanLots = [...new Set((stock.data?.items ?? []).map((b) => b.lot).filter(Boolean))];
  const chosen = splitSerials(line.serials);
  return (
    <div
      data-testid="repair-line"
      data-part-id={line.partId}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}
    >
      <Flex justify="space-between" wrap gap={6}>
        <span>
          <Typography.Text strong>{line.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {line.code} ×{line.quantity}
          </Typography.Text>
          {valuable ? (
            <Tag color="gold" style={{ marginInlineStart: 6 }}>
              {t('field.repair.valuable')}
            </Tag>
          ) : null}
        </span>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`field.source.${line.source}`)}</Tag>
      </Flex>
      {valuable ? (
        <div style={{ marginTop: 6 }}>
          <Typography.Text>{t('field.repair.serials', { n: line.quantity })}</Typography.Text>
          {vanSerials.length ? (
            <Flex wrap gap={6} style={{ margin: '4px 0' }}>
              {vanSerials.map((s) => (
                <Tag.CheckableTag
                  key={s}
                  checked={chosen.includes(s)}
                  onChange={(c) =>
                    onChange({
                      serials: (c ? [...chosen, s] : chosen.filter((x) => x !== s)).join(' '),
                    })
                  }
                  style={{ padding: '8px 10px', fontSize: 15, border: '1px solid #d9d9d9' }}
                >
                  {s}
                </Tag.CheckableTag>
              ))}
            </Flex>
          ) : null}
          <Input
            size="large"
            value={line.serials}
            onChange={(e) => onChange({ serials: e.target.value })}
            placeholder={t('field.repair.serialsHint')}
            data-testid={`repair-serials-${index}`}
          />
          <FieldError path={`parts.${index}.serials`} />
        </div>
      ) : null}
      {lotTracked ? (
        <div style={{ marginTop: 6 }}>
          <Typography.Text>{t('field.repair.lot')}</Typography.Text>
          {vanLots.length ? (
            <Flex wrap gap={6} style={{ margin: '4px 0' }}>
              {vanLots.map((l) => (
                <Tag.CheckableTag
                  key={l}
                  checked={line.lot === l}
                  onChange={() => onChange({ lot: l })}
                  style={{ padding: '8px 10px', fontSize: 15, border: '1px solid #d9d9d9' }}
                >
                  {l}
                </Tag.CheckableTag>
              ))}
            </Flex>
          ) : null}
          <Input
            size="large"
            value={line.lot}
            onChange={(e) => onChange({ lot: e.target.value })}
            data-testid={`repair-lot-${index}`}
          />
          <FieldError path={`parts.${index}.lot`} />
        </div>
      ) : null}
      <div style={{ marginTop: 6 }}>
        <CheckRow
          checked={line.oldPartReturn}
          onChange={(c) => onChange({ oldPartReturn: c })}
          testId={`repair-old-return-${index}`}
        >
          {t('field.repair.oldReturn')}
        </CheckRow>
        {line.oldPartReturn && valuable ? (
          <Input
            size="large"
            value={line.oldSerial}
            onChange={(e) => onChange({ oldSerial: e.target.value })}
            placeholder={t('field.repair.oldSerial')}
            style={{ marginTop: 6 }}
            data-testid={`repair-old-serial-${index}`}
          />
        ) : null}
      </div>
      <FieldError path={`parts.${index}`} />
    </div>
  );
}

/** The parts the customer agreed to, minus what earlier steps of this order fitted already. */
function agreedLines(visit: Visit): UsedLine[] {
  const fitted = new Map<string, number>();
  for (const p of visit.parts) fitted.set(p.partId, (fitted.get(p.partId) ?? 0) + p.quantity);
  return (visit.quote?.lines ?? [])
    .filter((l) => l.kind === 'part' && l.partId)
    .map((l) => ({
      partId: l.partId as string,
      code: l.code ?? '',
      name: l.description,
      quantity: l.quantity - (fitted.get(l.partId as string) ?? 0),
      source: l.source ?? 'van',
      serials: '',
      lot: '',
      oldPartReturn: true,
      oldSerial: '',
    }))
    .filter((l) => l.quantity > 0);
}

export function RepairStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const vanId = useVanLocationId(visit.technician.id);
  const [lines, setLines] = useState<UsedLine[]>(() => agreedLines(visit));
  const [workDone, setWorkDone] = useState(() => {
    const names = agreedLines(visit).map((l) => l.name);
    return names.length ? t('field.repair.replaced', { parts: names.join('、') }) : '';
  });
  const patch = (i: number, v: Partial<UsedLine>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...v } : l)));
  const paths = [
    'workDone',
    'parts',
    ...lines.flatMap((_, i) => [`parts.${i}`, `parts.${i}.serials`, `parts.${i}.lot`]),
  ];
  return (
    <StepErrorsProvider error={action.error} paths={paths}>
      {visit.diagnosis ? (
        <Typography.Paragraph type="secondary">
          {t('field.repair.cause', { cause: visit.diagnosis.cause })}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={8}>
        {lines.map((l, i) => (
          <RepairLine key={l.partId} line={l} index={i} vanId={vanId} onChange={(v) => patch(i, v)} />
        ))}
        {lines.length === 0 ? <Typography.Text type="secondary">{t('field.repair.noParts')}</Typography.Text> : null}
      </Flex>
      <FieldError path="parts" />
      <div style={{ marginTop: 10 }}>
        <Typography.Text strong>{t('field.repair.workDone')}</Typography.Text>
        <Input.TextArea
          value={workDone}
          onChange={(e) => setWorkDone(e.target.value)}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 5 }}
          style={{ marginTop: 4, fontSize: 16 }}
          data-testid="repair-work-done"
        />
        <FieldError path="workDone" />
      </div>
      <GeneralErrors />
      <BigButton
        disabled={workDone.trim().length < 2}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'repair',
            workDone: workDone.trim(),
            parts: lines.map((l) => {
              const serials = splitSerials(l.serials);
              return {
                partId: l.partId,
                quantity: l.quantity,
                source: l.source,
                ...(serials.length ? { serials } : {}),
                ...(l.lot.trim() ? { lot: l.lot.trim() } : {}),
                oldPartReturn: l.oldPartReturn,
                ...(l.oldPartReturn && l.oldSerial.trim() ? { oldSerial: l.oldSerial.trim() } : {}),
              };
            }),
          })
        }
      >
        {t('field.repair.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- tests ----------

export function TestsStep({ visit }: StepProps) {
  const { t, lang } = useI18n();
  const action = useFieldAction(visit.id);
  const [mode, setMode] = useState<TestMode>('cooling');
  const [values, setValues] = useState<Partial<Record<ReadingName, string>>>({});
  const [noLeaks, setNoLeaks] = useState(false);
  const [remoteOk, setRemoteOk] = useState(false);
  const [noiseOk, setNoiseOk] = useState(false);
  const num = (n: ReadingName) => parseNumber(values[n] ?? '');
  const inlet = num('inletTemp');
  const outlet = num('outletTemp');
  const delta = inlet !== undefined && outlet !== undefined ? Math.abs(inlet - outlet) : undefined;
  const needDelta = mode === 'cooling' ? 8 : 15;
  const missing = READING_NAMES.filter((n) => READING_SPECS[n].required && num(n) === undefined);
  return (
    <StepErrorsProvider error={action.error} paths={['mode', ...READING_NAMES.map((n) => `readings.${n}`)]}>
      <Segmented<TestMode>
        block
        size="large"
        value={mode}
        onChange={setMode}
        options={[
          { value: 'cooling', label: <span data-testid="tests-mode-cooling">{t('field.tests.cooling')}</span> },
          { value: 'heating', label: <span data-testid="tests-mode-heating">{t('field.tests.heating')}</span> },
        ]}
      />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 10 }}>
        {READING_NAMES.map((n) => {
          const spec = READING_SPECS[n];
          const r = spec.range[mode];
          return (
            <div key={n}>
              <Typography.Text>
                {spec.label[lang]}
                {spec.required ? '' : ` ${t('field.optional')}`}
              </Typography.Text>
              <Input
                size="large"
                inputMode="decimal"
                value={values[n] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [n]: e.target.value }))}
                suffix={spec.unit}
                placeholder={`${r.min}–${r.max}`}
                data-testid={`tests-reading-${n}`}
              />
              <FieldError path={`readings.${n}`} />
            </div>
          );
        })}
      </div>
      {delta !== undefined ? (
        <Typography.Text
          type={delta >= needDelta ? 'success' : 'danger'}
          style={{ display: 'block', marginTop: 6 }}
          data-testid="tests-delta"
        >
          {t('field.tests.delta', { delta: delta.toFixed(1), need: needDelta })}
        </Typography.Text>
      ) : null}
      <Flex vertical gap={8} style={{ marginTop: 10 }}>
        <CheckRow checked={noLeaks} onChange={setNoLeaks} testId="tests-no-leaks">
          {t('field.tests.noLeaks')}
        </CheckRow>
        <CheckRow checked={remoteOk} onChange={setRemoteOk} testId="tests-remote">
          {t('field.tests.remote')}
        </CheckRow>
        <CheckRow checked={noiseOk} onChange={setNoiseOk} testId="tests-noise">
          {t('field.tests.noise')}
        </CheckRow>
      </Flex>
      <GeneralErrors />
      <BigButton
        disabled={missing.length > 0}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'tests',
            mode,
            readings: Object.fromEntries(
              READING_NAMES.flatMap((n) => {
                const v = num(n);
                return v === undefined ? [] : [[n, v]];
              }),
            ),
            noLeaks,
            remoteOk,
            noiseOk,
          })
        }
      >
        {t('field.tests.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- handover ----------

const ADVICE_KEYS = [
  'field.advice.bracket',
  'field.advice.filter',
  'field.advice.drain',
  'field.advice.wiring',
] as const;

export function HandoverStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [shown, setShown] = useState(false);
  const [advice, setAdvice] = useState<string[]>([]);
  const [text, setText] = useState('');
  const addAdvice = (a: string) => {
    const s = a.trim();
    if (s && !advice.includes(s)) setAdvice((x) => [...x, s]);
  };
  return (
    <StepErrorsProvider error={action.error} paths={['shownHowToUse', 'advice']}>
      <CheckRow checked={shown} onChange={setShown} testId="handover-shown">
        {t('field.handover.shown')}
      </CheckRow>
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
        {t('field.handover.advice')}
      </Typography.Text>
      <Flex wrap gap={6} style={{ margin: '6px 0' }}>
        {ADVICE_KEYS.map((k) => (
          <Tag.CheckableTag
            key={k}
            checked={advice.includes(t(k))}
            onChange={(c) => (c ? addAdvice(t(k)) : setAdvice((x) => x.filter((a) => a !== t(k))))}
            style={{ padding: '8px 10px', fontSize: 15, border: '1px solid #d9d9d9' }}
          >
            {t(k)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Flex gap={6}>
        <Input
          size="large"
          value={text}
          maxLength={300}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => {
            addAdvice(text);
            setText('');
          }}
          placeholder={t('field.handover.adviceHint')}
          data-testid="handover-advice-input"
        />
        <Button
          size="large"
          icon={<PlusOutlined />}
          onClick={() => {
            addAdvice(text);
            setText('');
          }}
          data-testid="handover-advice-add"
          style={{ height: 40 }}
        />
      </Flex>
      {advice.length ? (
        <Flex vertical gap={4} style={{ marginTop: 6 }} data-testid="handover-advice-list">
          {advice.map((a) => (
            <Tag
              key={a}
              closable
              onClose={() => setAdvice((x) => x.filter((y) => y !== a))}
              style={{ fontSize: 14, padding: '4px 8px' }}
            >
              {a}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <FieldError path="advice" />
      <GeneralErrors />
      <BigButton
        disabled={!shown}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() => action.step(visit, { step: 'handover', shownHowToUse: shown, advice })}
      >
        {t('field.handover.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- site cleaned ----------

export function SiteCleanedStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [cleaned, setCleaned] = useState(false);
  const [packed, setPacked] = useState(false);
  const [photos, setPhotos] = useState<CapturedPhoto[]>([]);
  return (
    <StepErrorsProvider error={action.error} paths={['cleaned', 'oldPartsPacked', 'photoIds']}>
      <Flex vertical gap={8}>
        <CheckRow checked={cleaned} onChange={setCleaned} testId="site-cleaned">
          {t('field.site.cleaned')}
        </CheckRow>
        <FieldError path="cleaned" />
        <CheckRow checked={packed} onChange={setPacked} testId="site-old-parts">
          {t('field.site.packed')}
        </CheckRow>
        <FieldError path="oldPartsPacked" />
      </Flex>
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
        {t('field.site.photos')}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <PhotoCapture
          visitId={visit.id}
          step="site_cleaned"
          kind="after"
          photos={photos}
          onChange={setPhotos}
          testId="site-photos"
        />
      </div>
      <FieldError path="photoIds" />
      <GeneralErrors />
      <BigButton
        disabled={!cleaned || !packed}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'site_cleaned',
            cleaned,
            oldPartsPacked: packed,
            ...(photos.length ? { photoIds: photoIdsOf(photos) } : {}),
          })
        }
      >
        {t('field.site.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

// ---------- the customer's signature and completion ----------

export function SignatureStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const pad = useRef<SignaturePadHandle>(null);
  const [signer, setSigner] = useState('');
  const [padEmpty, setPadEmpty] = useState(true);
  const [localError, setLocalError] = useState<string>();
  return (
    <StepErrorsProvider error={action.error} paths={['signerName', 'signature']}>
      <Typography.Paragraph>{t('field.sign.completionHint')}</Typography.Paragraph>
      <Typography.Text strong>{t('field.sign.signer')}</Typography.Text>
      <Input
        size="large"
        value={signer}
        onChange={(e) => setSigner(e.target.value)}
        maxLength={32}
        style={{ marginTop: 4, marginBottom: 10 }}
        data-testid="signature-signer"
      />
      <FieldError path="signerName" />
      <SignaturePad ref={pad} testId="completion-signature" onChange={setPadEmpty} />
      <FieldError path="signature" />
      {localError ? <Typography.Text type="danger">{localError}</Typography.Text> : null}
      <GeneralErrors />
      <BigButton
        disabled={!signer.trim() || padEmpty}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() => {
          setLocalError(undefined);
          const png = pad.current?.toPngBase64();
          if (!png) {
            setLocalError(t('field.sign.empty'));
            return;
          }
          action.step(visit, {
            step: 'signature',
            signerName: signer.trim(),
            signature: { contentType: 'image/png', dataBase64: png },
          });
        }}
      >
        {t('field.sign.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

export function CompleteStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const skipped = visit.steps.filter((s) => s.status === 'skipped');
  return (
    <StepErrorsProvider error={action.error} paths={[]}>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('field.complete.hint')}</Typography.Paragraph>
      {skipped.length ? (
        <Typography.Paragraph type="secondary">
          {t('field.complete.skipped', { steps: skipped.map((s) => t(`field.step.${s.step}`)).join('、') })}
        </Typography.Paragraph>
      ) : null}
      <GeneralErrors />
      <BigButton
        icon={<CheckOutlined />}
        loading={action.isPending}
        data-testid="visit-complete"
        onClick={() =>
          action.run((key) => ({
            kind: 'complete',
            visitId: visit.id,
            body: { version: visit.version, idempotencyKey: key },
          }))
        }
      >
        {t('field.complete.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}
