import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import type { TFunction } from '@web/lib/i18n';

/**
 * The parts API's 422 / 409 replies carry the specific reason in `details` (`insufficient_stock` with `available`
 * and `requested`, or a localised `details.message`); the top-level message is the generic one.
 */
export function partsErrorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const d = error.details;
    if (d.reason === 'insufficient_stock' && typeof d.available === 'number' && typeof d.requested === 'number')
      return t('stock.insufficient', { available: d.available, requested: d.requested });
    if (typeof d.message === 'string' && d.message) return d.message;
  }
  return errorMessage(error);
}
