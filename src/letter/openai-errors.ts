/**
 * Maps what the OpenAI SDK throws to our coded errors, and says which failures a retry can help:
 * connection errors, timeouts, 408, 409, 429 and 5xx are transient; 400/401/403/404 (and any other
 * 4xx) are not. Messages name the endpoint's host, never the key, and never echo a 401 body (the
 * real API quotes part of the key there).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError, retryAfterFromHeaders } from "../core/index.js";

export interface LlmErrorDetails extends Record<string, unknown> {
  host: string;
  status: number | null;
  /** True when another attempt may succeed. */
  transient: boolean;
  /** How long the server asked us to wait, from retry-after-ms / Retry-After. */
  retryAfterMs: number | null;
}

export function toLlmError(
  error: unknown,
  context: { host: string; model: string; timeoutMs: number },
): AppError {
  if (error instanceof AppError) return error;
  const { host, model } = context;
  const details = (
    status: number | null,
    transient: boolean,
    retryAfterMs: number | null = null,
  ): LlmErrorDetails => ({
    host,
    status,
    transient,
    retryAfterMs,
  });
  if (error instanceof APIUserAbortError) {
    return new AppError("JOBPIPE_ERR_LLM_UNAVAILABLE", `Writing the letter at ${host} was cancelled`, {
      cause: error,
      retryable: false,
      details: details(null, false),
    });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new AppError(
      "JOBPIPE_ERR_LLM_UNAVAILABLE",
      `The model API at ${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s`,
      { cause: error, details: details(null, true) },
    );
  }
  if (error instanceof APIConnectionError) {
    const reason = describeCause(error);
    return new AppError(
      "JOBPIPE_ERR_LLM_UNAVAILABLE",
      `Could not connect to the model API at ${host}${reason}`,
      {
        cause: error,
        details: details(null, true),
      },
    );
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const retryAfterMs = retryAfterFromHeaders(error.headers ?? null);
    const serverMessage = status === 401 || status === 403 ? "" : serverSays(error);
    if (status === 401 || status === 403) {
      return new AppError(
        "JOBPIPE_ERR_LLM_AUTH",
        `Authentication failed at the model API ${host} (HTTP ${status}): check OPENAI_API_KEY (and OPENAI_BASE_URL if you use another provider)`,
        { cause: error, details: details(status, false) },
      );
    }
    if (status === 429) {
      return new AppError(
        "JOBPIPE_ERR_LLM_RATE_LIMITED",
        `The model API at ${host} is rate limiting us (HTTP 429)${serverMessage}`,
        {
          cause: error,
          details: details(status, true, retryAfterMs),
        },
      );
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new AppError(
        "JOBPIPE_ERR_LLM_UNAVAILABLE",
        `The model API at ${host} answered HTTP ${status}${serverMessage}`,
        {
          cause: error,
          details: details(status, true, retryAfterMs),
        },
      );
    }
    const hint = status === 404 ? ` (is the model "${model}" available there? check OPENAI_MODEL)` : "";
    return new AppError(
      "JOBPIPE_ERR_LLM_BAD_REQUEST",
      `The model API at ${host} rejected the request (HTTP ${status})${serverMessage}${hint}`,
      { cause: error, details: details(status, false) },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("JOBPIPE_ERR_LLM_UNAVAILABLE", `Calling the model API at ${host} failed: ${message}`, {
    cause: error,
    details: details(null, false),
  });
}

export function isTransientLlmError(error: unknown): boolean {
  return error instanceof AppError && (error.details as Partial<LlmErrorDetails>).transient === true;
}

export function llmRetryAfterMs(error: unknown): number | null {
  if (!(error instanceof AppError)) return null;
  const value = (error.details as Partial<LlmErrorDetails>).retryAfterMs;
  return typeof value === "number" ? value : null;
}

function serverSays(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : "";
  return text ? `: ${text.slice(0, 200)}` : "";
}

function describeCause(error: Error): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === "string" ? cause.code : null;
  const nested = (cause as { cause?: { code?: unknown } } | undefined)?.cause;
  const nestedCode = typeof nested?.code === "string" ? nested.code : null;
  const found = code ?? nestedCode;
  return found ? ` (${found})` : "";
}
