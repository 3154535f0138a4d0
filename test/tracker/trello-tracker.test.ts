import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attemptsOf, type CardRequest, type Job } from "../../src/core/index.js";
import {
  createTrelloRateLimiter,
  createTrelloTracker,
  type TrelloRateLimiter,
  type TrelloTracker,
  type TrelloTrackerOptions,
  unlimitedTrelloRateLimiter,
} from "../../src/tracker/index.js";
import { type FakeTrello, startFakeTrello } from "../fakes/trello-server.js";
import { capturingLogger, caught, recordingSleep } from "./helpers.js";

let trello: FakeTrello;
let waits: number[];
let logLines: string[];
const errorMessages: string[] = [];

function job(overrides: Partial<Job> = {}): Job {
  return {
    title: "Senior Backend Engineer",
    company: "Acme Robotics",
    location: "Berlin, Germany",
    workplace: "hybrid",
    employmentType: "full_time",
    salary: { min: 70000, max: 90000, currency: "EUR", period: "year" },
    datePosted: "2025-03-01",
    validThrough: null,
    description:
      "We build robots.\n\nRequirements\n- 5+ years of TypeScript\n- Experience with PostgreSQL\n- Kind to colleagues\n\nBenefits\n- Free lunch",
    applyUrl: null,
    url: "https://boards.greenhouse.io/acme/jobs/123",
    source: "json-ld",
    ...overrides,
  };
}

function cardRequest(
  url = "https://boards.greenhouse.io/acme/jobs/123",
  overrides: Partial<Job> = {},
): CardRequest {
  return { applicationId: "app-1", postingUrl: url, job: job({ url, ...overrides }) };
}

function tracker(
  overrides: Partial<TrelloTrackerOptions> & { rateLimiter?: TrelloRateLimiter } = {},
): TrelloTracker {
  const { sleep, waits: recorded } = recordingSleep();
  waits = recorded;
  const { logger, lines } = capturingLogger();
  logLines = lines;
  return createTrelloTracker({
    apiKey: trello.apiKey,
    token: trello.token,
    boardId: trello.boardId,
    listId: trello.listIds.Saved ?? "",
    baseUrl: trello.baseUrl,
    logger,
    sleep,
    rateLimiter: unlimitedTrelloRateLimiter,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await caught(promise);
  errorMessages.push(error.message, String(error));
  return error;
}

beforeEach(async () => {
  trello = await startFakeTrello();
});

afterEach(async () => {
  const log = logLines.join("\n");
  expect(log).not.toContain(trello.token);
  expect(log).not.toContain(trello.apiKey);
  await trello.close();
});

describe("Trello tracker: ensureCard", () => {
  it("creates the card with name, Markdown description, the posting attached, on the configured list", async () => {
    const card = await tracker().ensureCard(cardRequest());
    const cards = trello.cards();
    expect(cards).toHaveLength(1);
    const stored = cards[0];
    expect(card.cardId).toBe(stored?.id);
    expect(card.cardUrl).toBe(stored?.shortUrl);
    expect(stored?.name).toBe("Senior Backend Engineer — Acme Robotics");
    expect(stored?.idList).toBe(trello.listIds.Saved);
    expect(stored?.desc).toContain("**Posting:** https://boards.greenhouse.io/acme/jobs/123");
    expect(stored?.desc).toContain("**Location:** Berlin, Germany");
    expect(stored?.desc).toContain("**Workplace:** Hybrid");
    expect(stored?.desc).toContain("**Salary:** EUR 70,000–90,000 per year");
    expect(stored?.desc).toContain("**Posted:** 2025-03-01");
    expect(stored?.desc).toContain("- 5+ years of TypeScript\n- Experience with PostgreSQL");
    expect(stored?.desc).not.toContain("Free lunch");
    expect(stored?.desc).toContain("jobpipe:posting https://boards.greenhouse.io/acme/jobs/123");
    expect(stored?.attachments.map((attachment) => attachment.url)).toEqual([
      "https://boards.greenhouse.io/acme/jobs/123",
    ]);
  });

  it("adding the same posting twice, also with tracking parameters, leaves one card", async () => {
    const instance = tracker();
    const first = await instance.ensureCard(cardRequest());
    const second = await instance.ensureCard(cardRequest());
    const third = await instance.ensureCard(
      cardRequest("https://boards.greenhouse.io/acme/jobs/123/?utm_source=linkedin&gh_src=x"),
    );
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(trello.cards()).toHaveLength(1);
    expect(
      trello.requests.filter((request) => request.method === "POST" && request.path === "/1/cards"),
    ).toHaveLength(1);
  });

  it("a new process finds the card already on the board", async () => {
    const first = await tracker().ensureCard(cardRequest());
    const again = await tracker().ensureCard(cardRequest());
    expect(again).toEqual(first);
    expect(trello.cards()).toHaveLength(1);
  });

  it("finds a card by its description marker when the attachment was removed", async () => {
    const first = await tracker().ensureCard(cardRequest());
    trello.cards()[0]?.attachments.splice(0);
    expect(await tracker().ensureCard(cardRequest())).toEqual(first);
    expect(trello.cards()).toHaveLength(1);
  });

  it("concurrent ensureCard calls for one posting make one card", async () => {
    const instance = tracker();
    const results = await Promise.all([1, 2, 3, 4].map(() => instance.ensureCard(cardRequest())));
    expect(new Set(results.map((result) => result.cardId)).size).toBe(1);
    expect(trello.cards()).toHaveLength(1);
  });

  it("a card made while a slow index reload is in flight is not made again", async () => {
    const instance = tracker();
    await instance.ensureCard(cardRequest("https://acme.example/x"));
    trello.failNext({ status: 500, match: { method: "POST", path: "/1/cards" } });
    trello.failNext({
      afterHandling: true,
      delayMs: 400,
      match: { method: "GET", path: /\/boards\/[^/]+\/cards$/ },
    });
    // B fails once and reloads the index; the reload's snapshot is taken now but answered late.
    const pendingB = instance.ensureCard(cardRequest("https://acme.example/b"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cardA = await instance.ensureCard(cardRequest("https://acme.example/a"));
    await pendingB;
    // The late snapshot (without A) replaced the index; A must still be known.
    expect(await instance.ensureCard(cardRequest("https://acme.example/a"))).toEqual(cardA);
    expect(trello.cards().map((card) => card.attachments[0]?.url)).toEqual([
      "https://acme.example/x",
      "https://acme.example/a",
      "https://acme.example/b",
    ]);
  });

  it("different postings get different cards", async () => {
    const instance = tracker();
    await instance.ensureCard(cardRequest("https://acme.example/careers?gh_jid=1"));
    await instance.ensureCard(cardRequest("https://acme.example/careers?gh_jid=2"));
    expect(trello.cards()).toHaveLength(2);
  });

  it("a create that failed after succeeding is found on retry, not made twice", async () => {
    trello.failNext({ status: 504, afterHandling: true, match: { method: "POST", path: "/1/cards" } });
    const card = await tracker().ensureCard(cardRequest());
    expect(trello.cards()).toHaveLength(1);
    expect(card.cardId).toBe(trello.cards()[0]?.id);
    expect(waits).toEqual([1000]);
  });

  it("a create that timed out after succeeding is found on retry", async () => {
    trello.failNext({ delayMs: 1_500, afterHandling: true, match: { method: "POST", path: "/1/cards" } });
    const card = await tracker({ timeoutMs: 200 }).ensureCard(cardRequest());
    expect(trello.cards()).toHaveLength(1);
    expect(card.cardId).toBe(trello.cards()[0]?.id);
  });

  it("Trello down: a coded failure after 4 attempts, no card", async () => {
    trello.failNext({ status: 500, count: 100 });
    const error = await failure(tracker().ensureCard(cardRequest()));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(attemptsOf(error)).toBe(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(trello.cards()).toHaveLength(0);
  });

  it("Trello back after two failures: the card is made once", async () => {
    trello.failNext({ status: 502, count: 2 });
    await tracker().ensureCard(cardRequest());
    expect(trello.cards()).toHaveLength(1);
    expect(waits).toEqual([1000, 2000]);
  });

  it("401: no retry, the message says key or token", async () => {
    const error = await failure(tracker({ token: "a".repeat(64) }).ensureCard(cardRequest()));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_AUTH");
    expect(error.message).toMatch(/API key or token/);
    expect(trello.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("400 for an unknown list: the message carries Trello's text", async () => {
    const error = await failure(tracker({ listId: "0123456789abcdef01234567" }).ensureCard(cardRequest()));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_BAD_REQUEST");
    expect(error.message).toContain("invalid value for idList");
    expect(waits).toEqual([]);
  });

  it("a 429 storm with the shared limiter: every card is made with no 429", async () => {
    trello.setRateLimit({ limit: 10, windowMs: 500 });
    // The same window as the server's: counting from answers makes network delay harmless.
    const limiter = createTrelloRateLimiter({ perToken: { limit: 10, windowMs: 500 } });
    const instance = tracker({ rateLimiter: limiter });
    const urls = Array.from({ length: 40 }, (_, index) => `https://acme.example/jobs/${index}`);
    const cards = await Promise.all(urls.map((url) => instance.ensureCard(cardRequest(url))));
    expect(new Set(cards.map((card) => card.cardId)).size).toBe(40);
    expect(trello.cards()).toHaveLength(40);
    expect(trello.rateLimited()).toBe(0);
    expect(trello.labels().filter((label) => label.name === "Hybrid")).toHaveLength(1);
  });

  it("without a limiter the fake's limit bites, and backoff still files the card", async () => {
    trello.setRateLimit({ limit: 2, windowMs: 300 });
    const { sleep: realSleep } = await import("../../src/core/index.js");
    const instance = tracker({ sleep: realSleep, retryDelaysMs: [350, 350, 350, 350, 350], labels: false });
    await Promise.all(
      [1, 2, 3].map((index) => instance.ensureCard(cardRequest(`https://acme.example/j/${index}`))),
    );
    expect(trello.rateLimited()).toBeGreaterThan(0);
    expect(trello.cards()).toHaveLength(3);
  });
});

describe("Trello tracker: moveCard", () => {
  it("moves cards to lists found by name", async () => {
    const instance = tracker();
    const { cardId } = await instance.ensureCard(cardRequest());
    await instance.moveCard(cardId, "applied");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Applied);
    await instance.moveCard(cardId, "interviewing");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Interviewing);
    await instance.moveCard(cardId, "saved");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Saved);
  });

  it("matches names case-insensitively, ignoring emoji, and synonyms", async () => {
    await trello.close();
    trello = await startFakeTrello({
      listNames: ["To apply", "✉️ APPLIED ", "Interviews", "Offers", "Declined"],
    });
    const instance = tracker({ listId: trello.listIds["To apply"] ?? "" });
    const { cardId } = await instance.ensureCard(cardRequest());
    await instance.moveCard(cardId, "applied");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds["✉️ APPLIED "]);
    await instance.moveCard(cardId, "interviewing");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Interviews);
    await instance.moveCard(cardId, "rejected");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Declined);
  });

  it("configured list ids win over names", async () => {
    const instance = tracker({ stageListIds: { applied: trello.listIds.Offer } });
    const { cardId } = await instance.ensureCard(cardRequest());
    await instance.moveCard(cardId, "applied");
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Offer);
  });

  it("no list for the stage: a clear error, nothing created", async () => {
    const instance = tracker();
    const { cardId } = await instance.ensureCard(cardRequest());
    const listsBefore = trello.lists().length;
    const error = await failure(instance.moveCard(cardId, "withdrawn"));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_NOT_FOUND");
    expect(error.message).toContain('No list on the Trello board for stage "withdrawn"');
    expect(trello.lists()).toHaveLength(listsBefore);
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Saved);
  });

  it("picks up a list the user adds later", async () => {
    const instance = tracker();
    const { cardId } = await instance.ensureCard(cardRequest());
    await instance.moveCard(cardId, "applied");
    const withdrawn = trello.addList("Withdrawn");
    await instance.moveCard(cardId, "withdrawn");
    expect(trello.cards()[0]?.idList).toBe(withdrawn);
  });
});

describe("Trello tracker: labels, follow-up, attachments, stages read back", () => {
  it("labels the card with workplace and source, creating missing labels once and reusing existing ones", async () => {
    await trello.close();
    trello = await startFakeTrello();
    const instance = tracker();
    await instance.client.createLabel(trello.boardId, "remote", "green");
    await instance.ensureCard(
      cardRequest("https://acme.example/a", { workplace: "remote", source: "greenhouse" }),
    );
    await instance.ensureCard(
      cardRequest("https://acme.example/b", { workplace: "remote", source: "greenhouse" }),
    );
    await instance.ensureCard(cardRequest("https://acme.example/c", { workplace: null, source: "lever" }));
    const names = (ids: string[]) => ids.map((id) => trello.labels().find((label) => label.id === id)?.name);
    const [a, b, c] = trello.cards();
    expect(names(a?.idLabels ?? [])).toEqual(["remote", "greenhouse"]);
    expect(names(b?.idLabels ?? [])).toEqual(["remote", "greenhouse"]);
    expect(names(c?.idLabels ?? [])).toEqual(["lever"]);
    expect(trello.labels().filter((label) => label.name.toLowerCase() === "remote")).toHaveLength(1);
    expect(trello.labels().filter((label) => label.name === "greenhouse")).toHaveLength(1);
  });

  it("labels can be turned off", async () => {
    await tracker({ labels: false }).ensureCard(cardRequest());
    expect(trello.cards()[0]?.idLabels).toEqual([]);
    expect(trello.labels().every((label) => label.name === "")).toBe(true);
  });

  it("moving to applied sets a follow-up due date", async () => {
    const instance = tracker({ followUpDays: 5, now: () => new Date("2025-04-01T10:00:00.000Z") });
    const { cardId } = await instance.ensureCard(cardRequest());
    expect(trello.cards()[0]?.due).toBeNull();
    await instance.moveCard(cardId, "applied");
    expect(trello.cards()[0]?.due).toBe("2025-04-06T10:00:00.000Z");
  });

  it("a new letter version replaces the uploaded files and keeps the posting link", async () => {
    const instance = tracker();
    const { cardId } = await instance.ensureCard(cardRequest());
    const upload = (text: string) => [
      {
        fileName: "cover-letter.pdf",
        mimeType: "application/pdf",
        data: new TextEncoder().encode(`pdf ${text}`),
      },
      {
        fileName: "cover-letter.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data: new TextEncoder().encode(`docx ${text}`),
      },
    ];
    await instance.replaceAttachments(cardId, upload("v1"));
    await instance.replaceAttachments(cardId, upload("v2"));
    const attachments = trello.cards()[0]?.attachments ?? [];
    expect(attachments.map((attachment) => attachment.name)).toEqual([
      "https://boards.greenhouse.io/acme/jobs/123",
      "cover-letter.pdf",
      "cover-letter.docx",
    ]);
    expect(attachments[1]?.data?.toString()).toBe("pdf v2");
    expect(attachments[2]?.data?.toString()).toBe("docx v2");
  });

  it("reads back the stages of cards the user moved on Trello", async () => {
    const instance = tracker();
    const first = await instance.ensureCard(cardRequest("https://acme.example/1"));
    const second = await instance.ensureCard(cardRequest("https://acme.example/2"));
    trello.moveCardAsUser(first.cardId, trello.listIds.Interviewing ?? "");
    const stages = await instance.readCardStages();
    expect(stages.get(first.cardId)).toBe("interviewing");
    expect(stages.get(second.cardId)).toBe("saved");
  });
});

describe("Trello tracker: checkConnection", () => {
  it("names the account", async () => {
    expect(await tracker().checkConnection()).toBe("Jo Seeker (@jobseeker)");
  });

  it("reports a list id that is not on the board", async () => {
    const error = await failure(tracker({ listId: "0123456789abcdef01234567" }).checkConnection());
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_NOT_FOUND");
    expect(error.message).toContain("TRELLO_LIST_ID 0123456789abcdef01234567");
  });

  it("reports a wrong key as an auth error", async () => {
    const error = await failure(tracker({ apiKey: "b".repeat(32) }).checkConnection());
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_AUTH");
    expect(error.message).toContain("invalid key");
    expect(error.message).not.toContain("b".repeat(32));
  });
});

describe("error messages", () => {
  it("never contain a key or token (collected from the tests above)", () => {
    expect(errorMessages.length).toBeGreaterThan(5);
    for (const message of errorMessages) {
      expect(message).not.toMatch(/[0-9a-f]{32}/);
      expect(message).not.toMatch(/a{64}|b{32}/);
      expect(message).not.toMatch(/ATTA[0-9a-f]{20}/);
    }
  });
});
