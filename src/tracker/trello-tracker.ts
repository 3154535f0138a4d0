/**
 * The Trello tracker: one card per posting on the user's board.
 *
 * ensureCard(posting):
 *   1. look the posting up in an index of the board's open cards, keyed by the canonical URL of each
 *      card's attachments and of its description marker (`jobpipe:posting <url>`). The index is
 *      loaded from `GET /boards/{id}/cards?attachments=true`, kept while fresh (cardIndexTtlMs) and
 *      updated with every card we create;
 *   2. when absent, create the card with the posting URL attached in the same call (`urlSource`);
 *   3. on a retryable failure (timeout, 5xx, 429) wait, reload the index and start again at 1 — so a
 *      create that timed out but succeeded on Trello's side is found rather than made twice.
 * Concurrent ensureCard calls for the same posting share one run.
 *
 * moveCard(cardId, stage) puts the card in the stage's list (stage-lists.ts); checkConnection reads
 * `members/me` and checks that the board and the list for new cards exist.
 */
import type { Logger } from "pino";
// Direct import until core/index.ts re-exports canonical-url.ts.
import { canonicalPostingUrl } from "../core/canonical-url.js";
import {
  AppError,
  type CardRequest,
  isAppError,
  type Sleep,
  type Stage,
  type Tracker,
  type TrackerCard,
  withRetry,
} from "../core/index.js";
import { formatCardDescription, formatCardName, postingUrlFromDescription } from "./card-format.js";
import type { TrelloRateLimiter } from "./rate-limiter.js";
import { findStageList, stageListNames } from "./stage-lists.js";
import { createTrelloClient, defaultTrelloRetryDelaysMs, type TrelloClient } from "./trello-client.js";
import type { TrelloCard, TrelloList } from "./trello-types.js";

export interface TrelloTrackerOptions {
  apiKey: string;
  token: string;
  /** 24-hex id or 8-character short link. */
  boardId: string;
  /** The list new cards go to. */
  listId: string;
  baseUrl?: string;
  logger: Logger;
  sleep?: Sleep;
  retryDelaysMs?: readonly number[];
  /** Lists for stages, overriding the match by list name. */
  stageListIds?: Partial<Record<Stage, string>>;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  /** Defaults to the process-wide limiter for this key and token. */
  rateLimiter?: TrelloRateLimiter;
  /** How long the board's card index is trusted before a miss reloads it (default 30 s). */
  cardIndexTtlMs?: number;
  /** Use this client instead of creating one (its own retry settings then apply to reads). */
  client?: TrelloClient;
}

export interface TrelloTracker extends Tracker {
  readonly client: TrelloClient;
}

interface CardIndex {
  loadedAt: number;
  byPostingUrl: Map<string, TrackerCard>;
}

export function createTrelloTracker(options: TrelloTrackerOptions): TrelloTracker {
  const logger = options.logger;
  const retryDelaysMs = options.retryDelaysMs ?? defaultTrelloRetryDelaysMs;
  const cardIndexTtlMs = options.cardIndexTtlMs ?? 30_000;
  const client =
    options.client ??
    createTrelloClient({
      apiKey: options.apiKey,
      token: options.token,
      baseUrl: options.baseUrl,
      logger,
      sleep: options.sleep,
      retryDelaysMs,
      timeoutMs: options.timeoutMs,
      rateLimiter: options.rateLimiter,
    });

  let index: CardIndex | null = null;
  let indexLoading: Promise<CardIndex> | null = null;
  const inFlight = new Map<string, Promise<TrackerCard>>();
  let lists: TrelloList[] | null = null;

  const loadIndex = (signal?: AbortSignal): Promise<CardIndex> => {
    if (!indexLoading) {
      indexLoading = (async () => {
        const cards = await client.getBoardCards(
          options.boardId,
          { attachments: true },
          { signal, retry: false },
        );
        const loaded: CardIndex = { loadedAt: Date.now(), byPostingUrl: new Map() };
        for (const card of cards) {
          for (const url of postingUrlsOf(card)) loaded.byPostingUrl.set(url, toTrackerCard(card));
        }
        index = loaded;
        return loaded;
      })().finally(() => {
        indexLoading = null;
      });
    }
    return indexLoading;
  };

  const findCard = async (postingUrl: string, fresh: boolean, signal?: AbortSignal) => {
    let current = index;
    if (!current || fresh || Date.now() - current.loadedAt > cardIndexTtlMs)
      current = await loadIndex(signal);
    return current.byPostingUrl.get(postingUrl) ?? null;
  };

  const createOnce = async (
    request: CardRequest,
    postingUrl: string,
    signal?: AbortSignal,
  ): Promise<TrackerCard> => {
    const outcome = await withRetry(
      async (attempt) => {
        const existing = await findCard(postingUrl, attempt > 1, signal);
        if (existing) {
          logger.debug(
            { postingUrl, cardId: existing.cardId },
            "Trello card already exists for this posting",
          );
          return existing;
        }
        const card = await client.createCard(
          {
            idList: options.listId,
            name: formatCardName(request.job),
            desc: formatCardDescription(request.job, postingUrl),
            urlSource: postingUrl,
          },
          { signal, retry: false },
        );
        const created = toTrackerCard(card);
        index?.byPostingUrl.set(postingUrl, created);
        logger.info({ postingUrl, cardId: created.cardId }, "Trello card created");
        return created;
      },
      {
        delaysMs: retryDelaysMs,
        isRetryable: (error) => isAppError(error) && error.retryable && !signal?.aborted,
        sleep: options.sleep,
        signal,
        onRetry: ({ attempt, waitMs, error }) =>
          logger.warn(
            {
              attempt,
              waitMs,
              postingUrl,
              code: isAppError(error) ? error.code : undefined,
              error: messageOf(error),
            },
            "Retrying Trello card creation",
          ),
      },
    );
    return outcome.value;
  };

  const boardLists = async (refresh: boolean, signal?: AbortSignal): Promise<TrelloList[]> => {
    if (!lists || refresh) lists = await client.getLists(options.boardId, { signal });
    return lists;
  };

  const listForStage = async (stage: Stage, signal?: AbortSignal): Promise<string> => {
    const configured = options.stageListIds?.[stage];
    if (configured) return configured;
    const match =
      findStageList(stage, await boardLists(false, signal)) ??
      findStageList(stage, await boardLists(true, signal));
    if (match) return match.id;
    if (stage === "saved") return options.listId;
    throw new AppError(
      "JOBPIPE_ERR_TRELLO_NOT_FOUND",
      `No list on the Trello board for stage "${stage}": expected a list named ${stageListNames[stage]
        .slice(0, 3)
        .map((name) => `"${name}"`)
        .join(", ")} (any case), or a list id configured for the stage`,
      { details: { stage, boardId: options.boardId } },
    );
  };

  return {
    client,
    async ensureCard(request, callOptions = {}) {
      const postingUrl = canonicalPostingUrl(request.postingUrl);
      const running = inFlight.get(postingUrl);
      if (running) return running;
      const run = createOnce(request, postingUrl, callOptions.signal).finally(() =>
        inFlight.delete(postingUrl),
      );
      inFlight.set(postingUrl, run);
      return run;
    },

    async moveCard(cardId, stage, callOptions = {}) {
      const listId = await listForStage(stage, callOptions.signal);
      await client.moveCard(cardId, listId, { signal: callOptions.signal });
      logger.info({ cardId, stage, listId }, "Trello card moved");
    },

    async checkConnection(callOptions = {}) {
      const { signal } = callOptions;
      const me = await client.getMe({ signal });
      const found = await boardLists(true, signal);
      if (!found.some((list) => list.id === options.listId)) {
        throw new AppError(
          "JOBPIPE_ERR_TRELLO_NOT_FOUND",
          `TRELLO_LIST_ID ${options.listId} is not an open list on Trello board ${options.boardId}`,
          { details: { boardId: options.boardId, listId: options.listId } },
        );
      }
      return me.fullName ? `${me.fullName} (@${me.username})` : `@${me.username}`;
    },
  };
}

/** Canonical posting URLs a card stands for: its attachments' URLs and its description marker. */
function postingUrlsOf(card: TrelloCard): string[] {
  const urls: string[] = [];
  const marker = postingUrlFromDescription(card.desc ?? "");
  for (const candidate of [
    marker,
    ...(card.attachments ?? []).filter((a) => !a.isUpload).map((a) => a.url),
  ]) {
    if (!candidate) continue;
    try {
      urls.push(canonicalPostingUrl(candidate));
    } catch {
      // not a URL: ignore
    }
  }
  return urls;
}

function toTrackerCard(card: TrelloCard): TrackerCard {
  return { cardId: card.id, cardUrl: card.shortUrl || card.url };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
