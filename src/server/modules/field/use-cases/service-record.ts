import { maskName } from '@server/modules/customers';
import { listBranches } from '@server/modules/identity';
import { listFaultCategories } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import {
  buildServiceRecordData,
  type RecordRow,
  type RecordSignature,
  type ServiceRecordData,
} from '../domain/service-record';
import { signatureImages, type VisitRow } from '../field.repository';
import { serviceRecordPdf } from './service-record-pdf';
import { branchTimeZone, readableVisit } from './visit-support';
import { visitView } from './visit-view';

/**
 * GET /api/field/visits/:visitId/record — the one-page service record (维修服务记录) as HTML or PDF: company, order
 * number, customer masked, unit, fault and cause, work done, parts with serials and warranty, tests with readings,
 * the amounts, arrival and finish times, the technician, and both signatures (consent and completion). Readable by
 * the visit's technician and the branch's dispatchers; the customer's copy (tracking page) uses `serviceRecordOf`.
 * One data model (`domain/service-record.ts`) is built once and drawn by the HTML renderer below or the PDF one
 * (`service-record-pdf.ts`).
 */
export interface ServiceRecordDocument {
  contentType: string;
  data: Buffer;
  /** The download name, e.g. service-record-WO-20260715-0001-1.pdf */
  filename: string;
}

export type ServiceRecordFormat = 'html' | 'pdf';

export async function getServiceRecord(
  ctx: Ctx,
  visitId: string,
  format: ServiceRecordFormat,
): Promise<ServiceRecordDocument> {
  const row = await readableVisit(ctx, visitId);
  return serviceRecordOf(ctx, row, format);
}

/** The record of a visit the caller was already allowed to read (the staff route above, the customer's tracking). */
export async function serviceRecordOf(
  ctx: Ctx,
  row: VisitRow,
  format: ServiceRecordFormat,
  copy: RecordCopy = {},
): Promise<ServiceRecordDocument> {
  const data = await serviceRecordData(ctx, row, copy);
  if (format === 'pdf') {
    return {
      contentType: 'application/pdf',
      data: await serviceRecordPdf(ctx, data),
      filename: `${data.filenameBase}.pdf`,
    };
  }
  return {
    contentType: 'text/html; charset=utf-8',
    data: Buffer.from(serviceRecordHtml(data), 'utf8'),
    filename: `${data.filenameBase}.html`,
  };
}

/**
 * Whose copy: staff read the customer as their role shows it (masked); the customer's own copy (no staff role) names
 * them as the tracking page does (王**), given by the caller.
 */
export interface RecordCopy {
  customerNameMasked?: string;
}

/** The record's data: the visit as staff see it (customer masked), the branch's name and zone, the signatures. */
export async function serviceRecordData(ctx: Ctx, row: VisitRow, copy: RecordCopy = {}): Promise<ServiceRecordData> {
  const seen = await visitView(ctx, row);
  const visit = copy.customerNameMasked
    ? { ...seen, workOrder: { ...seen.workOrder, customerName: copy.customerNameMasked } }
    : seen;
  const timeZone = await branchTimeZone(ctx, row.branchId);
  const branch = (await listBranches(ctx)).items.find((b) => b.id === row.branchId);
  const categories = (await listFaultCategories(ctx, { includeInactive: 'true' })).items;
  const images = await signatureImages(ctx.db, row.id);
  return buildServiceRecordData({
    locale: ctx.request.locale,
    timeZone,
    companyName: branch?.name ?? null,
    visit,
    categories,
    signatures: images.map((s) => ({
      purpose: s.purpose === 'consent' ? 'consent' : 'completion',
      signerNameMasked: maskName(s.signerName),
      signedAt: s.signedAt,
      png: s.data,
    })),
    now: ctx.now,
  });
}

// ---------- HTML ----------

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const muted = (text: string) => `<p class="muted">${esc(text)}</p>`;

function dl(rows: RecordRow[], emptyText: string, separator = '\n'): string {
  if (rows.length === 0) return muted(emptyText);
  return `<dl>${rows.map((r) => `<dt>${esc(r.label)}</dt><dd>${esc(r.value)}</dd>`).join(separator)}</dl>`;
}

function signatureHtml(s: RecordSignature): string {
  if (!s.image) return muted(s.absentText);
  return `<figure><img alt="${esc(s.imageAlt)}" src="data:image/png;base64,${s.image.toString('base64')}"><figcaption>${esc(s.caption)}</figcaption></figure>`;
}

/** The record as a standalone HTML page (styles inline, signatures as data: URLs). */
export function serviceRecordHtml(d: ServiceRecordData): string {
  const parts = d.parts.content;
  const partsHtml = parts.rows.length
    ? `<table><tr>${parts.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>${parts.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</table>`
    : muted(d.parts.emptyText);
  const readings = d.tests.content.map((r) => `<tr><td>${esc(r.label)}</td><td>${esc(r.value)}</td></tr>`).join('');
  const status = d.statusBanner ? `<p class="banner">${esc(d.statusBanner)}</p>` : '';
  return `<!doctype html>
<html lang="${d.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.meta.title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC",sans-serif;margin:24px;color:#222;font-size:13px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 6px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.muted{color:#888}.banner{background:#fff3cd;padding:6px}figure{display:inline-block;margin:0 24px 0 0}
figure img{height:80px;border-bottom:1px solid #999}figcaption{font-size:12px;color:#555}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#666}dd{margin:0}
</style></head><body>
<header><h1>${esc(d.company)} · ${esc(d.title)}</h1>
<p>${esc(d.orderLine)}</p>${status}</header>
<h2>${esc(d.customer.heading)}</h2>
${dl(d.customer.content, d.customer.emptyText)}
<h2>${esc(d.fault.heading)}</h2>
${dl(d.fault.content, d.fault.emptyText)}
<h2>${esc(d.parts.heading)}</h2>
${partsHtml}
<h2>${esc(d.tests.heading)}</h2>
${readings ? `<table>${readings}</table>` : muted(d.tests.emptyText)}
<h2>${esc(d.amounts.heading)}</h2>
${dl(d.amounts.content, d.amounts.emptyText, '')}
<h2>${esc(d.times.heading)}</h2>
${dl(d.times.content, d.times.emptyText)}
<h2>${esc(d.signatures.heading)}</h2>
<div>${d.signatures.content.map((s) => `<p>${esc(s.label)}</p>${signatureHtml(s)}`).join('')}</div>
</body></html>`;
}
