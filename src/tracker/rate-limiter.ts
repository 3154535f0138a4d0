/**
 * Client-side throttling to Trello's limits, so a batch never meets a 429.
 *
 * Trello allows 100 requests per 10 s per token, 300 per 10 s per key, and 100 per 900 s for
 * `/1/members/*`, and sends no Retry-After. A token bucket refilled continuously would let 100 go at
 * once and then 10 a second, which breaks a 10-second window; so each limit is a sliding window: a
 * request is admitted only when fewer than `limit` were admitted in the last `windowMs`. Waiters are
 * served first come, first served.
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

export interface RateLimiter {
  /** Resolves when one request may be sent; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** Which budget a Trello request draws from besides the token and key budgets. */
export type TrelloRequestKind = "default" | "members";

export interface TrelloRateLimiter {
  acquire(kind: TrelloRequestKind, signal?: AbortSignal): Promise<void>;
}

export interface TrelloRateLimits {
  perToken: RateLimit;
  perKey: RateLimit;
  /** `/1/members/*`, on top of the others. */
  members: RateLimit;
}

/**
 * Trello's published limits, with windows a little longer than Trello's so that network jitter
 * between our clock and theirs cannot push a window over.
 */
export const trelloRateLimits: TrelloRateLimits = {
  perToken: { limit: 100, windowMs: 10_250 },
  perKey: { limit: 300, windowMs: 10_250 },
  members: { limit: 100, windowMs: 900_250 },
};

export function createSlidingWindowLimiter(
  rateLimit: RateLimit,
  options: { now?: () => number; sleep?: Sleep } = {},
): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const admitted: number[] = [];
  let tail: Promise<void> = Promise.resolve();

  const admit = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      signal?.throwIfAborted();
      const current = now();
      while (admitted.length > 0 && current - (admitted[0] ?? 0) >= rateLimit.windowMs) admitted.shift();
      if (admitted.length < rateLimit.limit) {
        admitted.push(current);
        return;
      }
      await sleep((admitted[0] ?? current) + rateLimit.windowMs - current + 1, signal);
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
export const unlimitedTrelloRateLimiter: TrelloRateLimiter = { acquire: async () => undefined };

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
      if (kind === "members") await members.acquire(signal);
      await perKey.acquire(signal);
      await perToken.acquire(signal);
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
