import { CALENDAR_KIND_LABELS } from '@shared/contracts/dispatch.contract';
import type { Locale } from '@shared/errors';
import type { TFunction } from '@web/lib/i18n';

/** Why a technician is not working that day, in words: the board sends a code (rest_day, leave, day_off). */
export function offReasonLabel(reason: string | null, lang: Locale, t: TFunction): string {
  if (!reason || reason === 'rest_day') return t('board.offDuty');
  if (Object.hasOwn(CALENDAR_KIND_LABELS, reason)) {
    return CALENDAR_KIND_LABELS[reason as keyof typeof CALENDAR_KIND_LABELS][lang];
  }
  return reason;
}
