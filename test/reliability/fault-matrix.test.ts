/**
 * The fault matrix: each outside service failing in each way a user meets, and what the user then
 * sees (application status, the step's status, error code and attempts, the waits between retries,
 * the exit code where the CLI is what's tested). In-process through createServices with recorded
 * waits, against the local fakes; the "second process" rows run two real CLI processes at once.
 * docs/RELIABILITY.md has the same matrix as a table.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Application, StepName } from "../../src/core/index.js";
import { emptyJob } from "../../src/extract/index.js";
import { createSilentLogger } from "../../src/log/index.js";
import { createTrelloTracker } from "../../src/tracker/index.js";
import { completionResponse, errorResponse, startFakeOpenAi } from "../fakes/openai-server.js";
import { postingHtml } from "../fakes/page-server.js";
import { sampleLetter } from "../support/letter-text.js";
import {
  addPostings,
  cliEnvironment,
  type Fakes,
  newWorkDirectory,
  postingCompany,
  postingTitle,
  setModelDelay,
  spawnCli,
  startFakes,
} from "./support/batch-fixtures.js";
import { createTestServices, type TestServices } from "./support/in-process.js";

let fakes: Fakes;
const open: TestServices[] = [];

beforeAll(async () => {
  fakes = await startFakes();
});

afterAll(async () => {
  await fakes.close();
});

// A fresh model server per test, so answers one test queued never reach another.
beforeEach(async () => {
  await fakes.openai.close();
  fakes.openai = await startFakeOpenAi();
  setModelDelay(fakes.openai, 0);
});

afterEach(async () => {
  fakes.trello.clearFaults();
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function services(overrides: Record<string, string> = {}): Promise<TestServices> {
  const created = await createTestServices(fakes, overrides);
  open.push(created);
  return created;
}

function posting(): string {
  const [url] = addPostings(fakes.site, 1, "matrix");
  return url ?? "";
}

function step(application: Application, name: StepName) {
  return application.steps[name];
}

const modelCalls = () => fakes.openai.chatRequests().length;
const letter = () => completionResponse(sampleLetter(postingTitle, postingCompany));
const cardsFor = (url: string) =>
  fakes.trello.cards().filter((card) => card.attachments.some((attachment) => attachment.url === url));

describe("OpenAI faults", () => {
  it("429, 429, then an answer: the letter is written on the third call after waiting 1 s and 2 s", async () => {
    const { services: wired, waits } = await services();
    fakes.openai.enqueue(
      errorResponse(429, "Rate limit reached"),
      errorResponse(429, "Rate limit reached"),
      letter(),
    );
    const before = modelCalls();
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(application.status).toBe("success");
    expect(step(application, "letter")).toMatchObject({ status: "ok", attempts: 3 });
    expect(modelCalls() - before).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it("429 with retry-after-ms: the server's wait is used instead of the schedule", async () => {
    const { services: wired, waits } = await services();
    fakes.openai.enqueue(errorResponse(429, "Rate limit reached", { "retry-after-ms": "1500" }), letter());
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(step(application, "letter")).toMatchObject({ status: "ok", attempts: 2 });
    expect(waits).toEqual([1500]);
  });

  it("429 every time: partial success, LLM_RATE_LIMITED after 4 calls; the job and card are kept", async () => {
    const { services: wired, waits } = await services();
    fakes.openai.enqueue(...Array.from({ length: 4 }, () => errorResponse(429, "Rate limit reached")));
    const url = posting();
    const { application } = await wired.pipeline.submit({ url });
    expect(application.status).toBe("partial_success");
    expect(step(application, "letter")).toMatchObject({ status: "failed", attempts: 4 });
    expect(step(application, "letter").error).toMatch(/^JOBPIPE_ERR_LLM_RATE_LIMITED: /);
    expect(step(application, "tracker").status).toBe("ok");
    expect(step(application, "docx").status).toBe("pending");
    expect(cardsFor(url)).toHaveLength(1);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("500 every time, then the model recovers: sync writes the letter once and attaches it to the one card", async () => {
    const { services: wired } = await services();
    fakes.openai.enqueue(...Array.from({ length: 4 }, () => errorResponse(500, "The server had an error")));
    const url = posting();
    const first = (await wired.pipeline.submit({ url })).application;
    expect(step(first, "letter").error).toMatch(/^JOBPIPE_ERR_LLM_UNAVAILABLE: /);
    expect(step(first, "letter").attempts).toBe(4);
    const before = modelCalls();
    const report = await wired.pipeline.sync();
    const synced = report.applications.find((application) => application.id === first.id);
    expect(synced?.status).toBe("success");
    expect(modelCalls() - before).toBe(1);
    expect(cardsFor(url)).toHaveLength(1);
    expect(cardsFor(url)[0]?.attachments.filter((attachment) => attachment.isUpload)).toHaveLength(2);
  });

  it("a model slower than OPENAI_TIMEOUT: LLM_UNAVAILABLE naming the timeout, after 4 calls", async () => {
    const { services: wired, waits } = await services({ OPENAI_TIMEOUT: "0.2" });
    setModelDelay(fakes.openai, 1_000);
    const before = modelCalls();
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(application.status).toBe("partial_success");
    expect(step(application, "letter")).toMatchObject({ status: "failed", attempts: 4 });
    expect(step(application, "letter").error).toMatch(
      /^JOBPIPE_ERR_LLM_UNAVAILABLE: .*did not answer within/,
    );
    expect(modelCalls() - before).toBe(4);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("401: LLM_AUTH after one call (no retry), the message never quotes the key", async () => {
    const { services: wired, waits } = await services();
    fakes.openai.enqueue(errorResponse(401, "Incorrect API key provided: sk-reliability-test-0123456789"));
    const before = modelCalls();
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(step(application, "letter")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "letter").error).toMatch(/^JOBPIPE_ERR_LLM_AUTH: /);
    expect(step(application, "letter").error).not.toContain("sk-reliability");
    expect(modelCalls() - before).toBe(1);
    expect(waits).toEqual([]);
  });

  it("malformed JSON in a 200 answer: the letter step fails with a coded error, the application is kept", async () => {
    const { services: wired } = await services();
    fakes.openai.enqueue(
      ...Array.from({ length: 4 }, () => ({ status: 200, body: '{"id": "chatcmpl-1", "choices": [' })),
    );
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(application.status).toBe("partial_success");
    expect(step(application, "letter").status).toBe("failed");
    expect(step(application, "letter").error).toMatch(
      /^JOBPIPE_ERR_LLM_(UNAVAILABLE|EMPTY_RESPONSE|BAD_REQUEST): /,
    );
    expect(application.job?.title).toBe(postingTitle);
  });

  it("empty content: LLM_EMPTY_RESPONSE after retrying, no empty letter stored", async () => {
    const { services: wired } = await services();
    fakes.openai.enqueue(...Array.from({ length: 4 }, () => completionResponse("")));
    const before = modelCalls();
    const { application } = await wired.pipeline.submit({ url: posting(), tracker: false });
    expect(step(application, "letter").status).toBe("failed");
    expect(step(application, "letter").error).toMatch(/^JOBPIPE_ERR_LLM_EMPTY_RESPONSE: /);
    // Not retried: the writer treats a model that answered nothing as an answer, not an outage.
    expect(step(application, "letter").attempts).toBe(1);
    expect(modelCalls() - before).toBe(1);
    expect(application.letter).toBeNull();
  });
});

describe("Trello faults", () => {
  it("429 three times, then accepted: one card, the tracker step ok", async () => {
    const { services: wired } = await services();
    fakes.trello.failNext({ status: 429, count: 3, match: { method: "POST", path: "/1/cards" } });
    const url = posting();
    const { application } = await wired.pipeline.submit({ url });
    expect(application.status).toBe("success");
    expect(step(application, "tracker").status).toBe("ok");
    expect(cardsFor(url)).toHaveLength(1);
  });

  it("429 every time: TRELLO_RATE_LIMITED, partial success, the letter and documents are kept", async () => {
    const { services: wired } = await services();
    fakes.trello.failNext({ status: 429, count: 100, match: { path: /^\/1\/(cards|boards|search)/ } });
    const url = posting();
    const { application } = await wired.pipeline.submit({ url });
    expect(application.status).toBe("partial_success");
    expect(step(application, "tracker").status).toBe("failed");
    expect(step(application, "tracker").error).toMatch(/^JOBPIPE_ERR_TRELLO_RATE_LIMITED: /);
    expect(step(application, "letter").status).toBe("ok");
    expect(step(application, "pdf").status).toBe("ok");
    expect(cardsFor(url)).toHaveLength(0);
  });

  it("500 every time, then Trello recovers: TRELLO_UNAVAILABLE after 4 attempts; sync files exactly one card", async () => {
    const { services: wired } = await services();
    fakes.trello.failNext({ status: 500, count: 100, match: { path: /^\/1\/(cards|boards|search)/ } });
    const url = posting();
    const first = (await wired.pipeline.submit({ url })).application;
    expect(step(first, "tracker")).toMatchObject({ status: "failed", attempts: 4 });
    expect(step(first, "tracker").error).toMatch(/^JOBPIPE_ERR_TRELLO_UNAVAILABLE: /);
    fakes.trello.clearFaults();
    const before = modelCalls();
    const report = await wired.pipeline.sync();
    expect(report.applications.find((application) => application.id === first.id)?.status).toBe("success");
    expect(cardsFor(url)).toHaveLength(1);
    expect(modelCalls()).toBe(before);
  });

  it("a create that times out after Trello made the card: the retry finds it, no second card", async () => {
    const waits: number[] = [];
    const tracker = createTrelloTracker({
      apiKey: fakes.trello.apiKey,
      token: fakes.trello.token,
      boardId: fakes.trello.boardId,
      listId: fakes.trello.listIds.Saved ?? "",
      baseUrl: fakes.trello.baseUrl,
      logger: createSilentLogger(),
      timeoutMs: 200,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    fakes.trello.failNext({ delayMs: 600, afterHandling: true, match: { method: "POST", path: "/1/cards" } });
    const url = posting();
    const card = await tracker.ensureCard({
      applicationId: "timeoutcase01",
      postingUrl: url,
      job: { ...emptyJob(url, "json-ld"), title: postingTitle, company: postingCompany },
    });
    expect(cardsFor(url)).toHaveLength(1);
    expect(card.cardId).toBe(cardsFor(url)[0]?.id);
    expect(waits.length).toBeGreaterThan(0);
  });

  it("a Trello that never answers in time: TRELLO_UNAVAILABLE after 4 attempts, nothing filed", async () => {
    const tracker = createTrelloTracker({
      apiKey: fakes.trello.apiKey,
      token: fakes.trello.token,
      boardId: fakes.trello.boardId,
      listId: fakes.trello.listIds.Saved ?? "",
      baseUrl: fakes.trello.baseUrl,
      logger: createSilentLogger(),
      timeoutMs: 150,
      sleep: async () => undefined,
    });
    fakes.trello.failNext({ delayMs: 400, count: 20 });
    const url = posting();
    const failure = await tracker
      .ensureCard({
        applicationId: "timeoutcase02",
        postingUrl: url,
        job: { ...emptyJob(url, "json-ld"), title: postingTitle, company: postingCompany },
      })
      .then(
        () => null,
        (error: unknown) => error as { code?: string; attempts?: number },
      );
    expect(failure?.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(failure?.attempts).toBe(4);
    fakes.trello.clearFaults();
    expect(cardsFor(url)).toHaveLength(0);
  });

  it("401 (token revoked): TRELLO_AUTH after one attempt, no retry", async () => {
    const { services: wired, waits } = await services();
    fakes.trello.failNext({
      status: 401,
      body: "invalid token",
      count: 10,
      match: { path: /^\/1\/(cards|boards|search)/ },
    });
    const { application } = await wired.pipeline.submit({ url: posting() });
    expect(step(application, "tracker")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "tracker").error).toMatch(/^JOBPIPE_ERR_TRELLO_AUTH: /);
    expect(step(application, "tracker").error).not.toContain(fakes.trello.token);
    expect(waits.filter((ms) => ms >= 1000)).toEqual([]);
  });

  it("400 (list deleted): TRELLO_BAD_REQUEST after one attempt", async () => {
    const { services: wired } = await services();
    fakes.trello.failNext({ status: 400, count: 10, match: { method: "POST", path: "/1/cards" } });
    const { application } = await wired.pipeline.submit({ url: posting() });
    expect(step(application, "tracker")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "tracker").error).toMatch(/^JOBPIPE_ERR_TRELLO_BAD_REQUEST: /);
    expect(application.status).toBe("partial_success");
  });
});

describe("posting site faults", () => {
  async function submitRoute(
    route: Parameters<Fakes["site"]["route"]>[1],
    overrides: Record<string, string> = {},
  ): Promise<{ application: Application; waits: number[]; pagePath: string }> {
    const { services: wired, waits } = await services(overrides);
    const pagePath = `/faulty/${Math.random().toString(36).slice(2)}`;
    fakes.site.route(pagePath, route);
    const cardsBefore = fakes.trello.cards().length;
    const callsBefore = modelCalls();
    const { application } = await wired.pipeline.submit({ url: fakes.site.url(pagePath) });
    // A posting that could not be read files nothing and costs no model call.
    if (application.status === "failed") {
      expect(fakes.trello.cards().length).toBe(cardsBefore);
      expect(modelCalls()).toBe(callsBefore);
      expect(step(application, "tracker").status).toBe("pending");
    }
    return { application, waits, pagePath };
  }

  it("slower than JOBPIPE_FETCH_TIMEOUT: failed, FETCH_TIMEOUT, not retried", async () => {
    const { application } = await submitRoute(
      { body: postingHtml({ title: postingTitle, company: postingCompany }), delayMs: 1_500 },
      { JOBPIPE_FETCH_TIMEOUT: "0.3" },
    );
    expect(application.status).toBe("failed");
    expect(step(application, "fetch")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_FETCH_TIMEOUT: .*timed out after 0\.3 s/);
  });

  it("huge (6 MB): failed, PAGE_TOO_LARGE", async () => {
    const { application } = await submitRoute({
      body: `<html><body>${"x".repeat(6 * 1024 * 1024)}</body></html>`,
    });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_PAGE_TOO_LARGE: /);
  });

  it("a redirect loop: failed, TOO_MANY_REDIRECTS", async () => {
    fakes.site.route("/loop/a", { status: 302, headers: { location: "/loop/b" }, body: "" });
    fakes.site.route("/loop/b", { status: 302, headers: { location: "/loop/a" }, body: "" });
    const { application } = await submitRoute({ status: 301, headers: { location: "/loop/a" }, body: "" });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_TOO_MANY_REDIRECTS: .*loop/);
  });

  it("a redirect to the cloud metadata address: failed, PRIVATE_ADDRESS, never requested", async () => {
    const { application } = await submitRoute({
      status: 302,
      headers: { location: "http://169.254.169.254/latest/meta-data/" },
      body: "",
    });
    expect(step(application, "fetch")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_PRIVATE_ADDRESS: .*169\.254\.169\.254/);
  });

  it("binary (a PNG): failed, NOT_HTML suggesting --text", async () => {
    const { application } = await submitRoute({
      headers: { "content-type": "image/png" },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_NOT_HTML: .*--text/);
  });

  it("404: failed, FETCH_HTTP_STATUS after one attempt", async () => {
    const { application, waits } = await submitRoute({ status: 404, body: "<h1>Gone</h1>" });
    expect(step(application, "fetch")).toMatchObject({ status: "failed", attempts: 1 });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_FETCH_HTTP_STATUS: .*HTTP 404/);
    expect(waits).toEqual([]);
  });

  it("500: failed, FETCH_HTTP_STATUS after 4 attempts (waits 0.5 s, 1 s, 2 s); sync fetches again later", async () => {
    const { application, waits, pagePath } = await submitRoute({ status: 500, body: "oops" });
    expect(step(application, "fetch")).toMatchObject({ status: "failed", attempts: 4 });
    expect(step(application, "fetch").error).toMatch(/^JOBPIPE_ERR_FETCH_HTTP_STATUS: .*HTTP 500/);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(fakes.site.hits(pagePath)).toBe(4);
  });
});

describe("a second jobpipe process on the same database", () => {
  it("two `jobpipe sync` at once: every application finished once, one card and one letter each", async () => {
    const cwd = newWorkDirectory();
    const env = cliEnvironment(fakes);
    const { services: wired } = await createTestServices(fakes, {}, { cwd });
    const urls = addPostings(fakes.site, 8, "two-syncs");
    for (const url of urls) await wired.pipeline.submit({ url, defer: true });
    await wired.close();
    setModelDelay(fakes.openai, 150);
    const callsBefore = modelCalls();
    const [one, two] = [
      spawnCli(["sync", "--json"], { env, cwd }),
      spawnCli(["sync", "--json"], { env, cwd }),
    ];
    const codes = [(await one.exited).code, (await two.exited).code];
    expect(codes.every((code) => code === 0 || code === 2)).toBe(true);
    const listed = spawnCli(["list", "--json"], { env, cwd });
    await listed.exited;
    const applications = JSON.parse(listed.stdout()) as Application[];
    const unfinished = applications.filter((application) => application.status !== "success");
    expect(
      unfinished.map((application) => [application.status, application.steps]),
      `${one.stderr()}\n${two.stderr()}`,
    ).toEqual([]);
    for (const url of urls) expect(cardsFor(url), url).toHaveLength(1);
    expect(modelCalls() - callsBefore).toBe(8);
  });

  // Both runs look the posting up and find nothing at the same moment: the unique posting key
  // makes the second insert fail, and that run uses the first run's application.
  it("two `jobpipe batch` of the same list at once: one application, one card, one letter per posting", async () => {
    const cwd = newWorkDirectory();
    const env = cliEnvironment(fakes);
    const urls = addPostings(fakes.site, 8, "two-batches");
    writeFileSync(path.join(cwd, "postings.txt"), urls.join("\n"));
    setModelDelay(fakes.openai, 150);
    const callsBefore = modelCalls();
    const runs = [
      spawnCli(["batch", "postings.txt"], { env, cwd }),
      spawnCli(["batch", "postings.txt"], { env, cwd }),
    ];
    await Promise.all(runs.map((run) => run.exited));
    // Whatever either run left pending, a sync finishes.
    await spawnCli(["sync"], { env, cwd }).exited;
    const listed = spawnCli(["list", "--json"], { env, cwd });
    await listed.exited;
    const applications = JSON.parse(listed.stdout()) as Application[];
    expect(applications.map((application) => application.url).sort()).toEqual([...urls].sort());
    expect(applications.every((application) => application.status === "success")).toBe(true);
    for (const url of urls) expect(cardsFor(url), url).toHaveLength(1);
    expect(modelCalls() - callsBefore).toBe(8);
  });
});
