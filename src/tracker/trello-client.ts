/**
 * A small typed client over fetch for the Trello REST API calls jobpipe makes.
 *
 * Each call: wait for the rate limiter → fetch with a timeout (key and token as query parameters,
 * other parameters in a JSON or multipart body) → map a failure to an AppError (trello-errors.ts) →
 * retry with `withRetry` on 429, 5xx, timeouts and network errors. A caller that must not repeat a
 * call blindly (creating a card) passes `{ retry: false }` and retries around its own check.
 * URLs are logged with key and token redacted; errors never contain them.
 */
import type { Logger } from "pino";
import { AppError, isAppError, type Sleep, withRetry } from "../core/index.js";
import { sharedTrelloRateLimiter, type TrelloRateLimiter, type TrelloRequestKind } from "./rate-limiter.js";
import {
  redactTrelloUrl,
  scrubSecrets,
  type TrelloCall,
  trelloErrorText,
  trelloHttpError,
  trelloNetworkError,
  trelloTimeoutError,
} from "./trello-errors.js";
import type {
  NewTrelloCard,
  TrelloAttachment,
  TrelloBoard,
  TrelloCard,
  TrelloCardChanges,
  TrelloComment,
  TrelloFileUpload,
  TrelloLabel,
  TrelloList,
  TrelloMember,
} from "./trello-types.js";

export const defaultTrelloBaseUrl = "https://api.trello.com/1";
export const defaultTrelloTimeoutMs = 15_000;
export const defaultTrelloRetryDelaysMs: readonly number[] = [1000, 2000, 4000];

export interface TrelloClientOptions {
  apiKey: string;
  token: string;
  /** API root, e.g. "https://api.trello.com/1"; "/1" is appended when missing. */
  baseUrl?: string;
  logger?: Logger;
  sleep?: Sleep;
  /** Waits before each retry; the first try is followed by at most this many retries. */
  retryDelaysMs?: readonly number[];
  /** Per attempt. */
  timeoutMs?: number;
  /** Defaults to the process-wide limiter for this key and token. */
  rateLimiter?: TrelloRateLimiter;
  fetch?: typeof fetch;
}

export interface TrelloRequestOptions {
  signal?: AbortSignal;
  /** Retry on 429/5xx/timeouts/network errors (default true). */
  retry?: boolean;
}

export interface TrelloClient {
  readonly baseUrl: string;
  getMe(options?: TrelloRequestOptions): Promise<TrelloMember>;
  getBoard(boardId: string, options?: TrelloRequestOptions): Promise<TrelloBoard>;
  getLists(boardId: string, options?: TrelloRequestOptions): Promise<TrelloList[]>;
  createList(boardId: string, name: string, options?: TrelloRequestOptions): Promise<TrelloList>;
  getLabels(boardId: string, options?: TrelloRequestOptions): Promise<TrelloLabel[]>;
  createLabel(
    boardId: string,
    name: string,
    color: string | null,
    options?: TrelloRequestOptions,
  ): Promise<TrelloLabel>;
  /** Open cards of a board, with their attachments when asked. */
  getBoardCards(
    boardId: string,
    query?: { attachments?: boolean; filter?: "open" | "closed" | "all" },
    options?: TrelloRequestOptions,
  ): Promise<TrelloCard[]>;
  getCard(
    cardId: string,
    query?: { attachments?: boolean },
    options?: TrelloRequestOptions,
  ): Promise<TrelloCard>;
  createCard(card: NewTrelloCard, options?: TrelloRequestOptions): Promise<TrelloCard>;
  updateCard(cardId: string, changes: TrelloCardChanges, options?: TrelloRequestOptions): Promise<TrelloCard>;
  moveCard(cardId: string, listId: string, options?: TrelloRequestOptions): Promise<TrelloCard>;
  archiveCard(cardId: string, options?: TrelloRequestOptions): Promise<TrelloCard>;
  addLabelToCard(cardId: string, labelId: string, options?: TrelloRequestOptions): Promise<void>;
  getAttachments(cardId: string, options?: TrelloRequestOptions): Promise<TrelloAttachment[]>;
  attachUrl(
    cardId: string,
    url: string,
    name?: string,
    options?: TrelloRequestOptions,
  ): Promise<TrelloAttachment>;
  attachFile(
    cardId: string,
    file: TrelloFileUpload,
    options?: TrelloRequestOptions,
  ): Promise<TrelloAttachment>;
  deleteAttachment(cardId: string, attachmentId: string, options?: TrelloRequestOptions): Promise<void>;
  addComment(cardId: string, text: string, options?: TrelloRequestOptions): Promise<TrelloComment>;
  /** Full-text search of a board's open cards (Trello's search index may lag a few seconds). */
  searchCards(boardId: string, query: string, options?: TrelloRequestOptions): Promise<TrelloCard[]>;
}

type QueryValue = string | number | boolean | undefined;

interface CallSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  json?: Record<string, unknown>;
  form?: FormData;
}

const cardFields = "id,name,desc,idList,idBoard,idLabels,url,shortUrl,closed,due";

export function createTrelloClient(options: TrelloClientOptions): TrelloClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? defaultTrelloBaseUrl);
  const origin = new URL(baseUrl).origin;
  const basePath = new URL(baseUrl).pathname;
  const secrets = [options.apiKey, options.token];
  const timeoutMs = options.timeoutMs ?? defaultTrelloTimeoutMs;
  const retryDelaysMs = options.retryDelaysMs ?? defaultTrelloRetryDelaysMs;
  const limiter = options.rateLimiter ?? sharedTrelloRateLimiter(options.apiKey, options.token);
  const fetchImpl = options.fetch ?? fetch;
  const logger = options.logger;

  const attempt = async <T>(spec: CallSpec, signal: AbortSignal | undefined): Promise<T> => {
    const url = new URL(baseUrl + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    url.searchParams.set("key", options.apiKey);
    url.searchParams.set("token", options.token);
    const call: TrelloCall = { method: spec.method, path: basePath + spec.path };
    const kind: TrelloRequestKind = spec.path.startsWith("/members/") ? "members" : "default";
    const release = await limiter.acquire(kind, signal);
    try {
      return await exchange<T>(spec, url, call, signal);
    } finally {
      release();
    }
  };

  const exchange = async <T>(
    spec: CallSpec,
    url: URL,
    call: TrelloCall,
    signal: AbortSignal | undefined,
  ): Promise<T> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const started = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: spec.method,
        headers: spec.json
          ? { "content-type": "application/json", accept: "application/json" }
          : { accept: "application/json" },
        body: spec.json ? JSON.stringify(spec.json) : spec.form,
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw trelloTimeoutError(call, timeoutMs);
      throw trelloNetworkError(call, origin, error, secrets);
    }
    logger?.debug(
      {
        method: spec.method,
        url: redactTrelloUrl(url.toString()),
        status: response.status,
        ms: Date.now() - started,
      },
      "Trello request",
    );
    if (!response.ok) {
      throw trelloHttpError(call, response.status, scrubSecrets(trelloErrorText(text), secrets));
    }
    try {
      return (text === "" ? null : JSON.parse(text)) as T;
    } catch (error) {
      throw new AppError(
        "JOBPIPE_ERR_TRELLO_UNAVAILABLE",
        `Trello answered ${call.method} ${call.path} with non-JSON`,
        {
          cause: error,
          details: { method: call.method, path: call.path, status: response.status },
        },
      );
    }
  };

  const send = async <T>(spec: CallSpec, requestOptions: TrelloRequestOptions = {}): Promise<T> => {
    const { signal } = requestOptions;
    if (requestOptions.retry === false) return attempt<T>(spec, signal);
    const outcome = await withRetry((_attempt) => attempt<T>(spec, signal), {
      delaysMs: retryDelaysMs,
      isRetryable: (error) => isAppError(error) && error.retryable && !signal?.aborted,
      sleep: options.sleep,
      signal,
      onRetry: ({ attempt: retry, waitMs, error }) =>
        logger?.warn(
          {
            attempt: retry,
            waitMs,
            method: spec.method,
            path: basePath + spec.path,
            code: isAppError(error) ? error.code : undefined,
            error: isAppError(error) ? error.message : String(error),
          },
          "Retrying Trello request",
        ),
    });
    return outcome.value;
  };

  const id = (value: string) => encodeURIComponent(value);

  return {
    baseUrl,
    getMe: (requestOptions) =>
      send<TrelloMember>(
        { method: "GET", path: "/members/me", query: { fields: "id,username,fullName" } },
        requestOptions,
      ),
    getBoard: (boardId, requestOptions) =>
      send<TrelloBoard>(
        { method: "GET", path: `/boards/${id(boardId)}`, query: { fields: "id,name,url,shortLink" } },
        requestOptions,
      ),
    getLists: (boardId, requestOptions) =>
      send<TrelloList[]>(
        {
          method: "GET",
          path: `/boards/${id(boardId)}/lists`,
          query: { filter: "open", fields: "id,name,closed,pos" },
        },
        requestOptions,
      ),
    createList: (boardId, name, requestOptions) =>
      send<TrelloList>(
        { method: "POST", path: `/boards/${id(boardId)}/lists`, json: { name, pos: "bottom" } },
        requestOptions,
      ),
    getLabels: (boardId, requestOptions) =>
      send<TrelloLabel[]>(
        {
          method: "GET",
          path: `/boards/${id(boardId)}/labels`,
          query: { fields: "id,name,color", limit: 1000 },
        },
        requestOptions,
      ),
    createLabel: (boardId, name, color, requestOptions) =>
      send<TrelloLabel>(
        { method: "POST", path: "/labels", json: { name, color: color ?? "null", idBoard: boardId } },
        requestOptions,
      ),
    getBoardCards: (boardId, query = {}, requestOptions) =>
      send<TrelloCard[]>(
        {
          method: "GET",
          path: `/boards/${id(boardId)}/cards${query.filter && query.filter !== "open" ? `/${query.filter}` : ""}`,
          query: {
            fields: cardFields,
            attachments: query.attachments ? "true" : undefined,
            attachment_fields: query.attachments ? "id,name,url,mimeType,isUpload,bytes" : undefined,
          },
        },
        requestOptions,
      ),
    getCard: (cardId, query = {}, requestOptions) =>
      send<TrelloCard>(
        {
          method: "GET",
          path: `/cards/${id(cardId)}`,
          query: { fields: cardFields, attachments: query.attachments ? "true" : undefined },
        },
        requestOptions,
      ),
    createCard: (card, requestOptions) =>
      send<TrelloCard>(
        {
          method: "POST",
          path: "/cards",
          json: {
            idList: card.idList,
            name: card.name,
            desc: card.desc,
            urlSource: card.urlSource,
            idLabels: card.idLabels?.join(","),
            due: card.due,
            pos: card.pos ?? "bottom",
          },
        },
        requestOptions,
      ),
    updateCard: (cardId, changes, requestOptions) =>
      send<TrelloCard>(
        {
          method: "PUT",
          path: `/cards/${id(cardId)}`,
          json: { ...changes, idLabels: changes.idLabels?.join(",") },
        },
        requestOptions,
      ),
    moveCard: (cardId, listId, requestOptions) =>
      send<TrelloCard>(
        { method: "PUT", path: `/cards/${id(cardId)}`, json: { idList: listId } },
        requestOptions,
      ),
    archiveCard: (cardId, requestOptions) =>
      send<TrelloCard>(
        { method: "PUT", path: `/cards/${id(cardId)}`, json: { closed: true } },
        requestOptions,
      ),
    addLabelToCard: async (cardId, labelId, requestOptions) => {
      await send<unknown>(
        { method: "POST", path: `/cards/${id(cardId)}/idLabels`, json: { value: labelId } },
        requestOptions,
      );
    },
    getAttachments: (cardId, requestOptions) =>
      send<TrelloAttachment[]>({ method: "GET", path: `/cards/${id(cardId)}/attachments` }, requestOptions),
    attachUrl: (cardId, url, name, requestOptions) =>
      send<TrelloAttachment>(
        { method: "POST", path: `/cards/${id(cardId)}/attachments`, json: { url, name } },
        requestOptions,
      ),
    attachFile: (cardId, file, requestOptions) => {
      const form = new FormData();
      form.set("name", file.name ?? file.fileName);
      form.set("mimeType", file.mimeType);
      form.set("file", new Blob([file.data], { type: file.mimeType }), file.fileName);
      return send<TrelloAttachment>(
        { method: "POST", path: `/cards/${id(cardId)}/attachments`, form },
        requestOptions,
      );
    },
    deleteAttachment: async (cardId, attachmentId, requestOptions) => {
      await send<unknown>(
        { method: "DELETE", path: `/cards/${id(cardId)}/attachments/${id(attachmentId)}` },
        requestOptions,
      );
    },
    addComment: (cardId, text, requestOptions) =>
      send<TrelloComment>(
        { method: "POST", path: `/cards/${id(cardId)}/actions/comments`, json: { text } },
        requestOptions,
      ),
    searchCards: async (boardId, query, requestOptions) => {
      const result = await send<{ cards?: TrelloCard[] }>(
        {
          method: "GET",
          path: "/search",
          query: {
            query,
            idBoards: boardId,
            modelTypes: "cards",
            card_fields: cardFields,
            cards_limit: 1000,
            partial: "false",
          },
        },
        requestOptions,
      );
      return result?.cards ?? [];
    },
  };
}

function normaliseBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return /\/1$/.test(trimmed) ? trimmed : `${trimmed}/1`;
}
