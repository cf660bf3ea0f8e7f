import type { Locale } from '../errors';

// The vocabulary of a visit (上门, policy ch. 4): its steps in order, statuses, photo kinds and test readings.
// Pure data shared by the server (rules in src/server/modules/field/domain) and the technician's app.

/**
 * A visit's steps in the policy's order. `complete` is the last one (completeVisit); `consent` is recorded with
 * recordConsent; every other step goes through advanceVisit.
 */
export const VISIT_STEPS = [
  'accept',
  'contacted',
  'depart',
  'arrive',
  'show_id',
  'safety',
  'diagnosis',
  'quote',
  'consent',
  'repair',
  'tests',
  'handover',
  'site_cleaned',
  'signature',
  'complete',
] as const;
export type VisitStep = (typeof VISIT_STEPS)[number];

/**
 * A follow-up visit (after waiting for parts) repeats neither the acceptance of the appointment nor the diagnosis,
 * the plan and the customer's consent: they were done on the first visit.
 */
export const FOLLOW_UP_STEPS: readonly VisitStep[] = [
  'contacted',
  'depart',
  'arrive',
  'show_id',
  'safety',
  'repair',
  'tests',
  'handover',
  'site_cleaned',
  'signature',
  'complete',
];

/**
 * Steps that may be skipped with a reason (dispatch is alerted): the customer could not be reached beforehand,
 * was not present to see the ID or the handover, there was nothing to clean, nobody could sign. The others are
 * what the policy says must happen (check-in, safety, diagnosis, plan, consent, repair, tests).
 */
export const SKIPPABLE_STEPS: readonly VisitStep[] = ['contacted', 'show_id', 'handover', 'site_cleaned', 'signature'];

export const VISIT_STEP_LABELS: Record<VisitStep, Record<Locale, string>> = {
  accept: { 'zh-CN': '接单', 'en-US': 'Accept' },
  contacted: { 'zh-CN': '联系客户', 'en-US': 'Contact the customer' },
  depart: { 'zh-CN': '出发', 'en-US': 'Depart' },
  arrive: { 'zh-CN': '到达签到', 'en-US': 'Arrive (check in)' },
  show_id: { 'zh-CN': '出示证件', 'en-US': 'Show ID' },
  safety: { 'zh-CN': '安全检查', 'en-US': 'Safety checklist' },
  diagnosis: { 'zh-CN': '故障检测', 'en-US': 'Diagnosis' },
  quote: { 'zh-CN': '维修方案与报价', 'en-US': 'Plan and quote' },
  consent: { 'zh-CN': '客户确认', 'en-US': 'Customer consent' },
  repair: { 'zh-CN': '维修', 'en-US': 'Repair' },
  tests: { 'zh-CN': '测试', 'en-US': 'Tests' },
  handover: { 'zh-CN': '使用讲解', 'en-US': 'Handover' },
  site_cleaned: { 'zh-CN': '清理现场', 'en-US': 'Site cleaned' },
  signature: { 'zh-CN': '客户签字', 'en-US': 'Customer signature' },
  complete: { 'zh-CN': '完工', 'en-US': 'Completed' },
};

/**
 * The steps in the customer's words (the tracking page): what happens for them, without the office's jargon
 * (check-in, checklist, handover). Shown with a state (done / skipped / to do), so they name the step, not a result.
 */
export const VISIT_STEP_CUSTOMER_TEXT: Record<VisitStep, Record<Locale, string>> = {
  accept: { 'zh-CN': '工程师接单', 'en-US': 'The technician takes the job' },
  contacted: { 'zh-CN': '与您确认时间和地址', 'en-US': 'Time and address confirmed with you' },
  depart: { 'zh-CN': '工程师出发', 'en-US': 'The technician sets off' },
  arrive: { 'zh-CN': '工程师到达', 'en-US': 'The technician arrives' },
  show_id: { 'zh-CN': '出示工作证', 'en-US': 'Staff ID shown to you' },
  safety: { 'zh-CN': '安全准备（断电等）', 'en-US': 'Safety first (power off, …)' },
  diagnosis: { 'zh-CN': '检查故障原因', 'en-US': 'Finding the cause' },
  quote: { 'zh-CN': '维修方案与费用', 'en-US': 'Repair plan and price' },
  consent: { 'zh-CN': '您确认维修方案', 'en-US': 'You approve the plan' },
  repair: { 'zh-CN': '维修', 'en-US': 'Repair' },
  tests: { 'zh-CN': '试机检测', 'en-US': 'Testing the unit' },
  handover: { 'zh-CN': '讲解使用与保养', 'en-US': 'How to use and care for it' },
  site_cleaned: { 'zh-CN': '清理现场', 'en-US': 'Cleaning up' },
  signature: { 'zh-CN': '您签字确认', 'en-US': 'You sign off' },
  complete: { 'zh-CN': '完工', 'en-US': 'Finished' },
};

/**
 * proposed (a follow-up waiting for dispatch to confirm its time) → open → completed | waiting_parts (the visit
 * ended, a follow-up is needed); withdrawn (the order went to another appointment or back to the queue); cancelled
 * (the order was cancelled).
 */
export const VISIT_STATUSES = ['proposed', 'open', 'completed', 'waiting_parts', 'withdrawn', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<VisitStatus, Record<Locale, string>> = {
  proposed: { 'zh-CN': '待调度确认', 'en-US': 'Proposed' },
  open: { 'zh-CN': '进行中', 'en-US': 'Open' },
  completed: { 'zh-CN': '已完工', 'en-US': 'Completed' },
  waiting_parts: { 'zh-CN': '待配件', 'en-US': 'Waiting for parts' },
  withdrawn: { 'zh-CN': '已改派', 'en-US': 'Withdrawn' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
};

export const VISIT_KINDS = ['first', 'follow_up'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const PHOTO_KINDS = ['fault', 'nameplate', 'before', 'after', 'old_part', 'site', 'other'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** Refrigerants handled on site (R290 is flammable: ventilation and no ignition sources). */
export const SITE_REFRIGERANTS = ['R22', 'R410A', 'R32', 'R290'] as const;
export type SiteRefrigerant = (typeof SITE_REFRIGERANTS)[number];

/**
 * Test readings after the repair and their plausible ranges (a value outside is a typing error, refused), per the
 * unit's mode of the test. Temperatures in °C, pressure in MPa (gauge), current in A, noise in dB(A).
 */
export const TEST_MODES = ['cooling', 'heating'] as const;
export type TestMode = (typeof TEST_MODES)[number];

export const READING_NAMES = ['inletTemp', 'outletTemp', 'pressureMpa', 'currentA', 'noiseDb'] as const;
export type ReadingName = (typeof READING_NAMES)[number];

export interface ReadingSpec {
  unit: string;
  required: boolean;
  range: Record<TestMode, { min: number; max: number }>;
  label: Record<Locale, string>;
}

export const READING_SPECS: Record<ReadingName, ReadingSpec> = {
  inletTemp: {
    unit: '°C',
    required: true,
    range: { cooling: { min: 10, max: 40 }, heating: { min: 0, max: 30 } },
    label: { 'zh-CN': '进风温度', 'en-US': 'Air in' },
  },
  outletTemp: {
    unit: '°C',
    required: true,
    range: { cooling: { min: 0, max: 25 }, heating: { min: 20, max: 65 } },
    label: { 'zh-CN': '出风温度', 'en-US': 'Air out' },
  },
  pressureMpa: {
    unit: 'MPa',
    required: true,
    range: { cooling: { min: 0.2, max: 1.8 }, heating: { min: 1.2, max: 4.2 } },
    label: { 'zh-CN': '系统压力', 'en-US': 'Pressure' },
  },
  currentA: {
    unit: 'A',
    required: true,
    range: { cooling: { min: 0.3, max: 40 }, heating: { min: 0.3, max: 40 } },
    label: { 'zh-CN': '运行电流', 'en-US': 'Current' },
  },
  noiseDb: {
    unit: 'dB',
    required: false,
    range: { cooling: { min: 15, max: 90 }, heating: { min: 15, max: 90 } },
    label: { 'zh-CN': '噪音', 'en-US': 'Noise' },
  },
};

/** Consent to the plan and quote: a signature on the screen, or a link sent to the customer's phone. */
export const CONSENT_METHODS = ['signature', 'link'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_STATUSES = ['pending', 'approved', 'declined', 'superseded'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Where a part fitted on the job came from: the technician's van stock, or issued by the warehouse for the job. */
export const PART_SOURCES = ['van', 'job'] as const;
export type PartSource = (typeof PART_SOURCES)[number];

/** Why an item costs the customer nothing: the unit's warranty, or the warranty of a part we fitted before. */
export const COVERAGES = ['unit_warranty', 'part_warranty'] as const;
export type Coverage = (typeof COVERAGES)[number];
