import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { Alert, Typography } from 'antd';
import { createContext, type ReactNode, useContext, useMemo } from 'react';

/**
 * A step's server error in plain words: VALIDATION_FAILED issues by path (shown next to their field), the rest
 * (a broken rule's own words when the server gave them) in one line above the button.
 */
export interface StepErrors {
  byPath: Record<string, string>;
  general: string[];
}

const EMPTY: StepErrors = { byPath: {}, general: [] };

export function toStepErrors(error: unknown, knownPaths: readonly string[]): StepErrors {
  if (!error) return EMPTY;
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.issues.length) {
    const byPath: Record<string, string> = {};
    const general: string[] = [];
    for (const i of error.issues) {
      // "parts.0.serials" lands on "parts.0.serials", else "parts.0", else "parts", else above the button.
      const segments = i.path.split('.').filter(Boolean);
      let placed = false;
      for (let n = segments.length; n > 0 && !placed; n--) {
        const p = segments.slice(0, n).join('.');
        if (knownPaths.includes(p)) {
          byPath[p] = byPath[p] ? `${byPath[p]}；${i.message}` : i.message;
          placed = true;
        }
      }
      if (!placed) general.push(i.message);
    }
    return { byPath, general };
  }
  if (isApiError(error) && typeof error.details.message === 'string') {
    return { byPath: {}, general: [error.details.message] };
  }
  return { byPath: {}, general: [errorMessage(error)] };
}

const ErrorsContext = createContext<StepErrors>(EMPTY);

/** Provides a step's errors to its `<FieldError path>` children and shows the general ones. */
export function StepErrorsProvider({
  error,
  paths,
  children,
}: {
  error: unknown;
  paths: readonly string[];
  children: ReactNode;
}) {
  const value = useMemo(() => toStepErrors(error, paths), [error, paths]);
  return <ErrorsContext.Provider value={value}>{children}</ErrorsContext.Provider>;
}

/** The error of one field (server path), right under it. */
export function FieldError({ path }: { path: string }) {
  const { byPath } = useContext(ErrorsContext);
  const text = byPath[path];
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 14 }} data-testid={`field-error-${path}`}>
      {text}
    </Typography.Text>
  );
}

/** The errors that belong to no field (a broken rule, the network). */
export function GeneralErrors() {
  const { general } = useContext(ErrorsContext);
  if (!general.length) return null;
  return (
    <Alert type="error" showIcon title={general.join('；')} data-testid="step-error" style={{ margin: '8px 0' }} />
  );
}
