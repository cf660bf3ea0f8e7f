// The one-page service record (维修服务记录) as data: every label localised, times in the branch's zone, money as
// ¥x.xx from integer fen, the customer masked. Built once per request (use-cases/service-record.ts) and drawn by two
// renderers, HTML and PDF, so they cannot drift apart. Pure: no I/O, no clock (the caller passes `now`).
import type { Visit } from '@shared/contracts/field.contract';
import { READING_SPECS, VISIT_STATUS_LABELS } from '@shared/domain/field';
import { FULL_MOBILE_PATTERN, maskPhone } from '@shared/domain/phone';
import { UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import type { Locale } from '@shared/errors';

/** What the record reads of the visit (the staff view of `visitView`: the customer is already masked there). */
export type RecordVisit = Pick<
  Visit,
  'workOrderNumber' | 'visitNo' | 'status' | 'workDone' | 'advice' | 'tests' | 'arrivedAt' | 'lateMinutes'
> &
  Pick<Visit, 'finishedAt' | 'technician'> & {
    diagnosis: Pick<NonNullable<Visit['diagnosis']>, 'faultCategory' | 'faultCode' | 'cause'> | null;
    quote: Pick<NonNullable<Visit['quote']>, 'totalFen' | 'warrantyFen' | 'customerPaysFen'> | null;
    consent: Pick<NonNullable<Visit['consent']>, 'method'> | null;
    parts: Pick<
      Visit['parts'][number],
      'partCode' | 'partName' | 'quantity' | 'serials' | 'warrantyMonths' | 'covered' | 'unitPriceFen'
    >[];
    workOrder: Pick<Visit['workOrder'], 'faultCategory' | 'customerName' | 'phoneMasked' | 'district'> & {
      unit: Pick<Visit['workOrder']['unit'], 'brand' | 'model' | 'type' | 'serial' | 'inWarranty'>;
    };
  };

export type SignaturePurpose = 'consent' | 'completion';

/** Everything the builder needs, gathered by the use case. */
export interface ServiceRecordFacts {
  locale: Locale;
  /** The branch's IANA zone (`branch.timeZone`). */
  timeZone: string;
  /** The company / branch name shown at the top and as the PDF's author (null: "Aircare"). */
  companyName: string | null;
  visit: RecordVisit;
  /** The fault catalog's categories (inactive included: an old visit may name one). */
  categories: readonly { code: string; nameZh: string; nameEn: string }[];
  /** The visit's signatures in signing order; names already masked (王**). */
  signatures: readonly { purpose: SignaturePurpose; signerNameMasked: string; signedAt: Date; png: Buffer }[];
  /** The request's time (ctx.now): the PDF's creation date of a visit not finished yet. */
  now: Date;
}

export interface RecordRow {
  label: string;
  value: string;
}

export interface RecordSignature {
  /** 客户确认维修方案 / 客户确认完工 */
  label: string;
  /** The PNG as signed; null when there is none (then `absentText`). */
  image: Buffer | null;
  imageAlt: string;
  /** "王** · 2026/07/15 10:20" */
  caption: string | null;
  absentText: string;
}

export interface RecordSection<T> {
  heading: string;
  /** Shown when there is nothing to list (muted). */
  emptyText: string;
  content: T;
}

export interface PartsTable {
  columns: [code: string, name: string, qty: string, serials: string, warranty: string, amount: string];
  rows: [code: string, name: string, qty: string, serials: string, warranty: string, amount: string][];
}

export interface ServiceRecordData {
  locale: Locale;
  /** 维修服务记录 / Service record */
  title: string;
  company: string;
  workOrderNumber: string;
  visitNo: number;
  /** "工单号 WO-… · 第1 次上门" */
  orderLine: string;
  /** The visit's status when it is not completed (a draft, not the final record); null when completed. */
  statusBanner: string | null;
  customer: RecordSection<RecordRow[]>;
  fault: RecordSection<RecordRow[]>;
  parts: RecordSection<PartsTable>;
  tests: RecordSection<RecordRow[]>;
  amounts: RecordSection<RecordRow[]>;
  times: RecordSection<RecordRow[]>;
  signatures: RecordSection<RecordSignature[]>;
  /** The document's metadata (PDF Info, HTML title). */
  meta: { title: string; author: string; subject: string; createdAt: Date };
  /** Without extension: service-record-WO-20260715-0001-1 */
  filenameBase: string;
}

/** ¥12.34 from integer fen, exactly (no floating point): 1234 → ¥12.34, 5 → ¥0.05, -250 → -¥2.50. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const abs = Math.abs(fen);
  const text = `¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return fen < 0 ? `-${text}` : text;
}

/** A moment in the branch's zone, to the minute: 2026/07/15 14:30 (zh-CN), 07/15/2026, 14:30 (en-US); null → —. */
export function formatDateTime(at: string | Date | null | undefined, timeZone: string, locale: Locale): string {
  if (!at) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof at === 'string' ? new Date(at) : at);
}

/**
 * Free text typed on the phone (cause, work done, advice) with any full mobile number masked (138****1234): the
 * record leaves the system as a file (a download, the customer's copy), so a number typed into a note must not.
 */
export function maskMobilesInText(text: string): string {
  return text.replace(FULL_MOBILE_PATTERN, (m) => maskPhone(m));
}

export function buildServiceRecordData(f: ServiceRecordFacts): ServiceRecordData {
  const { locale, timeZone, visit: v } = f;
  const L = (zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
  const when = (at: string | Date | null | undefined) => formatDateTime(at, timeZone, locale);
  const title = L('维修服务记录', 'Service record');
  const company = f.companyName ?? 'Aircare';
  const none = L('无', 'None');

  const categoryCode = v.diagnosis?.faultCategory ?? v.workOrder.faultCategory;
  const category = f.categories.find((c) => c.code === categoryCode);
  const categoryName = category ? L(category.nameZh, category.nameEn) : (categoryCode ?? '—');
  const unit = v.workOrder.unit;
  const unitType = UNIT_TYPE_LABELS[unit.type]?.[locale] ?? unit.type;

  const signature = (purpose: SignaturePurpose, label: string): RecordSignature => {
    const s = [...f.signatures].reverse().find((x) => x.purpose === purpose);
    return {
      label,
      image: s ? s.png : null,
      imageAlt: L('签名', 'signature'),
      caption: s ? `${s.signerNameMasked} · ${when(s.signedAt)}` : null,
      absentText:
        purpose === 'consent' && v.consent?.method === 'link'
          ? L('客户已通过短信链接确认', 'Approved by the customer through the SMS link')
          : none,
    };
  };

  const q = v.quote;
  const createdAt = v.finishedAt ? new Date(v.finishedAt) : f.now;
  return {
    locale,
    title,
    company,
    workOrderNumber: v.workOrderNumber,
    visitNo: v.visitNo,
    orderLine: `${L('工单号', 'Order')} ${v.workOrderNumber} · ${L('第', 'visit ')}${v.visitNo}${L(' 次上门', '')}`,
    statusBanner: v.status === 'completed' ? null : VISIT_STATUS_LABELS[v.status][locale],
    customer: {
      heading: L('客户与设备', 'Customer and unit'),
      emptyText: '—',
      content: [
        {
          label: L('客户', 'Customer'),
          value: `${v.workOrder.customerName} ${v.workOrder.phoneMasked} · ${v.workOrder.district}`,
        },
        {
          label: L('空调', 'Unit'),
          value: [
            `${unit.brand} ${unit.model}`,
            unitType,
            ...(unit.serial ? [`SN ${unit.serial}`] : []),
            unit.inWarranty ? L('保修期内', 'In warranty') : L('保修期外或未知', 'Out of warranty or unknown'),
          ].join(' · '),
        },
      ],
    },
    fault: {
      heading: L('故障与维修', 'Fault and work'),
      emptyText: '—',
      content: [
        {
          label: L('故障', 'Fault'),
          value: `${categoryName}${v.diagnosis?.faultCode ? ` · ${v.diagnosis.faultCode}` : ''}`,
        },
        { label: L('原因', 'Cause'), value: maskMobilesInText(v.diagnosis?.cause ?? '—') },
        { label: L('维修内容', 'Work done'), value: maskMobilesInText(v.workDone || '—') },
        { label: L('建议', 'Advice'), value: maskMobilesInText(v.advice.join('；') || '—') },
      ],
    },
    parts: {
      heading: L('更换配件', 'Parts'),
      emptyText: none,
      content: {
        columns: [
          L('编码', 'Code'),
          L('名称', 'Name'),
          L('数量', 'Qty'),
          L('序列号', 'Serials'),
          L('质保', 'Warranty'),
          L('金额', 'Amount'),
        ],
        rows: v.parts.map((p) => [
          p.partCode,
          p.partName,
          String(p.quantity),
          p.serials.join(', ') || '—',
          `${p.warrantyMonths} ${L('个月', 'months')}`,
          p.covered ? L('保修', 'Warranty') : formatYuan(p.unitPriceFen * p.quantity),
        ]),
      },
    },
    tests: {
      heading: `${L('测试', 'Tests')}${v.tests ? ` (${v.tests.mode === 'cooling' ? L('制冷', 'cooling') : L('制热', 'heating')})` : ''}`,
      emptyText: '—',
      content: (v.tests?.readings ?? []).map((r) => ({
        label: READING_SPECS[r.name].label[locale],
        value: `${r.value} ${r.unit}`,
      })),
    },
    amounts: {
      heading: L('费用', 'Amounts'),
      emptyText: '—',
      content: q
        ? [
            { label: L('合计', 'Total'), value: formatYuan(q.totalFen) },
            { label: L('保修承担', 'Warranty'), value: formatYuan(q.warrantyFen) },
            { label: L('客户应付', 'Customer pays'), value: formatYuan(q.customerPaysFen) },
          ]
        : [],
    },
    times: {
      heading: L('时间与工程师', 'Times and technician'),
      emptyText: '—',
      content: [
        {
          label: L('到达', 'Arrived'),
          value: `${when(v.arrivedAt)}${v.lateMinutes ? ` (${L('迟到', 'late')} ${v.lateMinutes} ${L('分钟', 'min')})` : ''}`,
        },
        { label: L('完成', 'Finished'), value: when(v.finishedAt) },
        {
          label: L('工程师', 'Technician'),
          value: `${v.technician.name} · ${L('工号', 'staff no.')} ${v.technician.staffNo || '—'}`,
        },
      ],
    },
    signatures: {
      heading: L('签字', 'Signatures'),
      emptyText: none,
      content: [
        signature('consent', L('客户确认维修方案', 'Consent to the plan')),
        signature('completion', L('客户确认完工', 'Completion')),
      ],
    },
    meta: {
      title: `${title} ${v.workOrderNumber}`,
      author: company,
      subject: `${L('工单号', 'Order')} ${v.workOrderNumber} · ${L('第', 'visit ')}${v.visitNo}${L(' 次上门', '')}`,
      createdAt,
    },
    filenameBase: `service-record-${v.workOrderNumber}-${v.visitNo}`,
  };
}
