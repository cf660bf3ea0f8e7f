import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import type { FormInstance } from 'antd';

/**
 * Field issues onto the form: those of a 400 VALIDATION_FAILED, and those a 409 CONFLICT carries (a staff number
 * taken, a request already made that day). Returns what fits no field.
 */
export function applyFormErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  map: Record<string, string> = {},
): string[] {
  if (isApiError(error) && error.code === 'CONFLICT' && error.issues.length > 0) {
    const leftover: string[] = [];
    const set: { name: string; errors: string[] }[] = [];
    for (const issue of error.issues) {
      const first = issue.path.split('.')[0] ?? '';
      const name = map[issue.path] ?? map[first] ?? first;
      if (fields.includes(name)) set.push({ name, errors: [issue.message] });
      else leftover.push(issue.message);
    }
    form.setFields(set);
    return leftover;
  }
  return applyServerErrors(form, error, fields, map);
}
