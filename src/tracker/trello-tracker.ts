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
import {
  AppError,
  type CardRequest,
  canonicalPostingUrl,
  isAppError,
  type Sleep,
  type Stage,
  type Tracker,
  type TrackerCard,
  withRetry,
} from "../core/index.js";
import { createBoardLabels, labelsForJob } from "./board-labels.js";
import {
  applicationIdFromDescription,
  formatCardDescription,
  formatCardName,
  postingUrlFromDescription,
} from "./card-format.js";
import type { TrelloRateLimiter } from "./rate-limiter.js";
import { findStageList, stageListNames, stageOfList } from "./stage-lists.js";
import { createTrelloClient, defaultTrelloRetryDelaysMs, type TrelloClient } from "./trello-client.js";
import type { TrelloCard, TrelloFileUpload, TrelloList } from "./trello-types.js";

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
  /** Label new cards with their workplace and source, creating the labels when missing (default true). */
  labels?: boolean;
  /** Moving a card to "applied" sets its due date this many days later, for a follow-up; null: never (default 7). */
  followUpDays?: number | null;
  now?: () => Date;
}

export interface TrelloTracker extends Tracker {
  readonly client: TrelloClient;
  /**
   * Uploads files to a card, first removing uploaded attachments with the same file names, so a new
   * letter version replaces the old one (e.g. "cover-letter.pdf", "cover-letter.docx").
   */
  replaceAttachments(
    cardId: string,
    files: readonly TrelloFileUpload[],
    options?: { signal?: AbortSignal },
  ): Promise<void>;
  /**
   * The stage of every open card on the board, read from the list it is in (for `jobpipe sync`,
   * which picks up cards the user moved). Cards in lists that match no stage are left out.
   */
  readCardStages(options?: { signal?: AbortSignal }): Promise<Map<string, Stage>>;
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
  // Cards this tracker made: an index load that started before a create finished would miss them.
  const createdHere = new Map<string, TrackerCard>();
  let lists: TrelloList[] | null = null;
  const boardLabels = createBoardLabels(client, options.boardId);
  const followUpDays = options.followUpDays === undefined ? 7 : options.followUpDays;
  const now = options.now ?? (() => new Date());

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
          for (const key of identitiesOf(card)) loaded.byPostingUrl.set(key, toTrackerCard(card));
        }
        index = loaded;
        // Cards made here that this load already holds no longer need remembering.
        for (const key of [...createdHere.keys()]) if (loaded.byPostingUrl.has(key)) createdHere.delete(key);
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
    return current.byPostingUrl.get(postingUrl) ?? createdHere.get(postingUrl) ?? null;
  };

  const createOnce = async (
    request: CardRequest,
    identity: string,
    postingUrl: string,
    signal?: AbortSignal,
  ): Promise<TrackerCard> => {
    const outcome = await withRetry(
      async (attempt) => {
        const existing = await findCard(identity, attempt > 1, signal);
        if (existing) {
          logger.debug(
            { postingUrl, cardId: existing.cardId },
            "Trello card already exists for this posting",
          );
          return existing;
        }
        const idLabels =
          options.labels === false
            ? undefined
            : await boardLabels.idsFor(labelsForJob(request.job), { signal, retry: false });
        const card = await client.createCard(
          {
            idList: options.listId,
            idLabels,
            name: formatCardName(request.job),
            desc: formatCardDescription(request.job, postingUrl, undefined, request.applicationId),
            urlSource: postingUrl,
          },
          { signal, retry: false },
        );
        const created = toTrackerCard(card);
        createdHere.set(identity, created);
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
      // A card of its own (--force) is found by its application; otherwise the posting is the identity.
      const identity = request.separateCard ? applicationIdentity(request.applicationId) : postingUrl;
      const running = inFlight.get(identity);
      if (running) return running;
      const run = createOnce(request, identity, postingUrl, callOptions.signal).finally(() =>
        inFlight.delete(identity),
      );
      inFlight.set(identity, run);
      return run;
    },

    async moveCard(cardId, stage, callOptions = {}) {
      const listId = await listForStage(stage, callOptions.signal);
      const due =
        stage === "applied" && followUpDays !== null
          ? new Date(now().getTime() + followUpDays * 86_400_000).toISOString()
          : undefined;
      await client.updateCard(cardId, { idList: listId, due }, { signal: callOptions.signal });
      logger.info({ cardId, stage, listId, due }, "Trello card moved");
    },

    async replaceAttachments(cardId, files, callOptions = {}) {
      const { signal } = callOptions;
      const names = new Set(files.map((file) => file.name ?? file.fileName));
      const existing = await client.getAttachments(cardId, { signal });
      for (const attachment of existing) {
        if (attachment.isUpload && names.has(attachment.name)) {
          await client.deleteAttachment(cardId, attachment.id, { signal });
        }
      }
      for (const file of files) await client.attachFile(cardId, file, { signal });
      logger.info({ cardId, files: [...names] }, "Trello card attachments replaced");
    },

    async readCardStages(callOptions = {}) {
      const { signal } = callOptions;
      const found = await boardLists(true, signal);
      const stageByList = new Map<string, Stage>();
      for (const list of found) {
        const stage = stageOfList(list);
        if (stage) stageByList.set(list.id, stage);
      }
      if (!stageByList.has(options.listId)) stageByList.set(options.listId, "saved");
      for (const [stage, listId] of Object.entries(options.stageListIds ?? {}) as [
        Stage,
        string | undefined,
      ][]) {
        if (listId) stageByList.set(listId, stage);
      }
      const cards = await client.getBoardCards(options.boardId, {}, { signal });
      const stages = new Map<string, Stage>();
      for (const card of cards) {
        const stage = stageByList.get(card.idList);
        if (stage && !card.closed) stages.set(card.id, stage);
      }
      return stages;
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

function applicationIdentity(applicationId: string): string {
  return `jobpipe-application:${applicationId}`;
}

/** What a card can be found by: its posting URLs, and the application recorded in its description. */
function identitiesOf(card: TrelloCard): string[] {
  const applicationId = applicationIdFromDescription(card.desc ?? "");
  return [...postingUrlsOf(card), ...(applicationId ? [applicationIdentity(applicationId)] : [])];
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
