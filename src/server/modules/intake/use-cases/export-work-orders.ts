import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { maskPhone, parsePhone } from '@shared/domain/phone';
import { CHANNEL_LABELS, PRIORITY_LABELS, STATUS_LABELS, UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import ExcelJS from 'exceljs';
import { listCategories, pageWorkOrders } from '../intake.repository';
import { listFilter, summariesOf, type WorkOrderListQuery } from './list-work-orders';

export const EXPORT_MAX_ROWS = 10_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fmt = (iso: string | null, timeZone: string) =>
  iso
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso))
    : '';

/**
 * The filtered list as an Excel workbook (managers only; customers masked as in the list; at most 10,000 rows),
 * with an audit event `workorders.exported` naming the filters and the row count.
 */
export async function exportWorkOrders(
  ctx: Ctx,
  query: WorkOrderListQuery,
): Promise<{ filename: string; data: Buffer; rows: number }> {
  const zh = ctx.request.locale === 'zh-CN';
  const loc = ctx.request.locale;
  const timeZone = 'Asia/Shanghai';
  const filter = await listFilter(ctx, query);
  const [{ items, total }, categories] = await Promise.all([
    pageWorkOrders(ctx.db, filter, { by: query.sort ?? 'createdAt', order: query.order ?? 'desc' }, null, ctx.now),
    listCategories(ctx.db, true),
  ]);
  const rows = (await summariesOf(ctx, items)).slice(0, EXPORT_MAX_ROWS);
  const categoryName = new Map(categories.map((c) => [c.code, zh ? c.nameZh : c.nameEn]));

  const book = new ExcelJS.Workbook();
  book.creator = 'Aircare';
  book.created = ctx.now;
  const sheet = book.addWorksheet(zh ? '工单' : 'Work orders', { views: [{ state: 'frozen', ySplit: 1 }] });
  const h = (zhText: string, en: string) => (zh ? zhText : en);
  sheet.columns = [
    { header: h('工单号', 'Number'), key: 'number', width: 20 },
    { header: h('状态', 'Status'), key: 'status', width: 12 },
    { header: h('渠道', 'Channel'), key: 'channel', width: 10 },
    { header: h('优先级', 'Priority'), key: 'priority', width: 10 },
    { header: h('故障类别', 'Fault category'), key: 'fault', width: 14 },
    { header: h('故障描述', 'Description'), key: 'description', width: 40 },
    { header: h('区', 'District'), key: 'district', width: 12 },
    { header: h('客户', 'Customer'), key: 'customer', width: 12 },
    { header: h('电话', 'Phone'), key: 'phone', width: 16 },
    { header: h('空调', 'AC unit'), key: 'unit', width: 28 },
    { header: h('报修时间', 'Created'), key: 'createdAt', width: 18 },
    { header: h('预计修复', 'Estimated'), key: 'estimatedAt', width: 18 },
    { header: h('状态变更', 'Status changed'), key: 'statusChangedAt', width: 18 },
    { header: h('超时', 'Overdue'), key: 'overdue', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow({
      number: r.number,
      status: STATUS_LABELS[r.status][loc],
      channel: CHANNEL_LABELS[r.channel][loc],
      priority: PRIORITY_LABELS[r.priority][loc],
      fault: categoryName.get(r.faultCategory) ?? r.faultCategory,
      description: r.description,
      district: r.district,
      customer: r.customer.nameMasked,
      phone: r.customer.phone?.masked ?? '',
      unit: `${r.unit.brand} ${r.unit.model} ${UNIT_TYPE_LABELS[r.unit.type][loc]}`.trim(),
      createdAt: fmt(r.createdAt, timeZone),
      estimatedAt: fmt(r.estimatedAt, timeZone),
      statusChangedAt: fmt(r.statusChangedAt, timeZone),
      overdue: r.overdue ? h('是', 'yes') : '',
    });
  }
  const data = Buffer.from(await book.xlsx.writeBuffer());
  await writeAudit(ctx, {
    action: 'workorders.exported',
    objectType: 'work_order',
    // A phone searched for is kept masked in the audit log too.
    details: {
      filters: {
        ...query,
        ...(query.q && parsePhone(query.q) ? { q: maskPhone(parsePhone(query.q)?.normalised ?? '') } : {}),
      },
      rows: rows.length,
      total,
      truncated: total > rows.length,
    },
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(ctx.now)
    .replaceAll('-', '');
  return { filename: `work-orders-${day}.xlsx`, data, rows: rows.length };
}
