/**
 * Trello failures as AppErrors, and URL redaction for logs.
 *
 * Trello answers errors as short text ("invalid key", "invalid value for idList") or, for 429, JSON
 * `{"error": "API_TOKEN_LIMIT_EXCEEDED", "message": …}`. Messages name the call (method and path,
 * never the query, which carries the key and token) and quote Trello's text with any secret removed.
 */
import { AppError } from "../core/index.js";

export interface TrelloCall {
  method: string;
  /** Path without the query, e.g. "/1/cards". */
  path: string;
}

/** Replaces the values of `key` and `token` query parameters with "[redacted]". */
export function redactTrelloUrl(url: string): string {
  return url.replace(/([?&](?:key|token)=)[^&#]*/gi, "$1[redacted]");
}

/** Removes any occurrence of the given secrets from a text (Trello never echoes them, but be sure). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result;
}

/** Trello's error text from a response body: the `message` of a JSON error, or the text itself. */
export function trelloErrorText(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as { message?: unknown; error?: unknown };
      const parts = [parsed.error, parsed.message].filter((part): part is string => typeof part === "string");
      if (parts.length > 0) return parts.join(": ");
    } catch {
      // not JSON after all
    }
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** The AppError for an HTTP error answer from Trello. */
export function trelloHttpError(call: TrelloCall, status: number, text: string): AppError {
  const what = `${call.method} ${call.path}`;
  const said = text === "" ? "" : `: ${text}`;
  const details = { status, method: call.method, path: call.path };
  if (status === 401 || status === 403) {
    return new AppError(
      "JOBPIPE_ERR_TRELLO_AUTH",
      `Trello rejected the API key or token (${status}${said}) on ${what}; check TRELLO_API_KEY and TRELLO_TOKEN (see docs/SETUP.md)`,
      { details },
    );
  }
  if (status === 400) {
    return new AppError("JOBPIPE_ERR_TRELLO_BAD_REQUEST", `Trello refused ${what} (400${said})`, { details });
  }
  if (status === 404) {
    return new AppError("JOBPIPE_ERR_TRELLO_NOT_FOUND", `Trello found nothing for ${what} (404${said})`, {
      details,
    });
  }
  if (status === 429) {
    return new AppError(
      "JOBPIPE_ERR_TRELLO_RATE_LIMITED",
      `Trello rate limit exceeded on ${what} (429${said})`,
      {
        details,
      },
    );
  }
  if (status >= 500) {
    return new AppError(
      "JOBPIPE_ERR_TRELLO_UNAVAILABLE",
      `Trello is unavailable: ${what} answered ${status}${said}`,
      {
        details,
      },
    );
  }
  return new AppError("JOBPIPE_ERR_TRELLO_BAD_REQUEST", `Trello refused ${what} (${status}${said})`, {
    details,
    retryable: status === 408 || status === 409,
  });
}

export function trelloTimeoutError(call: TrelloCall, timeoutMs: number): AppError {
  return new AppError(
    "JOBPIPE_ERR_TRELLO_UNAVAILABLE",
    `Trello did not answer ${call.method} ${call.path} within ${formatSeconds(timeoutMs)}`,
    { details: { method: call.method, path: call.path, timeoutMs } },
  );
}

export function trelloNetworkError(
  call: TrelloCall,
  origin: string,
  cause: unknown,
  secrets: readonly string[],
): AppError {
  const reason = scrubSecrets(networkReason(cause), secrets);
  return new AppError(
    "JOBPIPE_ERR_TRELLO_UNAVAILABLE",
    `Could not reach Trello at ${origin} for ${call.method} ${call.path}: ${reason}`,
    { details: { method: call.method, path: call.path } },
  );
}

function networkReason(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause;
    if (inner instanceof Error) {
      const code = (inner as { code?: unknown }).code;
      return typeof code === "string" ? `${code} (${inner.message})` : inner.message;
    }
    return cause.message;
  }
  return String(cause);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
