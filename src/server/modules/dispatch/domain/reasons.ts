import { CERTIFICATE_LABELS } from '@shared/contracts/dispatch.contract';
import { SKILL_LABELS } from '@shared/contracts/intake.contract';
import type { Locale } from '@shared/errors';
import type { Failure } from './eligibility';
import type { CandidateFacts } from './scoring';

export interface Reason {
  code: string;
  params: Record<string, string | number | boolean>;
  text: string;
}

const LEVEL: Record<number, Record<Locale, string>> = {
  1: { 'zh-CN': '初级', 'en-US': 'junior' },
  2: { 'zh-CN': '中级', 'en-US': 'intermediate' },
  3: { 'zh-CN': '高级', 'en-US': 'senior' },
};

const OFF: Record<string, Record<Locale, string>> = {
  rest_day: { 'zh-CN': '当天休息', 'en-US': 'rest day' },
  leave: { 'zh-CN': '当天请假', 'en-US': 'on leave' },
  day_off: { 'zh-CN': '当天调休', 'en-US': 'day off' },
};

function hm(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

function hours(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toString();
}

/** Why a technician cannot take the job, in words. */
export function failureReason(f: Failure, locale: Locale): Reason {
  const zh = locale === 'zh-CN';
  switch (f.code) {
    case 'inactive':
      return { code: f.code, params: {}, text: zh ? '已停用' : 'inactive' };
    case 'missing_skill':
      return {
        code: f.code,
        params: { skill: f.skill, needs: f.needs },
        text: zh ? `不具备技能：${SKILL_LABELS[f.skill][locale]}` : `lacks the skill: ${SKILL_LABELS[f.skill][locale]}`,
      };
    case 'skill_level':
      return {
        code: f.code,
        params: { skill: f.skill, has: f.has, needs: f.needs },
        text: zh
          ? `${SKILL_LABELS[f.skill][locale]}为${LEVEL[f.has]?.[locale]}，需${LEVEL[f.needs]?.[locale]}`
          : `${SKILL_LABELS[f.skill][locale]} is ${LEVEL[f.has]?.[locale]}, needs ${LEVEL[f.needs]?.[locale]}`,
      };
    case 'certificate_missing':
      return {
        code: f.code,
        params: { certificate: f.certificate },
        text: zh ? `无${CERTIFICATE_LABELS[f.certificate][locale]}` : `no ${CERTIFICATE_LABELS[f.certificate][locale]}`,
      };
    case 'certificate_invalid':
      return {
        code: f.code,
        params: { certificate: f.certificate, expiresOn: f.expiresOn },
        text: zh
          ? `${CERTIFICATE_LABELS[f.certificate][locale]}在作业日无效（有效期至 ${f.expiresOn}）`
          : `${CERTIFICATE_LABELS[f.certificate][locale]} not valid on the job day (expires ${f.expiresOn})`,
      };
    case 'not_working':
      return { code: f.code, params: { offReason: f.offReason }, text: OFF[f.offReason]?.[locale] ?? f.offReason };
    case 'capacity_jobs':
      return {
        code: f.code,
        params: { planned: f.planned, max: f.max },
        text: zh ? `当天已排满 ${f.planned}/${f.max} 单` : `day full: ${f.planned}/${f.max} jobs`,
      };
    case 'capacity_minutes':
      return {
        code: f.code,
        params: { planned: f.planned, needed: f.needed, max: f.max },
        text: zh
          ? `工时不足：已排 ${hours(f.planned)} 小时，本单需 ${hours(f.needed)} 小时，上限 ${hours(f.max)} 小时`
          : `not enough hours: ${hours(f.planned)} h planned + ${hours(f.needed)} h needed > ${hours(f.max)} h`,
      };
  }
}

/** Why a technician ranks where they do, in words: travel, arrival, workload, skill, parts, history. */
export function candidateReasons(f: CandidateFacts, locale: Locale, timeZone: string): Reason[] {
  const zh = locale === 'zh-CN';
  const out: Reason[] = [];
  const from = f.slot.travelFrom;
  out.push({
    code: 'travel',
    params: { minutes: f.slot.travelMinutes, from },
    text: zh
      ? `${from === 'home' ? '从住址' : '从上一单'}出发约 ${f.slot.travelMinutes} 分钟车程`
      : `about ${f.slot.travelMinutes} min drive from ${from === 'home' ? 'home base' : 'the previous job'}`,
  });
  const start = hm(f.slot.start, timeZone);
  const end = hm(f.slot.end, timeZone);
  const inPreferred = f.preferred ? f.slot.start >= f.preferred.start && f.slot.start <= f.preferred.end : null;
  out.push({
    code: 'earliest',
    params: { start: f.slot.start.toISOString(), end: f.slot.end.toISOString(), inPreferred: inPreferred ?? false },
    text: zh
      ? `最早 ${start}–${end}${inPreferred === true ? '（在客户期望时段内）' : inPreferred === false ? '（不在客户期望时段内）' : ''}`
      : `earliest ${start}–${end}${inPreferred === true ? ' (within the customer’s window)' : inPreferred === false ? ' (outside the customer’s window)' : ''}`,
  });
  out.push({
    code: 'workload',
    params: { jobs: f.jobsPlanned, minutes: f.minutesPlanned },
    text: zh
      ? `当天已排 ${f.jobsPlanned} 单、${hours(f.minutesPlanned)} 小时`
      : `${f.jobsPlanned} jobs, ${hours(f.minutesPlanned)} h already planned that day`,
  });
  if (f.level !== null && f.neededLevel !== null) {
    out.push({
      code: 'skill',
      params: { level: f.level, needed: f.neededLevel },
      text: zh
        ? `技能等级${LEVEL[f.level]?.[locale]}（本单需${LEVEL[f.neededLevel]?.[locale]}）`
        : `skill level ${LEVEL[f.level]?.[locale]} (job needs ${LEVEL[f.neededLevel]?.[locale]})`,
    });
  }
  if (f.vanHasParts !== null) {
    out.push({
      code: 'parts',
      params: { inVan: f.vanHasParts },
      text: f.vanHasParts
        ? zh
          ? '车载库存有可能用到的配件'
          : 'the likely parts are in their van'
        : zh
          ? '车载库存缺少可能用到的配件'
          : 'some likely parts are not in their van',
    });
  }
  if (f.reworkOfTheirJob) {
    out.push({
      code: 'rework',
      params: {},
      text: zh ? '返修单：原单由其维修，优先安排他人' : 'rework of their own job: someone else is preferred',
    });
  }
  return out;
}
