import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, isApiError } from './api';
import { currentLanguage, translate } from './i18n';

/** A readable message for any thrown value (API errors carry a server-localised message). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return translate(currentLanguage(), 'common.unexpectedError');
}

type FieldName = string | (string | number)[];

/**
 * Put the field issues of a VALIDATION_FAILED reply on the form's fields.
 * `fields` are the form's field names; `map` renames server paths ("branchId" → "branch").
 * A path "roles.1" lands on "roles". Returns the messages that did not fit any field, so the
 * caller can show them (the whole error message when there were no field issues).
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  map: Record<string, FieldName> = {},
): string[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || error.issues.length === 0) {
    return [errorMessage(error)];
  }
  const perField = new Map<string, { name: FieldName; errors: string[] }>();
  const leftover: string[] = [];
  for (const issue of error.issues) {
    const segments = issue.path.split('.').filter(Boolean);
    let name: FieldName | undefined;
    for (let n = segments.length; n > 0 && name === undefined; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (Object.hasOwn(map, candidate)) name = map[candidate];
      else if (fields.includes(candidate)) name = candidate;
    }
    if (name === undefined) {
      leftover.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = perField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    perField.set(key, entry);
  }
  form.setFields([...perField.values()].map(({ name, errors }) => ({ name, errors })));
  if (perField.size === 0 && leftover.length === 0) leftover.push(error.message);
  return leftover;
}

/** Show an error as a toast message: `notify(error)`. */
export function useErrorNotice(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      const text = errorMessage(error);
      const suffix =
        isApiError(error) && error.requestId && error.status >= 500
          ? ` (${translate(currentLanguage(), 'common.requestId', { id: error.requestId })})`
          : '';
      void message.error(text + suffix);
    },
    [message],
  );
}

export function isVersionConflict(error: unknown): boolean {
  return isApiError(error) && error.code === 'VERSION_CONFLICT';
}
