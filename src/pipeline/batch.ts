/**
 * The batch runner: many postings through one Pipeline, as `jobpipe batch` (and the web app later)
 * submits them.
 *
 *   - at most `concurrency` postings in flight, at most `perHostConcurrency` of them on one host
 *     (politeness towards a career site), and never two with the same canonical URL at once (the
 *     second waits and then reuses the first's application: no second card, letter or document);
 *   - a refused URL (bad form, other scheme, private address…) is a result with its coded error,
 *     never the end of the batch;
 *   - when `signal` aborts (Ctrl-C), nothing new starts; what is in flight finishes; every posting
 *     not started yet is stored with `submit({ defer: true })`, all of its steps pending, so running
 *     the batch again or `jobpipe sync` finishes it.
 *
 * Results come back in input order; `onProgress` sees each one as it is settled.
 */
import {
  type Application,
  type ApplicationStatus,
  canonicalPostingUrl,
  type ErrorCode,
  toAppError,
} from "../core/index.js";
import type { Pipeline, SubmitInput } from "./pipeline.js";

/**
 * What became of one posting. Application statuses as stored, plus:
 * `pending` — stored but not finished here (deferred on Ctrl-C, or another jobpipe process holds it);
 * `refused` — nothing stored (the URL was refused, or storing it failed).
 */
export type BatchItemStatus = ApplicationStatus | "pending" | "refused";

export const batchItemStatuses: readonly BatchItemStatus[] = [
  "success",
  "partial_success",
  "failed",
  "pending",
  "refused",
];

export interface BatchItemError {
  code: ErrorCode;
  message: string;
}

export type BatchItemResult = {
  /** 0-based position in the input. */
  index: number;
  url: string;
  status: BatchItemStatus;
} & (
  | { application: Application; reused: boolean; error: null }
  | { application: null; reused: false; error: BatchItemError }
);

export interface BatchProgress {
  total: number;
  /** Settled so far (finished, refused or deferred). */
  settled: number;
  inFlight: number;
  counts: Record<BatchItemStatus, number>;
  /** The result that was just settled. */
  result: BatchItemResult;
}

export interface BatchOptions {
  /** Postings in flight at once (default 4). */
  concurrency?: number;
  /** Postings in flight at once on one host (default 2). */
  perHostConcurrency?: number;
  /** Abort = stop starting new postings, finish those in flight, store the rest as pending. */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Passed to every submit (e.g. `{ tracker: false }`). */
  submitOptions?: Pick<SubmitInput, "tracker" | "letter" | "force">;
  /**
   * Which results the report keeps (default "all"). A long batch that shows each result through
   * `onProgress` keeps only the unsuccessful ones, so memory doesn't grow with the batch.
   */
  keepResults?: "all" | "unsuccessful";
}

export interface BatchReport {
  results: BatchItemResult[];
  counts: Record<BatchItemStatus, number>;
  /** true when the signal stopped the batch before every posting was started. */
  interrupted: boolean;
}

interface QueuedItem {
  index: number;
  url: string;
  host: string;
  key: string;
}

export async function runBatch(
  pipeline: Pipeline,
  urls: readonly string[],
  options: BatchOptions = {},
): Promise<BatchReport> {
  const concurrency = positiveInteger(options.concurrency ?? 4, "concurrency");
  const perHost = positiveInteger(options.perHostConcurrency ?? 2, "perHostConcurrency");
  const results: (BatchItemResult | undefined)[] = new Array(urls.length);
  const counts = emptyCounts();
  const queue: QueuedItem[] = urls.map((url, index) => ({ index, url, ...identify(url) }));
  const activeByHost = new Map<string, number>();
  const activeKeys = new Set<string>();
  const running = new Set<Promise<void>>();
  let settled = 0;

  let wake: (() => void) | null = null;
  const wakeUp = () => {
    wake?.();
    wake = null;
  };

  const settle = (result: BatchItemResult) => {
    if (options.keepResults !== "unsuccessful" || result.status !== "success") results[result.index] = result;
    counts[result.status] += 1;
    settled += 1;
    options.onProgress?.({
      total: urls.length,
      settled,
      inFlight: running.size,
      counts: { ...counts },
      result,
    });
  };

  const start = (item: QueuedItem) => {
    activeByHost.set(item.host, (activeByHost.get(item.host) ?? 0) + 1);
    activeKeys.add(item.key);
    const work = submitOne(pipeline, item, { ...options.submitOptions }).then((result) => {
      activeByHost.set(item.host, (activeByHost.get(item.host) ?? 1) - 1);
      activeKeys.delete(item.key);
      running.delete(work);
      settle(result);
      wakeUp();
    });
    running.add(work);
  };

  /** The first queued posting whose host has room and whose posting isn't already in flight. */
  const nextStartable = (): number =>
    queue.findIndex((item) => (activeByHost.get(item.host) ?? 0) < perHost && !activeKeys.has(item.key));

  options.signal?.addEventListener("abort", wakeUp, { once: true });

  while (queue.length > 0 && !options.signal?.aborted) {
    let position = running.size < concurrency ? nextStartable() : -1;
    while (position >= 0) {
      const [item] = queue.splice(position, 1);
      if (item) start(item);
      position = running.size < concurrency ? nextStartable() : -1;
    }
    if (queue.length === 0) break;
    // Wait for a slot to free up (or for Ctrl-C): one wake-up callback, nothing left behind per wait.
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  options.signal?.removeEventListener("abort", wakeUp);
  await Promise.all(running);

  const interrupted = queue.length > 0;
  for (const item of queue) settle(await submitOne(pipeline, item, { ...options.submitOptions }, true));

  return {
    results: results.filter((result): result is BatchItemResult => result !== undefined),
    counts,
    interrupted,
  };
}

/** Submits one posting (or, with `defer`, only stores it) and turns the outcome into a result. */
async function submitOne(
  pipeline: Pipeline,
  item: QueuedItem,
  submitOptions: BatchOptions["submitOptions"],
  defer = false,
): Promise<BatchItemResult> {
  try {
    const { application, reused } = await pipeline.submit({ ...submitOptions, url: item.url, defer });
    return {
      index: item.index,
      url: item.url,
      status: statusOf(application),
      application,
      reused,
      error: null,
    };
  } catch (error) {
    return refused(item, error);
  }
}

function refused(item: QueuedItem, error: unknown): BatchItemResult {
  const appError = toAppError(error);
  return {
    index: item.index,
    url: item.url,
    status: "refused",
    application: null,
    reused: false,
    error: { code: appError.code, message: appError.message },
  };
}

/**
 * The stored status, except for an application that was not run to the end here (deferred, or
 * another process holds its lease and is still working on it): that is `pending`. It shows as
 * steps left pending with none failed, or as the "failed" a new application is stored with while
 * it already has a job (a finished run with a job is never failed).
 */
export function statusOf(application: Application): BatchItemStatus {
  const steps = Object.values(application.steps);
  const unfinished =
    steps.some((step) => step.status === "pending") && !steps.some((step) => step.status === "failed");
  const staleStatus = application.status === "failed" && application.job !== null;
  return unfinished || staleStatus ? "pending" : application.status;
}

function identify(url: string): { host: string; key: string } {
  try {
    const parsed = new URL(url.trim());
    let key = parsed.href;
    try {
      key = canonicalPostingUrl(parsed.href);
    } catch {
      // keep the parsed form
    }
    return { host: parsed.host.toLowerCase(), key };
  } catch {
    // Not a URL: submit refuses it at once; it shares no host with anything.
    return { host: `invalid:${url}`, key: `invalid:${url}` };
  }
}

function emptyCounts(): Record<BatchItemStatus, number> {
  return { success: 0, partial_success: 0, failed: 0, pending: 0, refused: 0 };
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`runBatch: ${name} must be a positive integer, not ${String(value)}`);
  }
  return value;
}
