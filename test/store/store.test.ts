import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Job, LetterDraft } from "../../src/core/index.js";
import { isUniqueViolation, openStore, type Store } from "../../src/store/index.js";

const job: Job = {
  title: "Backend Engineer",
  company: "Acme",
  location: "Berlin, Germany",
  workplace: "hybrid",
  employmentType: "full_time",
  salary: { min: 60000, max: 80000, currency: "EUR", period: "year" },
  datePosted: "2026-11-01",
  validThrough: null,
  description: "Build things.",
  applyUrl: null,
  url: "https://jobs.example.com/1",
  source: "json-ld",
};

let store: Store;
let databasePath: string;

async function addApplication(id: string, createdAt: string, url = `https://jobs.example.com/${id}`) {
  await store.applications.insert({
    id,
    url,
    posting_key: url,
    submitted_url: url,
    stage: "saved",
    status: "success",
    input_kind: "url",
    input_content: null,
    card_id: null,
    card_url: null,
    created_at: createdAt,
    updated_at: createdAt,
  });
}

beforeEach(async () => {
  databasePath = path.join(mkdtempSync(path.join(tmpdir(), "jobpipe-store-")), "nested", "jobpipe.db");
  store = await openStore({ path: databasePath });
});

afterEach(async () => {
  await store.close();
});

describe("store", () => {
  it("creates the file, applies migrations once, and reopens without re-applying them", async () => {
    await addApplication("app1", "2026-11-01T10:00:00.000Z");
    await store.close();
    store = await openStore({ path: databasePath });
    expect(await store.applications.findById("app1")).not.toBeNull();
    const migrations = await store.database
      .selectFrom("kysely_migration" as never)
      .selectAll()
      .execute();
    expect(migrations).toHaveLength(4);
  });

  it("assembles the application JSON with job, steps, letter and files", async () => {
    await addApplication("app1", "2026-11-01T10:00:00.000Z");
    await store.jobs.save("app1", job, "2026-11-01T10:00:01.000Z");
    await store.steps.record(
      "app1",
      "fetch",
      { status: "ok", errorCode: null, errorMessage: null, attempts: 1, ms: 12.6 },
      "t",
    );
    await store.steps.record(
      "app1",
      "tracker",
      {
        status: "failed",
        errorCode: "JOBPIPE_ERR_TRELLO_UNAVAILABLE",
        errorMessage: "Trello answered 503",
        attempts: 4,
        ms: 7000,
      },
      "t",
    );
    const letter = await store.letters.addVersion(
      "app1",
      { provider: "offline", model: null, text: "Dear Acme", warnings: [], usage: null, attempts: 1 },
      { cacheKey: "k1", feedback: null, now: "t" },
    );
    await store.documents.save("app1", letter.version, "docx", "/data/a.docx", "t");

    const application = await store.loadApplication("app1");
    expect(application).toMatchObject({
      id: "app1",
      status: "success",
      stage: "saved",
      job,
      tracker: null,
      letter: { provider: "offline", model: null, version: 1, text: "Dear Acme" },
      files: { docx: "/data/a.docx", pdf: null },
    });
    expect(application?.steps.fetch).toEqual({ status: "ok", error: null, attempts: 1, ms: 13, note: null });
    expect(application?.steps.tracker).toMatchObject({
      status: "failed",
      error: "JOBPIPE_ERR_TRELLO_UNAVAILABLE: Trello answered 503",
      attempts: 4,
    });
    expect(application?.steps.pdf).toEqual({ status: "pending", error: null, attempts: 0, ms: 0 });
  });

  it("keeps the current step state and the history of every run", async () => {
    await addApplication("app1", "2026-11-01T10:00:00.000Z");
    const failed = {
      status: "failed",
      errorCode: "JOBPIPE_ERR_PDF_RENDER",
      errorMessage: "boom",
      attempts: 1,
      ms: 3,
    } as const;
    await store.steps.record("app1", "pdf", failed, "t1");
    await store.steps.record(
      "app1",
      "pdf",
      { ...failed, status: "ok", errorCode: null, errorMessage: null },
      "t2",
    );
    expect((await store.steps.forApplication("app1")).pdf.status).toBe("ok");
    const runs = await store.steps.runs("app1");
    expect(runs.map((run) => run.status)).toEqual(["ok", "failed"]);
    expect(runs[1]?.error_code).toBe("JOBPIPE_ERR_PDF_RENDER");
  });

  it("numbers letter versions and finds letters by cache key", async () => {
    await addApplication("app1", "2026-11-01T10:00:00.000Z");
    const draft: LetterDraft = {
      provider: "openai",
      model: "m",
      text: "v",
      warnings: ["w"],
      usage: { promptTokens: 10, completionTokens: 5 },
      attempts: 1,
    };
    const first = await store.letters.addVersion("app1", draft, {
      cacheKey: "same",
      feedback: null,
      now: "t1",
    });
    const second = await store.letters.addVersion(
      "app1",
      { ...draft, text: "v2" },
      { cacheKey: "other", feedback: "shorter", now: "t2" },
    );
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await store.letters.latest("app1"))?.text).toBe("v2");
    expect((await store.letters.findByCacheKey("same"))?.version).toBe(1);
    expect(await store.letters.findByCacheKey("missing")).toBeNull();
  });

  it("lists newest first with a cursor, a stage filter and a search", async () => {
    for (let index = 0; index < 5; index++) {
      await addApplication(`app${index}`, `2026-11-0${index + 1}T10:00:00.000Z`);
    }
    await store.jobs.save("app2", { ...job, company: "Zebra Corp" }, "t");
    await store.applications.update("app3", { stage: "applied" });

    const first = await store.applications.list({ limit: 2 });
    expect(first.rows.map((row) => row.id)).toEqual(["app4", "app3"]);
    const second = await store.applications.list({ limit: 2, cursor: first.nextCursor });
    expect(second.rows.map((row) => row.id)).toEqual(["app2", "app1"]);
    const third = await store.applications.list({ limit: 2, cursor: second.nextCursor });
    expect(third.rows.map((row) => row.id)).toEqual(["app0"]);
    expect(third.nextCursor).toBeNull();

    expect(
      (await store.applications.list({ limit: 10, stage: "applied" })).rows.map((row) => row.id),
    ).toEqual(["app3"]);
    expect((await store.applications.list({ limit: 10, search: "zebra" })).rows.map((row) => row.id)).toEqual(
      ["app2"],
    );
    expect((await store.applications.list({ limit: 10, search: "100%_" })).rows).toEqual([]);
  });

  it("refuses a second application with the same posting key", async () => {
    await addApplication("first", "2026-11-01T10:00:00.000Z", "https://jobs.example.com/same");
    const error = await addApplication(
      "second",
      "2026-11-02T10:00:00.000Z",
      "https://jobs.example.com/same",
    ).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await store.applications.findById("second")).toBeNull();
  });

  it("finds by a unique id prefix only", async () => {
    await addApplication("abcd1111", "2026-11-01T10:00:00.000Z");
    await addApplication("abcd2222", "2026-11-02T10:00:00.000Z");
    expect((await store.applications.findByIdOrPrefix("abcd1"))?.id).toBe("abcd1111");
    expect(await store.applications.findByIdOrPrefix("abcd")).toBeNull();
    expect(await store.applications.findByIdOrPrefix("ab")).toBeNull();
  });

  it("finds unfinished applications and deletes with everything attached", async () => {
    await addApplication("done", "2026-11-01T10:00:00.000Z");
    await addApplication("todo", "2026-11-02T10:00:00.000Z");
    await store.steps.record(
      "done",
      "pdf",
      { status: "ok", errorCode: null, errorMessage: null, attempts: 1, ms: 1 },
      "t",
    );
    await store.steps.record(
      "todo",
      "pdf",
      { status: "failed", errorCode: "X", errorMessage: "y", attempts: 1, ms: 1 },
      "t",
    );
    expect((await store.applications.listUnfinished()).map((row) => row.id)).toEqual(["todo"]);
    await store.jobs.save("todo", job, "t");
    expect(await store.applications.delete("todo")).toBe(true);
    expect(await store.jobs.find("todo")).toBeNull();
    expect(await store.steps.runs("todo")).toEqual([]);
    expect(await store.applications.delete("todo")).toBe(false);
  });
});
