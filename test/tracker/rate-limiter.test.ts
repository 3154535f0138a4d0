import { describe, expect, it } from "vitest";
import type { Sleep } from "../../src/core/index.js";
import { createSlidingWindowLimiter, createTrelloRateLimiter } from "../../src/tracker/index.js";

/** A clock that only moves when the limiter sleeps. */
function virtualClock() {
  let time = 0;
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    time += ms;
  };
  return { now: () => time, sleep, sleeps };
}

describe("sliding-window limiter", () => {
  it("admits `limit` requests per window, counted from their answers", async () => {
    const clock = virtualClock();
    const limiter = createSlidingWindowLimiter({ limit: 3, windowMs: 1000 }, clock);
    const admittedAt: number[] = [];
    for (let index = 0; index < 7; index++) {
      const release = await limiter.acquire();
      admittedAt.push(clock.now());
      release();
    }
    expect(admittedAt).toEqual([0, 0, 0, 1001, 1001, 1001, 2002]);
  });

  it("a request in flight holds its slot until answered", async () => {
    const clock = virtualClock();
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 1000 }, clock);
    const release = await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then((releaseSecond) => {
      second = true;
      return releaseSecond;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false);
    expect(clock.sleeps).toEqual([]);
    release(); // answered at t=0: the next may go at t=1001
    (await waiting)();
    expect(second).toBe(true);
    expect(clock.now()).toBe(1001);
  });

  it("serves waiters in order and lets an aborted waiter go", async () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 60_000 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    release();
  });

  it("members requests draw on their own budget as well", async () => {
    const clock = virtualClock();
    const limiter = createTrelloRateLimiter(
      {
        perToken: { limit: 100, windowMs: 1000 },
        perKey: { limit: 100, windowMs: 1000 },
        members: { limit: 2, windowMs: 900_000 },
      },
      clock,
    );
    for (let index = 0; index < 5; index++) (await limiter.acquire("default"))();
    (await limiter.acquire("members"))();
    (await limiter.acquire("members"))();
    expect(clock.now()).toBe(0);
    (await limiter.acquire("members"))();
    expect(clock.now()).toBe(900_001);
  });
});
