import type { Ctx } from '@server/platform/context';
import type { FieldIssue } from '@shared/errors';
import { issue } from './technician-support';

/**
 * A certificate expires after it was issued, and a newly given issue date is not after `today` (null: the issue
 * date is the one already on file, not checked again).
 */
export function certificateDateIssues(
  ctx: Ctx,
  issuedOn: string,
  expiresOn: string,
  today: string | null,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (today !== null && issuedOn > today) {
    out.push(issue(ctx, 'issuedOn', 'in_the_future', '发证日期不能晚于今天', 'The issue date cannot be in the future'));
  }
  if (expiresOn <= issuedOn) {
    out.push(
      issue(
        ctx,
        'expiresOn',
        'expiry_before_issue',
        '有效期须晚于发证日期',
        'The certificate must expire after it was issued',
      ),
    );
  }
  return out;
}
