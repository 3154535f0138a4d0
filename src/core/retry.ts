/**
 * Retry with a fixed backoff schedule, shared by every outside service.
 *
 * The first try is followed by at most `delaysMs.length` retries. Before retry n we wait
 * `delaysMs[n-1]`, unless the failure says how long to wait (a server's Retry-After), in which case
 * that wins (capped by `maxWaitMs`). Failures that `isRetryable` rejects are thrown at once.
 */
import { sleep as realSleep, type Sleep } from "./sleep.js";

/** The production schedule: 1 s, 2 s, 4 s — three retries after the first try. */
export const defaultRetryDelaysMs: readonly number[] = [1000, 2000, 4000];

export interface RetryEvent {
  /** The retry about to happen, 1-based. */
  attempt: number;
  waitMs: number;
  error: unknown;
}

export interface RetryOptions {
  delaysMs?: readonly number[];
  isRetryable: (error: unknown) => boolean;
  /** How long the failure itself asks us to wait (e.g. from Retry-After), or null. */
  retryAfterMs?: (error: unknown) => number | null;
  /** Upper bound on a server-requested wait. */
  maxWaitMs?: number;
  onRetry?: (event: RetryEvent) => void;
  sleep?: Sleep;
  signal?: AbortSignal;
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/** Thrown errors keep their identity; `attempts` is attached so callers can record it. */
export class RetryExhaustedError extends Error {
  readonly attempts: number;
  constructor(cause: unknown, attempts: number) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "RetryExhaustedError";
    this.attempts = attempts;
  }
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const delays = options.delaysMs ?? defaultRetryDelaysMs;
  const sleep = options.sleep ?? realSleep;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await operation(attempt);
      return { value, attempts: attempt };
    } catch (error) {
      const retriesUsed = attempt - 1;
      if (retriesUsed >= delays.length || !options.isRetryable(error) || options.signal?.aborted) {
        throw attachAttempts(error, attempt);
      }
      const requested = options.retryAfterMs?.(error) ?? null;
      const waitMs =
        requested === null ? (delays[retriesUsed] ?? 0) : Math.min(Math.max(requested, 0), maxWaitMs);
      options.onRetry?.({ attempt, waitMs, error });
      await sleep(waitMs, options.signal);
    }
  }
}

/** Records how many attempts were made on the error object itself, so the pipeline can store it. */
function attachAttempts(error: unknown, attempts: number): unknown {
  if (error !== null && typeof error === "object") {
    (error as { attempts?: number }).attempts = attempts;
    return error;
  }
  return new RetryExhaustedError(error, attempts);
}

/** The number of attempts recorded on an error by withRetry, or 1. */
export function attemptsOf(error: unknown): number {
  if (error !== null && typeof error === "object" && "attempts" in error) {
    const attempts = (error as { attempts?: unknown }).attempts;
    if (typeof attempts === "number") return attempts;
  }
  return 1;
}

/**
 * Parses a Retry-After (seconds or HTTP date) or retry-after-ms header into milliseconds.
 * Accepts a Headers object or a plain record.
 */
export function retryAfterFromHeaders(
  headers: Headers | Record<string, string | string[] | undefined> | null | undefined,
  now: number = Date.now(),
): number | null {
  if (!headers) return null;
  const read = (name: string): string | null => {
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  const milliseconds = read("retry-after-ms");
  if (milliseconds !== null && milliseconds.trim() !== "" && Number.isFinite(Number(milliseconds))) {
    return Math.max(0, Number(milliseconds));
  }
  const retryAfter = read("retry-after");
  if (retryAfter === null || retryAfter.trim() === "") return null;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Math.max(0, Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
