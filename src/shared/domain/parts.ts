import type { Locale } from '../errors';

/** Part categories (配件类别): a fixed list; refrigerant by type. */
export const PART_CATEGORIES = [
  'compressor',
  'capacitor',
  'fan_motor',
  'pcb',
  'sensor',
  'four_way_valve',
  'refrigerant_r22',
  'refrigerant_r410a',
  'refrigerant_r32',
  'refrigerant_r290',
  'copper_pipe',
  'remote',
  'expansion_valve',
  'valve',
  'filter_drier',
  'fan_blade',
  'drain',
  'insulation',
  'electrical',
  'consumable',
  'bracket',
  'other',
] as const;
export type PartCategory = (typeof PART_CATEGORIES)[number];

export const PART_CATEGORY_LABELS: Record<PartCategory, Record<Locale, string>> = {
  compressor: { 'zh-CN': '压缩机', 'en-US': 'Compressor' },
  capacitor: { 'zh-CN': '电容', 'en-US': 'Capacitor' },
  fan_motor: { 'zh-CN': '风机电机', 'en-US': 'Fan motor' },
  pcb: { 'zh-CN': '电脑板', 'en-US': 'PCB' },
  sensor: { 'zh-CN': '传感器', 'en-US': 'Sensor' },
  four_way_valve: { 'zh-CN': '四通阀', 'en-US': '4-way valve' },
  refrigerant_r22: { 'zh-CN': '冷媒 R22', 'en-US': 'Refrigerant R22' },
  refrigerant_r410a: { 'zh-CN': '冷媒 R410A', 'en-US': 'Refrigerant R410A' },
  refrigerant_r32: { 'zh-CN': '冷媒 R32', 'en-US': 'Refrigerant R32' },
  refrigerant_r290: { 'zh-CN': '冷媒 R290', 'en-US': 'Refrigerant R290' },
  copper_pipe: { 'zh-CN': '铜管', 'en-US': 'Copper pipe' },
  remote: { 'zh-CN': '遥控器', 'en-US': 'Remote' },
  expansion_valve: { 'zh-CN': '膨胀阀/毛细管', 'en-US': 'Expansion valve / capillary' },
  valve: { 'zh-CN': '截止阀/单向阀', 'en-US': 'Stop / check valve' },
  filter_drier: { 'zh-CN': '干燥过滤器', 'en-US': 'Filter drier' },
  fan_blade: { 'zh-CN': '风叶', 'en-US': 'Fan blade' },
  drain: { 'zh-CN': '排水部件', 'en-US': 'Drain parts' },
  insulation: { 'zh-CN': '保温材料', 'en-US': 'Insulation' },
  electrical: { 'zh-CN': '电气件', 'en-US': 'Electrical' },
  consumable: { 'zh-CN': '耗材', 'en-US': 'Consumables' },
  bracket: { 'zh-CN': '支架/减震', 'en-US': 'Brackets / mounts' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** Stock locations: the central warehouse, branch stores, one van per technician. */
export const LOCATION_KINDS = ['central', 'branch', 'van'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export const LOCATION_KIND_LABELS: Record<LocationKind, Record<Locale, string>> = {
  central: { 'zh-CN': '中心仓', 'en-US': 'Central warehouse' },
  branch: { 'zh-CN': '网点仓', 'en-US': 'Branch store' },
  van: { 'zh-CN': '工程师车载库', 'en-US': 'Technician van' },
};

/**
 * Kinds of ledger movement (出入库记录). Quantities are signed on the row: + into the location, − out of it.
 * A transfer is a pair (transfer_out at the source, transfer_in at the destination) with one request id.
 */
export const MOVEMENT_KINDS = [
  'receipt',
  'issue',
  'transfer_out',
  'transfer_in',
  'return_from_job',
  'return_to_supplier',
  'scrap',
  'adjustment',
  'reversal',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, Record<Locale, string>> = {
  receipt: { 'zh-CN': '采购入库', 'en-US': 'Receipt' },
  issue: { 'zh-CN': '领用出库', 'en-US': 'Issue' },
  transfer_out: { 'zh-CN': '调拨出库', 'en-US': 'Transfer out' },
  transfer_in: { 'zh-CN': '调拨入库', 'en-US': 'Transfer in' },
  return_from_job: { 'zh-CN': '工单退料', 'en-US': 'Return from job' },
  return_to_supplier: { 'zh-CN': '退供应商', 'en-US': 'Return to supplier' },
  scrap: { 'zh-CN': '报废', 'en-US': 'Scrap' },
  adjustment: { 'zh-CN': '盘点调整', 'en-US': 'Adjustment' },
  reversal: { 'zh-CN': '冲销', 'en-US': 'Reversal' },
};

export const REQUISITION_PURPOSES = ['job', 'van'] as const;
export type RequisitionPurpose = (typeof REQUISITION_PURPOSES)[number];

export const REQUISITION_STATUSES = [
  'submitted',
  'approved',
  'partially_approved',
  'rejected',
  'issued',
  'cancelled',
] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];
export const REQUISITION_STATUS_LABELS: Record<RequisitionStatus, Record<Locale, string>> = {
  submitted: { 'zh-CN': '待审批', 'en-US': 'Awaiting approval' },
  approved: { 'zh-CN': '已批准', 'en-US': 'Approved' },
  partially_approved: { 'zh-CN': '部分批准', 'en-US': 'Partially approved' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Rejected' },
  issued: { 'zh-CN': '已发料', 'en-US': 'Issued' },
  cancelled: { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
};

export const LINE_DECISIONS = ['pending', 'approved', 'rejected'] as const;
export type LineDecision = (typeof LINE_DECISIONS)[number];
