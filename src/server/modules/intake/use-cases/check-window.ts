import type { Ctx } from '@server/platform/context';
import type { FieldIssue } from '@shared/errors';

const MAX_AHEAD_DAYS = 60;

/** A preferred window: start before end, not over yet, at most 60 days ahead. Field issues, none if fine. */
export function checkWindow(
  ctx: Ctx,
  window: { start: string; end: string } | null | undefined,
  path = 'preferredWindow',
): FieldIssue[] {
  if (!window) return [];
  const zh = ctx.request.locale === 'zh-CN';
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (end <= start) {
    return [
      { path: `${path}.end`, code: 'before_start', message: zh ? '结束时间须晚于开始时间' : 'End must be after start' },
    ];
  }
  if (end <= ctx.now) {
    return [{ path: `${path}.end`, code: 'in_past', message: zh ? '预约时段已过' : 'The window is already over' }];
  }
  if (start.getTime() > ctx.now.getTime() + MAX_AHEAD_DAYS * 86_400_000) {
    return [
      {
        path: `${path}.start`,
        code: 'too_far',
        message: zh ? `最多预约 ${MAX_AHEAD_DAYS} 天内` : `At most ${MAX_AHEAD_DAYS} days ahead`,
      },
    ];
  }
  return [];
}

export function toWindow(window: { start: string; end: string } | null | undefined) {
  return window ? { start: new Date(window.start), end: new Date(window.end) } : null;
}
