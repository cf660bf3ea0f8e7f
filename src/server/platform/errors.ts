import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, type FieldIssue, type Locale } from '@shared/errors';

/** The one error type of the application. `details` goes to the client: never put internals in it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>, cause?: unknown) {
    super(code, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  message_(locale: Locale): string {
    return ERROR_MESSAGES[this.code][locale];
  }

  static validation(issues: FieldIssue[]): AppError {
    return new AppError('VALIDATION_FAILED', { issues });
  }
  static field(path: string, code: string, message: string): AppError {
    return AppError.validation([{ path, code, message }]);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
