import { maskName } from '@server/modules/customers';
import { listBranches } from '@server/modules/identity';
import { listFaultCategories } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { READING_SPECS, VISIT_STATUS_LABELS } from '@shared/domain/field';
import { UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import type { Locale } from '@shared/errors';
import { signatureImages, type VisitRow } from '../field.repository';
import { branchTimeZone, readableVisit } from './visit-support';
import { visitView } from './visit-view';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function when(iso: string | null, timeZone: string, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/**
 * GET /api/field/visits/:visitId/record — the one-page service record (维修服务记录) as HTML: company, order number,
 * customer masked, unit, fault and cause, work done, parts with serials and warranty, tests with readings, the
 * amounts, arrival and finish times, the technician, and both signatures (consent and completion). Readable by the
 * visit's technician and the branch's dispatchers. (The PDF and the customer's copy from the tracking page come
 * with the web slice.)
 */
export interface ServiceRecordDocument {
  contentType: string;
  data: Buffer;
  /** The download name, e.g. 维修服务记录-AC202607150001-1.pdf */
  filename: string;
}

export async function getServiceRecord(
  ctx: Ctx,
  visitId: string,
  format: 'html' | 'pdf',
): Promise<ServiceRecordDocument> {
  const row = await readableVisit(ctx, visitId);
  return serviceRecordOf(ctx, row, format);
}

/** The record of a visit the caller was already allowed to read (the staff route above, the customer's tracking). */
export async function serviceRecordOf(ctx: Ctx, row: VisitRow, format: 'html' | 'pdf'): Promise<ServiceRecordDocument> {
  if (format === 'pdf') throw new AppError('UNAVAILABLE', { reason: 'pdf_not_built' });
  const html = await serviceRecordHtml(ctx, row);
  return {
    contentType: 'text/html; charset=utf-8',
    data: Buffer.from(html, 'utf8'),
    filename: `service-record-${row.workOrderNumber}-${row.visitNo}.html`,
  };
}

async function serviceRecordHtml(ctx: Ctx, row: VisitRow): Promise<string> {
  const v = await visitView(ctx, row);
  const locale: Locale = ctx.request.locale;
  const L = (zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
  const timeZone = await branchTimeZone(ctx, row.branchId);
  const branch = (await listBranches(ctx)).items.find((b) => b.id === row.branchId);
  const categories = (await listFaultCategories(ctx, { includeInactive: 'true' })).items;
  const categoryName = (code: string | null | undefined) => {
    const c = categories.find((x) => x.code === code);
    return c ? (locale === 'zh-CN' ? c.nameZh : c.nameEn) : (code ?? '—');
  };
  const images = await signatureImages(ctx.db, row.id);
  const signature = (purpose: 'consent' | 'completion') => {
    const s = [...images].reverse().find((x) => x.purpose === purpose);
    return s
      ? `<figure><img alt="${esc(L('签名', 'signature'))}" src="data:image/png;base64,${s.data.toString('base64')}"><figcaption>${esc(maskName(s.signerName))} · ${esc(when(s.signedAt.toISOString(), timeZone, locale))}</figcaption></figure>`
      : `<p class="muted">${v.consent?.method === 'link' && purpose === 'consent' ? L('客户已通过短信链接确认', 'Approved by the customer through the SMS link') : L('无', 'None')}</p>`;
  };
  const unitType = UNIT_TYPE_LABELS[v.workOrder.unit.type]?.[locale] ?? v.workOrder.unit.type;
  const parts = v.parts
    .map(
      (p) =>
        `<tr><td>${esc(p.partCode)}</td><td>${esc(p.partName)}</td><td>${esc(p.quantity)}</td><td>${esc(p.serials.join(', ') || '—')}</td><td>${esc(p.warrantyMonths)} ${L('个月', 'months')}</td><td>${p.covered ? L('保修', 'Warranty') : esc(yuan(p.unitPriceFen * p.quantity))}</td></tr>`,
    )
    .join('');
  const readings = (v.tests?.readings ?? [])
    .map((r) => `<tr><td>${esc(READING_SPECS[r.name].label[locale])}</td><td>${esc(r.value)} ${esc(r.unit)}</td></tr>`)
    .join('');
  const q = v.quote;
  const status = v.status === 'completed' ? '' : `<p class="banner">${esc(VISIT_STATUS_LABELS[v.status][locale])}</p>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(L('维修服务记录', 'Service record'))} ${esc(v.workOrderNumber)}</title>
<style>
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC",sans-serif;margin:24px;color:#222;font-size:13px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 6px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.muted{color:#888}.banner{background:#fff3cd;padding:6px}figure{display:inline-block;margin:0 24px 0 0}
figure img{height:80px;border-bottom:1px solid #999}figcaption{font-size:12px;color:#555}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#666}dd{margin:0}
</style></head><body>
<header><h1>${esc(branch?.name ?? 'Aircare')} · ${esc(L('维修服务记录', 'Service record'))}</h1>
<p>${esc(L('工单号', 'Order'))} ${esc(v.workOrderNumber)} · ${esc(L('第', 'visit '))}${esc(v.visitNo)}${esc(L(' 次上门', ''))}</p>${status}</header>
<h2>${esc(L('客户与设备', 'Customer and unit'))}</h2>
<dl><dt>${esc(L('客户', 'Customer'))}</dt><dd>${esc(v.workOrder.customerName)} ${esc(v.workOrder.phoneMasked)} · ${esc(v.workOrder.district)}</dd>
<dt>${esc(L('空调', 'Unit'))}</dt><dd>${esc(v.workOrder.unit.brand)} ${esc(v.workOrder.unit.model)} · ${esc(unitType)}${v.workOrder.unit.serial ? ` · SN ${esc(v.workOrder.unit.serial)}` : ''} · ${esc(v.workOrder.unit.inWarranty ? L('保修期内', 'In warranty') : L('保修期外或未知', 'Out of warranty or unknown'))}</dd></dl>
<h2>${esc(L('故障与维修', 'Fault and work'))}</h2>
<dl><dt>${esc(L('故障', 'Fault'))}</dt><dd>${esc(categoryName(v.diagnosis?.faultCategory ?? v.workOrder.faultCategory))}${v.diagnosis?.faultCode ? ` · ${esc(v.diagnosis.faultCode)}` : ''}</dd>
<dt>${esc(L('原因', 'Cause'))}</dt><dd>${esc(v.diagnosis?.cause ?? '—')}</dd>
<dt>${esc(L('维修内容', 'Work done'))}</dt><dd>${esc(v.workDone || '—')}</dd>
<dt>${esc(L('建议', 'Advice'))}</dt><dd>${esc(v.advice.join('；') || '—')}</dd></dl>
<h2>${esc(L('更换配件', 'Parts'))}</h2>
${parts ? `<table><tr><th>${esc(L('编码', 'Code'))}</th><th>${esc(L('名称', 'Name'))}</th><th>${esc(L('数量', 'Qty'))}</th><th>${esc(L('序列号', 'Serials'))}</th><th>${esc(L('质保', 'Warranty'))}</th><th>${esc(L('金额', 'Amount'))}</th></tr>${parts}</table>` : `<p class="muted">${esc(L('无', 'None'))}</p>`}
<h2>${esc(L('测试', 'Tests'))}${v.tests ? ` (${esc(v.tests.mode === 'cooling' ? L('制冷', 'cooling') : L('制热', 'heating'))})` : ''}</h2>
${readings ? `<table>${readings}</table>` : `<p class="muted">—</p>`}
<h2>${esc(L('费用', 'Amounts'))}</h2>
${q ? `<dl><dt>${esc(L('合计', 'Total'))}</dt><dd>${esc(yuan(q.totalFen))}</dd><dt>${esc(L('保修承担', 'Warranty'))}</dt><dd>${esc(yuan(q.warrantyFen))}</dd><dt>${esc(L('客户应付', 'Customer pays'))}</dt><dd>${esc(yuan(q.customerPaysFen))}</dd></dl>` : '<p class="muted">—</p>'}
<h2>${esc(L('时间与工程师', 'Times and technician'))}</h2>
<dl><dt>${esc(L('到达', 'Arrived'))}</dt><dd>${esc(when(v.arrivedAt, timeZone, locale))}${v.lateMinutes ? ` (${esc(L('迟到', 'late'))} ${esc(v.lateMinutes)} ${esc(L('分钟', 'min'))})` : ''}</dd>
<dt>${esc(L('完成', 'Finished'))}</dt><dd>${esc(when(v.finishedAt, timeZone, locale))}</dd>
<dt>${esc(L('工程师', 'Technician'))}</dt><dd>${esc(v.technician.name)} · ${esc(L('工号', 'staff no.'))} ${esc(v.technician.staffNo || '—')}</dd></dl>
<h2>${esc(L('签字', 'Signatures'))}</h2>
<div><p>${esc(L('客户确认维修方案', 'Consent to the plan'))}</p>${signature('consent')}<p>${esc(L('客户确认完工', 'Completion'))}</p>${signature('completion')}</div>
</body></html>`;
}
