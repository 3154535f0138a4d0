/** Turns whatever a step threw into the coded, secret-free record the store keeps. */
import { type AppError, attemptsOf, toAppError } from "../core/index.js";
import type { StepRecord } from "../store/index.js";

export function failedStep(error: unknown, ms: number): StepRecord & { appError: AppError } {
  const appError = toAppError(error);
  return {
    status: "failed",
    errorCode: appError.code,
    errorMessage: appError.message,
    attempts: attemptsOf(error),
    ms,
    appError,
  };
}

export function okStep(attempts: number, ms: number): StepRecord {
  return { status: "ok", errorCode: null, errorMessage: null, attempts, ms };
}

export function skippedStep(reason: string | null = null): StepRecord {
  return { status: "skipped", errorCode: null, errorMessage: reason, attempts: 0, ms: 0 };
}

export function pendingStep(): StepRecord {
  return { status: "pending", errorCode: null, errorMessage: null, attempts: 0, ms: 0 };
}
