/**
 * Client-side throttling to Trello's limits, so a batch never meets a 429.
 *
 * Trello allows 100 requests per 10 s per token, 300 per 10 s per key, and 100 per 900 s for
 * `/1/members/*`, and sends no Retry-After. A token bucket refilled continuously would let 100 go at
 * once and then 10 a second, which breaks a 10-second window; so each limit is a sliding window: a
 * request is admitted only when fewer than `limit` were answered in the last `windowMs` or are still
 * in flight. Waiters are served first come, first served.
 *
 * `sharedTrelloRateLimiter(key, token)` returns the process-wide limiter for those credentials, so
 * every client in the process (pipeline, sync, health checks) shares the same budget.
 */
import { createHash } from "node:crypto";
import { sleep as realSleep, type Sleep } from "../core/index.js";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Call when the request has been answered (or has failed); safe to call more than once. */
export type ReleaseSlot = () => void;

export interface RateLimiter {
  /** Resolves when one request may be sent; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
}

/** Which budget a Trello request draws from besides the token and key budgets. */
export type TrelloRequestKind = "default" | "members";

export interface TrelloRateLimiter {
  acquire(kind: TrelloRequestKind, signal?: AbortSignal): Promise<ReleaseSlot>;
}

export interface TrelloRateLimits {
  perToken: RateLimit;
  perKey: RateLimit;
  /** `/1/members/*`, on top of the others. */
  members: RateLimit;
}

/** Trello's published limits (plus 100 ms of margin). */
export const trelloRateLimits: TrelloRateLimits = {
  perToken: { limit: 100, windowMs: 10_100 },
  perKey: { limit: 300, windowMs: 10_100 },
  members: { limit: 100, windowMs: 900_100 },
};

/**
 * A sliding window counted from when each request was answered, not sent: the server received a
 * request no later than we got its answer, so however slow the network, no `windowMs` span of the
 * server's clock sees more than `limit` of our requests. A request in flight holds its slot.
 */
export function createSlidingWindowLimiter(
  rateLimit: RateLimit,
  options: { now?: () => number; sleep?: Sleep } = {},
): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  /** Answer time of each slot in the window, or null while its request is in flight. */
  const slots: { answeredAt: number | null }[] = [];
  let wakeUp: (() => void) | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  const admit = async (signal?: AbortSignal): Promise<ReleaseSlot> => {
    for (;;) {
      signal?.throwIfAborted();
      const current = now();
      for (let index = slots.length - 1; index >= 0; index--) {
        const answeredAt = slots[index]?.answeredAt ?? null;
        if (answeredAt !== null && current - answeredAt >= rateLimit.windowMs) slots.splice(index, 1);
      }
      if (slots.length < rateLimit.limit) {
        const slot = { answeredAt: null as number | null };
        slots.push(slot);
        return () => {
          if (slot.answeredAt !== null) return;
          slot.answeredAt = now();
          wakeUp?.();
        };
      }
      // Wait for the oldest answered slot to leave the window, or for a request in flight to finish.
      const answered = slots.map((slot) => slot.answeredAt).filter((time): time is number => time !== null);
      const stopWaiting = new AbortController();
      const onAbort = () => stopWaiting.abort();
      signal?.addEventListener("abort", onAbort, { once: true });
      const released = new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
      const waits: Promise<unknown>[] = [released];
      if (answered.length > 0) {
        const until = Math.min(...answered) + rateLimit.windowMs - current + 1;
        waits.push(sleep(until, stopWaiting.signal).catch(() => undefined));
      }
      if (signal) waits.push(new Promise((resolve) => stopWaiting.signal.addEventListener("abort", resolve)));
      try {
        await Promise.race(waits);
      } finally {
        wakeUp = null;
        signal?.removeEventListener("abort", onAbort);
        stopWaiting.abort();
      }
    }
  };

  return {
    acquire(signal) {
      const turn = tail.then(() => admit(signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** A Trello limiter from explicit limits (tests pass small windows). */
export function createTrelloRateLimiter(
  limits: Partial<TrelloRateLimits> = {},
  options: { now?: () => number; sleep?: Sleep } = {},
): TrelloRateLimiter {
  return combine(
    createSlidingWindowLimiter(limits.perToken ?? trelloRateLimits.perToken, options),
    createSlidingWindowLimiter(limits.perKey ?? trelloRateLimits.perKey, options),
    createSlidingWindowLimiter(limits.members ?? trelloRateLimits.members, options),
  );
}

/** A limiter that never waits (for callers that throttle elsewhere). */
export const unlimitedTrelloRateLimiter: TrelloRateLimiter = { acquire: async () => () => undefined };

const tokenLimiters = new Map<string, RateLimiter>();
const keyLimiters = new Map<string, RateLimiter>();
const membersLimiters = new Map<string, RateLimiter>();

/** The process-wide limiter for these credentials at Trello's published limits. */
export function sharedTrelloRateLimiter(apiKey: string, token: string): TrelloRateLimiter {
  const tokenId = fingerprint(token);
  const keyId = fingerprint(apiKey);
  return combine(
    lookup(tokenLimiters, tokenId, trelloRateLimits.perToken),
    lookup(keyLimiters, keyId, trelloRateLimits.perKey),
    lookup(membersLimiters, tokenId, trelloRateLimits.members),
  );
}

function combine(perToken: RateLimiter, perKey: RateLimiter, members: RateLimiter): TrelloRateLimiter {
  return {
    async acquire(kind, signal) {
      const releases: ReleaseSlot[] = [];
      try {
        if (kind === "members") releases.push(await members.acquire(signal));
        releases.push(await perKey.acquire(signal));
        releases.push(await perToken.acquire(signal));
      } catch (error) {
        for (const release of releases) release();
        throw error;
      }
      return () => {
        for (const release of releases) release();
      };
    },
  };
}

function lookup(registry: Map<string, RateLimiter>, id: string, rateLimit: RateLimit): RateLimiter {
  let limiter = registry.get(id);
  if (!limiter) {
    limiter = createSlidingWindowLimiter(rateLimit);
    registry.set(id, limiter);
  }
  return limiter;
}

/** Registry keys are hashes, so the secrets themselves are not kept as map keys. */
function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
