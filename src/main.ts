/**
 * Composition root: the only module that knows every adapter. It turns a Config into the running
 * services (logger, store, fetcher, tracker, letter writer, renderers, pipeline) and closes them.
 */
import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import type { Logger } from "pino";
import type { Config } from "./config/index.js";
import {
  canonicalPostingUrl,
  isAppError,
  type Job,
  type Profile,
  type Sleep,
  type Tracker,
} from "./core/index.js";
import { documentFileName } from "./documents/file-name.js";
import { checkPostingUrl, createPageFetcher, type LookupFunction, parsePostingUrl } from "./fetch/index.js";
import { createLetterWriter } from "./letter/index.js";
import { createLogger, createSecretScrubber } from "./log/index.js";
import { Pipeline } from "./pipeline/pipeline.js";
import { extractPosting, fetchPosting, postingFromUserInput } from "./pipeline/posting.js";
import { saveDocumentFile } from "./store/document-files.js";
import { openStore, type Store } from "./store/index.js";
import { createTrelloTracker } from "./tracker/index.js";

export const userAgent =
  "jobpipe/0.1 (+https://github.com/jobpipe/jobpipe; self-hosted job-application assistant)";

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  tracker: Tracker | null;
  pipeline: Pipeline;
  /** The candidate's profile (cached), null when JOBPIPE_PROFILE is unset; throws when unreadable. */
  loadProfile(): Promise<Profile | null>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Replaces the logger built from the configuration (tests, or quiet commands). */
  logger?: Logger;
  /** Replaces the real wait between retries (tests observe the schedule without waiting it out). */
  sleep?: Sleep;
}

export function createAppLogger(config: Config): Logger {
  return createLogger({
    level: config.log.level,
    file: config.log.file,
    secrets: [config.openai?.apiKey, config.trello?.apiKey, config.trello?.token, config.server.apiToken],
  });
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const logger = options.logger ?? createAppLogger(config);
  const store = await openStore({
    path: config.database.kind === "sqlite" ? config.database.path : ":memory:",
  });
  const fetcher = createPageFetcher({
    allow: config.fetch.allow,
    timeoutMs: config.fetch.timeoutMs,
    userAgent,
    logger,
    sleep: options.sleep,
  });
  const tracker = config.trello
    ? createTrelloTracker({
        apiKey: config.trello.apiKey,
        token: config.trello.token,
        boardId: config.trello.boardId,
        listId: config.trello.listId,
        baseUrl: config.trello.baseUrl,
        stageListIds: config.trello.stageListIds,
        followUpDays: config.trello.followUpDays,
        logger,
        sleep: options.sleep,
      })
    : null;
  const letterWriter = createLetterWriter({
    apiKey: config.openai?.apiKey ?? null,
    baseUrl: config.openai?.baseUrl ?? null,
    model: config.openai?.model ?? config.openaiModel,
    temperature: config.openai?.temperature ?? undefined,
    timeoutMs: config.openai?.timeoutMs,
    logger,
    sleep: options.sleep,
  });

  let profile: Promise<Profile | null> | null = null;
  const loadConfiguredProfile = (): Promise<Profile | null> => {
    if (config.profilePath === null) return Promise.resolve(null);
    const loading =
      profile ??
      loadProfileModule()
        .then((module) => module.loadProfile(config.profilePath ?? ""))
        .catch((error: unknown) => {
          profile = null; // a fixed file is picked up on the next try
          throw error;
        });
    profile = loading;
    return loading;
  };

  const pipeline = new Pipeline({
    store,
    checkUrl: (url) => checkUrlAtIntake(url, config.fetch.allow),
    canonicalUrl: canonicalPostingUrl,
    fetchPosting: (url, fetchOptions) =>
      fetchPosting(url, { fetcher, logger: fetchOptions.logger, signal: fetchOptions.signal }),
    postingFromUserInput,
    extractPosting,
    tracker,
    letterWriter,
    letterTone: config.letterTone,
    loadProfile: loadConfiguredProfile,
    documents: {
      docx: async (input) => {
        const { buildLetterDocument, renderDocx } = await loadDocumentsModule();
        return renderDocx(buildLetterDocument(input));
      },
      pdf: async (input) => {
        const { buildLetterDocument, renderPdf } = await loadDocumentsModule();
        return renderPdf(buildLetterDocument(input), {
          fontPath: config.pdf.fontPath ?? undefined,
          boldFontPath: config.pdf.boldFontPath ?? undefined,
          cjkFontPath: config.pdf.cjkFontPath ?? undefined,
        });
      },
      fileName: documentFileName,
    },
    saveDocumentFile: (file) => saveDocumentFile({ dataDir: config.dataDir, ...file }),
    logger,
    now: () => new Date(),
    newId: newApplicationId,
  });

  return {
    config,
    logger,
    store,
    tracker,
    pipeline,
    loadProfile: loadConfiguredProfile,
    async close() {
      await store.close();
      logger.flush();
    },
  };
}

/**
 * Refuses what can never be fetched (bad scheme, credentials, a private address) before anything
 * is stored. A name that doesn't resolve right now is not refused: the posting is stored and its
 * fetch step fails with JOBPIPE_ERR_DNS, for `sync` to retry (the fetcher checks every address again).
 */
export async function checkUrlAtIntake(
  url: string,
  allow: string[],
  lookup?: LookupFunction,
): Promise<string> {
  try {
    return (await checkPostingUrl(url, { allow, lookup })).toString();
  } catch (error) {
    if (isAppError(error) && error.code === "JOBPIPE_ERR_DNS") return parsePostingUrl(url).toString();
    throw error;
  }
}

// The renderers (pdfkit, docx, fonts) and résumé readers (pdf.js, mammoth) are loaded when first
// needed: commands such as `list`, `show` and `stage` start faster without them.
const loadDocumentsModule = () => import("./documents/index.js");
const loadProfileModule = () => import("./profile/index.js");

/** 12 lowercase base-32 characters: short enough to type, 60 bits of randomness. */
export function newApplicationId(): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = randomBytes(12);
  let id = "";
  for (const byte of bytes) id += alphabet[byte % 32];
  return id;
}

export interface Extractor {
  fromUrl(url: string): Promise<Job>;
  fromContent(url: string | null, html: string): Promise<Job>;
  close(): void;
}

/** Reads a posting without storing anything (`jobpipe extract`). Logs only warnings, to stderr. */
export function createExtractor(config: Config): Extractor {
  const logger = createLogger({
    level: config.log.level === "info" ? "warn" : config.log.level,
    file: null,
    secrets: [config.openai?.apiKey, config.trello?.apiKey, config.trello?.token, config.server.apiToken],
  });
  const fetcher = createPageFetcher({
    allow: config.fetch.allow,
    timeoutMs: config.fetch.timeoutMs,
    userAgent,
    logger,
  });
  return {
    async fromUrl(url) {
      const checked = await checkPostingUrl(url, { allow: config.fetch.allow });
      return extractPosting(await fetchPosting(checked.toString(), { fetcher, logger }));
    },
    async fromContent(url, html) {
      const pageUrl = url === null ? "https://unknown.invalid/" : parsePostingUrl(url).toString();
      return extractPosting(postingFromUserInput(pageUrl, html, "html"));
    },
    close() {
      logger.flush();
    },
  };
}

/** Lists the endpoint's models: proves the key and base URL work. Returns how many models it serves. */
export async function checkOpenAiConnection(config: Config): Promise<number> {
  if (!config.openai) return 0;
  const client = new OpenAI({
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseUrl ?? undefined,
    maxRetries: 0,
    timeout: 15_000,
  });
  try {
    let count = 0;
    for await (const _model of client.models.list()) count++;
    return count;
  } catch (error) {
    if (error instanceof OpenAI.APIError && (error.status === 401 || error.status === 403)) {
      throw new Error(`authentication failed (${error.status}): check OPENAI_API_KEY`);
    }
    // Some servers echo part of the key in their messages: never show it.
    throw new Error(createSecretScrubber([config.openai.apiKey])((error as Error).message));
  }
}
