/**
 * The safe page fetcher. fetchPage(url):
 *   1. checks the URL's form (http/https, no credentials) and, per hop, every address the host
 *      resolves to; the connection is pinned to a checked address;
 *   2. follows at most `maxRedirects` redirects, re-checking each target and refusing loops and
 *      redirects to sign-in pages (login walls);
 *   3. enforces a connect timeout and a total timeout over all hops, and a cap on the decompressed
 *      body;
 *   4. maps the outcome to Page or a coded AppError (HTTP status, not HTML, login wall, timeout…);
 *   5. retries transient failures (5xx, 429, connection resets) with `withRetry`.
 */
import type { Logger } from "pino";
import {
  AppError,
  isAppError,
  type Page,
  retryAfterFromHeaders,
  type Sleep,
  withRetry,
} from "../core/index.js";
import { decodeBody } from "./charset.js";
import { ConnectTimeoutError, type RawResponse, requestOnce } from "./http-request.js";
import { hasLoginForm, isLoginUrl } from "./login-wall.js";
import {
  type AddressPolicy,
  createAddressPolicy,
  type LookupFunction,
  parsePostingUrl,
} from "./url-guard.js";

export const defaultMaxBytes = 5 * 1024 * 1024;
export const defaultMaxRedirects = 5;
export const defaultFetchRetryDelaysMs: readonly number[] = [500, 1000, 2000];

export interface PageFetcherOptions {
  /** JOBPIPE_FETCH_ALLOW: hosts or CIDRs exempt from the private-address block. */
  allow: readonly string[];
  /** Total time one attempt may take, redirects included. */
  timeoutMs: number;
  connectTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent: string;
  logger: Logger;
  sleep?: Sleep;
  retryDelaysMs?: readonly number[];
  /** DNS resolver; the system's by default. */
  lookup?: LookupFunction;
}

export interface FetchPageOptions {
  signal?: AbortSignal;
  /** What the caller expects: an HTML page (default) or a JSON API response. */
  accept?: "html" | "json";
}

export type FetchedPage = Page & { attempts: number };

export interface PageFetcher {
  fetchPage(url: string, options?: FetchPageOptions): Promise<FetchedPage>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const policy = createAddressPolicy(options.allow);
  const settings: AttemptSettings = {
    policy,
    lookup: options.lookup,
    timeoutMs: options.timeoutMs,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? 10_000, options.timeoutMs),
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    maxRedirects: options.maxRedirects ?? defaultMaxRedirects,
    userAgent: options.userAgent,
  };
  return {
    async fetchPage(url, fetchOptions = {}) {
      const parsed = parsePostingUrl(url);
      const accept = fetchOptions.accept ?? "html";
      const started = Date.now();
      const outcome = await withRetry(
        (attempt) => fetchAttempt(parsed, accept, settings, attempt, fetchOptions.signal),
        {
          delaysMs: options.retryDelaysMs ?? defaultFetchRetryDelaysMs,
          isRetryable: (error) =>
            isAppError(error) && error.retryable && error.code !== "JOBPIPE_ERR_FETCH_TIMEOUT",
          retryAfterMs: (error) =>
            isAppError(error) ? ((error.details.retryAfterMs as number | null | undefined) ?? null) : null,
          maxWaitMs: 30_000,
          sleep: options.sleep,
          signal: fetchOptions.signal,
          onRetry: (event) =>
            options.logger.warn(
              { url: parsed.href, attempt: event.attempt, waitMs: event.waitMs, error: String(event.error) },
              "page fetch failed, retrying",
            ),
        },
      );
      options.logger.debug(
        {
          url: parsed.href,
          finalUrl: outcome.value.finalUrl,
          status: outcome.value.status,
          ms: Date.now() - started,
        },
        "page fetched",
      );
      return { ...outcome.value, attempts: outcome.attempts };
    },
  };
}

interface AttemptSettings {
  policy: AddressPolicy;
  lookup: LookupFunction | undefined;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

async function fetchAttempt(
  requested: URL,
  accept: "html" | "json",
  settings: AttemptSettings,
  _attempt: number,
  callerSignal: AbortSignal | undefined,
): Promise<Page> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error("total timeout")), settings.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  const headers = {
    "user-agent": settings.userAgent,
    accept:
      accept === "json"
        ? "application/json, text/plain;q=0.5, */*;q=0.1"
        : "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    "accept-encoding": "gzip, deflate, br",
    "accept-language": "en;q=1, *;q=0.5",
  };
  try {
    let current = requested;
    const seen = new Set<string>([current.href]);
    for (let hop = 0; ; hop++) {
      const response = await requestOnce(current, {
        policy: settings.policy,
        lookup: settings.lookup,
        connectTimeoutMs: settings.connectTimeoutMs,
        maxBytes: settings.maxBytes,
        headers,
        signal,
        readBody: (status) => !redirectStatuses.has(status),
      });
      if (redirectStatuses.has(response.status)) {
        const location = headerValue(response.headers.location);
        if (!location) throw statusError(current, response);
        const next = resolveRedirect(current, location);
        if (isLoginUrl(next) && !isLoginUrl(requested)) {
          throw new AppError(
            "JOBPIPE_ERR_LOGIN_WALL",
            `${requested.href} redirects to a sign-in page (${next.origin}${next.pathname}); save the page from your browser and use --html`,
            {
              details: { url: requested.href },
            },
          );
        }
        if (seen.has(next.href)) {
          throw new AppError(
            "JOBPIPE_ERR_TOO_MANY_REDIRECTS",
            `Fetching ${requested.href} ran into a redirect loop at ${next.href}`,
          );
        }
        if (hop + 1 > settings.maxRedirects) {
          throw new AppError(
            "JOBPIPE_ERR_TOO_MANY_REDIRECTS",
            `Fetching ${requested.href} was redirected more than ${settings.maxRedirects} times`,
          );
        }
        seen.add(next.href);
        current = next;
        continue;
      }
      return toPage(requested, current, response, accept);
    }
  } catch (error) {
    throw mapError(error, requested, settings, timeout.signal, callerSignal);
  } finally {
    clearTimeout(timer);
  }
}

function resolveRedirect(from: URL, location: string): URL {
  let target: string;
  try {
    target = new URL(location, from).href;
  } catch {
    throw new AppError("JOBPIPE_ERR_FETCH_NETWORK", `${from.href} redirected to an invalid URL`, {
      retryable: false,
    });
  }
  return parsePostingUrl(target);
}

function toPage(requested: URL, final: URL, response: RawResponse, accept: "html" | "json"): Page {
  const contentType = headerValue(response.headers["content-type"]) ?? null;
  if (response.status < 200 || response.status >= 300) {
    if (response.status === 401 || response.status === 403) {
      const text = decodeBody(response.body, contentType);
      if (response.status === 401 || hasLoginForm(text)) {
        throw new AppError(
          "JOBPIPE_ERR_LOGIN_WALL",
          `${final.href} asks to sign in (HTTP ${response.status}); save the page from your browser and use --html`,
          { details: { url: final.href, status: response.status } },
        );
      }
    }
    throw statusError(final, response);
  }
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const body = decodeBody(response.body, contentType);
  if (accept === "html") {
    if (!isHtmlType(mediaType, body)) {
      throw new AppError(
        "JOBPIPE_ERR_NOT_HTML",
        `${final.href} is ${mediaType || "not text"}, not an HTML page; save the posting's text and use --text`,
        { details: { url: final.href, contentType } },
      );
    }
    if (isLoginUrl(final) && !isLoginUrl(requested) && hasLoginForm(body)) {
      throw new AppError(
        "JOBPIPE_ERR_LOGIN_WALL",
        `${requested.href} shows a sign-in page instead of the posting`,
      );
    }
  } else if (!isJsonType(mediaType, body)) {
    throw new AppError(
      "JOBPIPE_ERR_NOT_HTML",
      `${final.href} answered ${mediaType || "something"}, not JSON`,
      {
        details: { url: final.href, contentType },
      },
    );
  }
  return { requestedUrl: requested.href, finalUrl: final.href, status: response.status, contentType, body };
}

function isHtmlType(mediaType: string, body: string): boolean {
  if (mediaType === "text/html" || mediaType === "application/xhtml+xml") return true;
  if (mediaType === "" || mediaType === "text/plain" || mediaType === "application/octet-stream") {
    return /^\s*(<!doctype html|<html|<head|<body|<!--)/i.test(body.slice(0, 512));
  }
  return false;
}

function isJsonType(mediaType: string, body: string): boolean {
  if (mediaType === "application/json" || mediaType.endsWith("+json")) return true;
  if (mediaType === "" || mediaType.startsWith("text/")) return /^\s*[[{]/.test(body.slice(0, 64));
  return false;
}

function statusError(url: URL, response: RawResponse): AppError {
  const transient = response.status === 429 || response.status >= 500;
  const reason = response.statusText ? ` ${response.statusText}` : "";
  return new AppError(
    "JOBPIPE_ERR_FETCH_HTTP_STATUS",
    `Fetching ${url.href} failed with HTTP ${response.status}${reason}`,
    {
      retryable: transient,
      details: {
        url: url.href,
        status: response.status,
        retryAfterMs: transient
          ? retryAfterFromHeaders(response.headers as Record<string, string | string[] | undefined>)
          : null,
      },
    },
  );
}

function mapError(
  error: unknown,
  url: URL,
  settings: AttemptSettings,
  timeoutSignal: AbortSignal,
  callerSignal: AbortSignal | undefined,
): unknown {
  if (callerSignal?.aborted) return callerSignal.reason ?? error;
  if (isAppError(error)) return error;
  if (timeoutSignal.aborted) {
    return new AppError(
      "JOBPIPE_ERR_FETCH_TIMEOUT",
      `Fetching ${url.href} timed out after ${seconds(settings.timeoutMs)}`,
      {
        cause: error,
        details: { url: url.href },
      },
    );
  }
  if (error instanceof ConnectTimeoutError) {
    return new AppError(
      "JOBPIPE_ERR_FETCH_TIMEOUT",
      `Connecting to ${url.host} timed out after ${seconds(error.timeoutMs)}`,
      { cause: error, details: { url: url.href } },
    );
  }
  const code = (error as { code?: string }).code ?? "";
  const transient = [
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_SOCKET",
  ].includes(code);
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError("JOBPIPE_ERR_FETCH_NETWORK", `Fetching ${url.href} failed: ${reason}`, {
    cause: error,
    retryable: transient || reason === "socket hang up",
    details: { url: url.href, code },
  });
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
