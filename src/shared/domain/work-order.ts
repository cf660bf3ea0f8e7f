import type { Locale } from '../errors';

/** Work-order statuses (DOMAIN.md "Work order life cycle"), plus `returned` (待补充: back to the agent). */
export const WORK_ORDER_STATUSES = [
  'new',
  'returned',
  'ready',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'diagnosed',
  'in_repair',
  'waiting_parts',
  'completed',
  'settled',
  'closed',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const STATUS_LABELS: Record<WorkOrderStatus, Record<Locale, string>> = {
  new: { 'zh-CN': '待审核', 'en-US': 'Awaiting review' },
  returned: { 'zh-CN': '待补充', 'en-US': 'Returned for information' },
  ready: { 'zh-CN': '待派单', 'en-US': 'Ready to dispatch' },
  assigned: { 'zh-CN': '已派单', 'en-US': 'Assigned' },
  accepted: { 'zh-CN': '已接单', 'en-US': 'Accepted' },
  en_route: { 'zh-CN': '出发中', 'en-US': 'On the way' },
  on_site: { 'zh-CN': '已到达', 'en-US': 'On site' },
  diagnosed: { 'zh-CN': '已检测', 'en-US': 'Diagnosed' },
  in_repair: { 'zh-CN': '维修中', 'en-US': 'In repair' },
  waiting_parts: { 'zh-CN': '待配件', 'en-US': 'Waiting for parts' },
  completed: { 'zh-CN': '已完工', 'en-US': 'Completed' },
  settled: { 'zh-CN': '已结算', 'en-US': 'Settled' },
  closed: { 'zh-CN': '已关闭', 'en-US': 'Closed' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
};

/** What the customer reads on the tracking page: plain words, no internal jargon. */
export const CUSTOMER_STATUS_TEXT: Record<WorkOrderStatus, Record<Locale, string>> = {
  new: { 'zh-CN': '我们已收到您的报修，正在核对信息', 'en-US': 'We have your request and are checking it' },
  returned: { 'zh-CN': '客服将联系您补充信息', 'en-US': 'Our agent will call you for a few details' },
  ready: { 'zh-CN': '正在为您安排维修工程师', 'en-US': 'We are choosing a technician for you' },
  assigned: { 'zh-CN': '已安排维修工程师', 'en-US': 'A technician has been assigned' },
  accepted: { 'zh-CN': '工程师已确认，将与您联系', 'en-US': 'The technician confirmed and will call you' },
  en_route: { 'zh-CN': '工程师正在上门途中', 'en-US': 'The technician is on the way' },
  on_site: { 'zh-CN': '工程师已到达', 'en-US': 'The technician has arrived' },
  diagnosed: { 'zh-CN': '已完成检测，待您确认维修方案', 'en-US': 'Diagnosed; the repair plan awaits your approval' },
  in_repair: { 'zh-CN': '正在维修', 'en-US': 'Being repaired' },
  waiting_parts: { 'zh-CN': '等待配件，将另约时间上门', 'en-US': 'Waiting for parts; a new visit will be arranged' },
  completed: { 'zh-CN': '维修已完成', 'en-US': 'Repair completed' },
  settled: { 'zh-CN': '费用已结算', 'en-US': 'Paid and settled' },
  closed: { 'zh-CN': '服务已完成，感谢您的信任', 'en-US': 'Service finished; thank you' },
  cancelled: { 'zh-CN': '报修已取消', 'en-US': 'Request cancelled' },
};

export const CHANNELS = ['hotline', 'web', 'wechat', 'walk_in', 'callback', 'emergency'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Record<Locale, string>> = {
  hotline: { 'zh-CN': '热线', 'en-US': 'Hotline' },
  web: { 'zh-CN': '网站', 'en-US': 'Website' },
  wechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
  walk_in: { 'zh-CN': '到店', 'en-US': 'Walk-in' },
  callback: { 'zh-CN': '回访', 'en-US': 'Callback' },
  emergency: { 'zh-CN': '应急', 'en-US': 'Emergency' },
};

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, Record<Locale, string>> = {
  normal: { 'zh-CN': '普通', 'en-US': 'Normal' },
  urgent: { 'zh-CN': '紧急', 'en-US': 'Urgent' },
};

export const UNIT_TYPES = ['split_wall', 'cabinet', 'ceiling', 'ducted', 'vrf', 'window', 'unknown'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABELS: Record<UnitType, Record<Locale, string>> = {
  split_wall: { 'zh-CN': '壁挂式', 'en-US': 'Split wall' },
  cabinet: { 'zh-CN': '柜式', 'en-US': 'Cabinet' },
  ceiling: { 'zh-CN': '吸顶/天花机', 'en-US': 'Ceiling cassette' },
  ducted: { 'zh-CN': '风管机', 'en-US': 'Ducted' },
  vrf: { 'zh-CN': '多联机', 'en-US': 'VRF' },
  window: { 'zh-CN': '窗机', 'en-US': 'Window' },
  unknown: { 'zh-CN': '不清楚', 'en-US': 'Unknown' },
};

export const REFRIGERANTS = ['R22', 'R410A', 'R32', 'R290', 'unknown'] as const;
export type Refrigerant = (typeof REFRIGERANTS)[number];

export const BRANDS = [
  '格力',
  '美的',
  '海尔',
  '大金',
  '海信',
  '奥克斯',
  '格兰仕',
  '志高',
  'TCL',
  '三菱电机',
  '日立',
  '其他',
] as const;
