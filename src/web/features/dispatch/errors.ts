import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import type { TFunction } from '@web/lib/i18n';

/** The conflicts of a board write that mean "the board you see is out of date": it is refreshed at once. */
export function isBoardConflict(error: unknown): boolean {
  return isApiError(error) && (error.code === 'DOUBLE_BOOKED' || error.code === 'VERSION_CONFLICT');
}

/** A clear sentence for a failed assign / move / unassign (the server's own words for the rest). */
export function assignErrorText(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.code === 'DOUBLE_BOOKED') return t('board.error.doubleBooked');
    if (error.code === 'VERSION_CONFLICT') return t('board.error.versionConflict');
    if (error.code === 'NOT_ELIGIBLE') return t('board.error.notEligible', { message: error.message });
  }
  return errorMessage(error);
}

/** The messages of a VALIDATION_FAILED reply about the appointment window (shown above the time pickers). */
export function windowIssues(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return [];
  return error.issues.filter((i) => i.path === 'window' || i.path.startsWith('window.')).map((i) => i.message);
}

/** applyPlan's 409: the day changed since planning (the plan became `stale`). */
export function isStalePlan(error: unknown): boolean {
  return isApiError(error) && error.status === 409;
}

/** The order numbers a stale plan's 409 names (`details.changes[].workOrderNumber`), when the server gave them. */
export function staleOrderNumbers(error: unknown): string[] {
  if (!isApiError(error) || !Array.isArray(error.details.changes)) return [];
  const numbers = error.details.changes
    .map((c) =>
      typeof c === 'object' && c !== null ? (c as { workOrderNumber?: unknown }).workOrderNumber : undefined,
    )
    .filter((n): n is string => typeof n === 'string');
  return [...new Set(numbers)];
}
