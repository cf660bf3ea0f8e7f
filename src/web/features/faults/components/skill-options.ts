import { SKILL_CODES, SKILL_LABELS } from '@shared/contracts/intake.contract';
import type { Locale } from '@shared/errors';

export function skillOptions(lang: Locale) {
  return SKILL_CODES.map((s) => ({ value: s, label: SKILL_LABELS[s][lang] }));
}
