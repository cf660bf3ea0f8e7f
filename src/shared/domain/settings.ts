import { z } from 'zod';
import type { Locale } from '../errors';

/**
 * Typed settings. Each has a schema, a default (DOMAIN.md, "Clocks"), a label, and whether a
 * branch may override it. Values are stored as JSON; the schema is the single source of truth.
 */
const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);
const hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
const days = z.number().int().min(1).max(365);
const fenPerHour = z.number().int().min(0).max(10_000_000);
/** Distance bands of the travel fee: ascending `upToKm`, the last band open (`upToKm: null`, everything further). */
const travelBands = z
  .array(
    z.strictObject({ upToKm: z.number().min(0).max(1000).nullable(), feeFen: z.number().int().min(0).max(10_000_000) }),
  )
  .min(1)
  .max(10)
  .refine(
    (bands) =>
      bands.every((b, i) => (i === bands.length - 1 ? b.upToKm === null : b.upToKm !== null)) &&
      bands.every((b, i) => i === 0 || (b.upToKm ?? Number.POSITIVE_INFINITY) > (bands[i - 1]?.upToKm ?? 0)),
    { message: 'ascending bands, the last one open (upToKm null)' },
  );

export const SETTING_DEFS = {
  'sla.reviewMinutes': {
    schema: minutes,
    default: 15,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '审核时限（分钟）', 'en-US': 'Review deadline (minutes)' },
  },
  'sla.dispatchMinutes': {
    schema: minutes,
    default: 30,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '派单时限（分钟）', 'en-US': 'Dispatch deadline (minutes)' },
  },
  'sla.dispatchUrgentMinutes': {
    schema: minutes,
    default: 10,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '紧急工单派单时限（分钟）', 'en-US': 'Dispatch deadline, urgent (minutes)' },
  },
  'sla.contactMinutes': {
    schema: minutes,
    default: 30,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '联系客户时限（分钟）', 'en-US': 'Customer contact deadline (minutes)' },
  },
  'sla.simpleRepairMinutes': {
    schema: minutes,
    default: 120,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '简单故障维修时限（分钟）', 'en-US': 'Simple repair deadline (minutes)' },
  },
  'sla.callbackHours': {
    schema: hours,
    default: 48,
    unit: 'hours',
    branchOverride: true,
    label: { 'zh-CN': '回访时限（小时）', 'en-US': 'Callback deadline (hours)' },
  },
  'sla.complaintReplyHours': {
    schema: hours,
    default: 24,
    unit: 'hours',
    branchOverride: true,
    label: { 'zh-CN': '投诉答复时限（小时）', 'en-US': 'Complaint first reply (hours)' },
  },
  'sla.complaintInvestigationHours': {
    schema: hours,
    default: 48,
    unit: 'hours',
    branchOverride: true,
    label: { 'zh-CN': '投诉调查时限（小时）', 'en-US': 'Complaint investigation (hours)' },
  },
  'sla.suggestionReplyDays': {
    schema: days,
    default: 7,
    unit: 'days',
    branchOverride: true,
    label: { 'zh-CN': '建议答复时限（天）', 'en-US': 'Suggestion reply (days)' },
  },
  'sla.clockMode': {
    schema: z.enum(['calendar', 'working']),
    default: 'calendar',
    unit: 'enum',
    branchOverride: true,
    label: { 'zh-CN': '计时方式（自然时/工作时）', 'en-US': 'Clock mode (calendar or working hours)' },
  },
  'sla.workingHours': {
    schema: z
      .strictObject({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      })
      .refine((v) => v.start < v.end, { message: 'start must be before end' }),
    default: { start: '08:00', end: '20:00' },
    unit: 'object',
    branchOverride: true,
    label: { 'zh-CN': '工作时间', 'en-US': 'Working hours' },
  },
  'intake.backlogMinutesPerOrder': {
    schema: z.number().int().min(0).max(600),
    default: 30,
    unit: 'minutes',
    branchOverride: true,
    label: {
      'zh-CN': '预计维修时间：区内每张排队工单增加（分钟）',
      'en-US': 'Estimate: minutes added per open order queued in the district',
    },
  },
  'intake.travelMinutes': {
    schema: z.number().int().min(0).max(600),
    default: 60,
    unit: 'minutes',
    branchOverride: true,
    label: { 'zh-CN': '预计维修时间：上门路途（分钟）', 'en-US': 'Estimate: travel to the customer (minutes)' },
  },
  'privacy.technicianWindowHours': {
    schema: hours,
    default: 72,
    unit: 'hours',
    branchOverride: false,
    label: {
      'zh-CN': '工程师完工后可查看联系方式时长（小时）',
      'en-US': 'Technician contact access after completion (hours)',
    },
  },
  'rework.windowDays': {
    schema: days,
    default: 30,
    unit: 'days',
    branchOverride: false,
    label: { 'zh-CN': '返修判定期（天）', 'en-US': 'Rework window (days)' },
  },
  'dispatch.autoDispatch': {
    schema: z.enum(['off', 'on']),
    default: 'off',
    unit: 'enum',
    branchOverride: true,
    label: {
      'zh-CN': '自动派单（审核通过的工单自动派给首选工程师）',
      'en-US': 'Auto-dispatch (each ready order goes to the top recommendation)',
    },
  },
  'branch.timeZone': {
    schema: z.string().min(1).max(64),
    default: 'Asia/Shanghai',
    unit: 'timezone',
    branchOverride: true,
    label: { 'zh-CN': '时区', 'en-US': 'Time zone' },
  },
  'parts.valuableCostFen': {
    schema: z.number().int().min(0).max(100_000_000),
    default: 50000,
    unit: 'fen',
    branchOverride: false,
    label: {
      'zh-CN': '贵重配件标准成本下限（分；超过须登记序列号）',
      'en-US': 'Valuable part: standard cost above (fen; serial needed at issue)',
    },
  },
  'parts.requisitionApprovalHours': {
    schema: hours,
    default: 4,
    unit: 'hours',
    branchOverride: true,
    label: { 'zh-CN': '领用申请审批时限（小时）', 'en-US': 'Requisition approval deadline (hours)' },
  },
  'parts.requisitionIssueHours': {
    schema: hours,
    default: 24,
    unit: 'hours',
    branchOverride: true,
    label: {
      'zh-CN': '领用申请发料时限（批准后，小时）',
      'en-US': 'Requisition issue deadline after approval (hours)',
    },
  },
  'parts.oldPartReturnDays': {
    schema: days,
    default: 7,
    unit: 'days',
    branchOverride: false,
    label: { 'zh-CN': '旧件回收时限（天）', 'en-US': 'Old part return deadline (days)' },
  },
  'parts.valuableFollowUpDays': {
    schema: days,
    default: 14,
    unit: 'days',
    branchOverride: false,
    label: {
      'zh-CN': '贵重配件在车时限（天；超过须用于工单或退库）',
      'en-US': 'Valuable part in a van at most (days; then fitted on a job or returned)',
    },
  },
  // Rates of the on-site quote (DOMAIN.md "Money"; the field module quotes with them, billing settles with them).
  'billing.labourRatesFen': {
    schema: z.strictObject({ tier1: fenPerHour, tier2: fenPerHour, tier3: fenPerHour, tier4: fenPerHour }),
    default: { tier1: 8000, tier2: 10000, tier3: 15000, tier4: 20000 },
    unit: 'object',
    branchOverride: true,
    label: {
      'zh-CN': '工时费（分/小时，按难度等级 1–4）',
      'en-US': 'Labour rate (fen per hour, by difficulty tier 1–4)',
    },
  },
  'billing.partsMarginBp': {
    schema: z.number().int().min(0).max(100_000),
    default: 2000,
    unit: 'basis_points',
    branchOverride: false,
    label: {
      'zh-CN': '配件加价率（基点，2000 = 平均成本加 20%）',
      'en-US': 'Parts margin (basis points over average cost; 2000 = 20 %)',
    },
  },
  'billing.travelBandsFen': {
    schema: travelBands,
    default: [
      { upToKm: 10, feeFen: 0 },
      { upToKm: 20, feeFen: 3000 },
      { upToKm: null, feeFen: 5000 },
    ],
    unit: 'object',
    branchOverride: true,
    label: {
      'zh-CN': '上门路费（按距离分段，分）',
      'en-US': 'Travel fee by distance band (fen)',
    },
  },
  'field.callRelayNumber': {
    schema: z.string().regex(/^(|\+?[0-9][0-9-]{2,19})$/, { message: 'a phone number (digits and -), or empty' }),
    default: '',
    unit: 'object',
    branchOverride: true,
    label: {
      'zh-CN': '技师外呼中转号码（公司号码/隐私号；空 = 查看号码后直拨客户）',
      'en-US': 'Technician call relay number (company / privacy number; empty = reveal and dial the customer)',
    },
  },
} as const satisfies Record<
  string,
  {
    schema: z.ZodType;
    default: unknown;
    unit: string;
    branchOverride: boolean;
    label: Record<Locale, string>;
  }
>;

export type SettingKey = keyof typeof SETTING_DEFS;
export const SETTING_KEYS = Object.keys(SETTING_DEFS) as SettingKey[];
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_DEFS)[K]['schema']>;
