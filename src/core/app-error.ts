import { type ErrorCode, errorCodes } from "./error-codes.js";

/**
 * The one error type jobpipe throws across module boundaries. It carries a stable `code`, the HTTP
 * status the API answers with, and whether retrying the same call can help. Messages name what
 * failed and never contain a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly retryable: boolean;
  /** Extra facts for logs (never secrets), e.g. { url, status }. */
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.httpStatus = errorCodes[code].httpStatus;
    this.retryable = options.retryable ?? errorCodes[code].retryable;
    this.details = options.details ?? {};
  }

  /** "CODE: message", the form stored in step results and shown to users. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(value: unknown, fallbackCode: ErrorCode = "JOBPIPE_ERR_INTERNAL"): AppError {
  if (value instanceof AppError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new AppError(fallbackCode, message, { cause: value });
}
