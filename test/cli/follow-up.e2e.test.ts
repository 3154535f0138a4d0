/**
 * After `add`: `sync` finishes what failed without doing anything twice, `stage` moves the card and
 * `sync` takes the stage of a card the user moved, `letter --feedback` writes a new version whose
 * documents replace the old ones on the card. Real CLI, real local fakes.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Application } from "../../src/core/index.js";
import { readPdf } from "../documents/letter-fixtures.js";
import { completionResponse, type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../fakes/page-server.js";
import { type FakeTrello, startFakeTrello } from "../fakes/trello-server.js";
import { sampleLetter } from "../support/letter-text.js";
import { runCli } from "../support/run-cli.js";

let site: PageServer;
let openai: FakeOpenAi;
let trello: FakeTrello;
let pageCounter = 0;

beforeAll(async () => {
  site = await startPageServer();
});

afterAll(async () => {
  await site.close();
});

// Fresh fakes per test: each test reads "the" board and "the" model calls without counting others'.
beforeEach(async () => {
  [openai, trello] = await Promise.all([startFakeOpenAi(), startFakeTrello()]);
});

afterEach(async () => {
  await Promise.all([openai.close(), trello.close()]);
});

function newPosting(title: string, company: string): string {
  const pagePath = `/follow-up/${++pageCounter}`;
  site.page(pagePath, postingHtml({ title, company }));
  return site.url(pagePath);
}

function context(overrides: Record<string, string> = {}) {
  return {
    cwd: mkdtempSync(path.join(tmpdir(), "jobpipe-follow-")),
    env: {
      JOBPIPE_FETCH_ALLOW: "127.0.0.1",
      OPENAI_API_KEY: "sk-follow-up-test-key",
      OPENAI_BASE_URL: openai.baseUrl,
      TRELLO_API_KEY: trello.apiKey,
      TRELLO_TOKEN: trello.token,
      TRELLO_BOARD_ID: trello.boardId,
      TRELLO_LIST_ID: trello.listIds.Saved ?? "",
      TRELLO_BASE_URL: trello.baseUrl,
      ...overrides,
    },
  };
}

const uploadsOf = (card: { attachments: { isUpload: boolean; name: string }[] } | undefined) =>
  (card?.attachments ?? []).filter((attachment) => attachment.isUpload).map((attachment) => attachment.name);

describe("jobpipe sync", () => {
  it("after a Trello outage files exactly one card, attaches the letter, and then has nothing left to do", async () => {
    const url = newPosting("Infrastructure Engineer", "Lambda Energy");
    openai.enqueue(completionResponse(sampleLetter("Infrastructure Engineer", "Lambda Energy")));
    trello.failNext({ status: 500, count: 50 });
    const run = context();
    const added = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    expect(added.status).toBe("partial_success");
    expect(added.steps.tracker.status).toBe("failed");
    expect(trello.cards()).toHaveLength(0);
    const modelCalls = openai.chatRequests().length;

    trello.clearFaults();
    const synced = await runCli(["sync", "--json"], run);
    expect(synced.code).toBe(0);
    const report = JSON.parse(synced.stdout) as { applications: Application[] };
    expect(report.applications.map((application) => application.id)).toEqual([added.id]);
    expect(report.applications[0]?.status).toBe("success");
    expect(trello.cards()).toHaveLength(1);
    expect(uploadsOf(trello.cards()[0]).sort()).toEqual([
      "Lambda_Energy_Infrastructure_Engineer_Cover_Letter.docx",
      "Lambda_Energy_Infrastructure_Engineer_Cover_Letter.pdf",
    ]);
    expect(openai.chatRequests().length).toBe(modelCalls); // the letter was not written twice

    const writes = () => trello.requests.filter((request) => request.method !== "GET").length;
    const writesBefore = writes();
    const again = await runCli(["sync"], run);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing left to do.");
    expect(writes()).toBe(writesBefore);
  });

  it("renders a PDF that failed once the renderer works again, keeping the DOCX", async () => {
    const url = newPosting("Data Analyst", "Mu Retail");
    openai.enqueue(completionResponse(sampleLetter("Data Analyst", "Mu Retail")));
    const run = context({ TRELLO_API_KEY: "", TRELLO_TOKEN: "", TRELLO_BOARD_ID: "", TRELLO_LIST_ID: "" });
    const notAFont = path.join(run.cwd, "broken.ttf");
    writeFileSync(notAFont, "this is not a font");
    const added = JSON.parse(
      (await runCli(["add", url, "--json"], { ...run, env: { ...run.env, JOBPIPE_PDF_FONT: notAFont } }))
        .stdout,
    ) as Application;
    expect(added.status).toBe("partial_success");
    expect(added.steps.docx.status).toBe("ok");
    expect(added.steps.pdf.status).toBe("failed");
    expect(added.steps.pdf.error).toMatch(/^JOBPIPE_ERR_PDF_RENDER: /);
    expect(added.files.docx).not.toBeNull();

    const synced = JSON.parse((await runCli(["sync", "--json"], run)).stdout) as {
      applications: Application[];
    };
    const application = synced.applications[0];
    expect(application?.status).toBe("success");
    expect(application?.files.docx).toBe(added.files.docx);
    const pdf = await readPdf(await readFile(application?.files.pdf ?? ""));
    expect(pdf.text).toContain("Mu Retail");
    expect(openai.chatRequests()).toHaveLength(1);
  });
});

describe("jobpipe stage", () => {
  it("moves the card, and sync takes the stage of a card the user moved on Trello", async () => {
    const url = newPosting("Product Engineer", "Nu Travel");
    openai.enqueue(completionResponse(sampleLetter("Product Engineer", "Nu Travel")));
    const run = context();
    const added = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    const cardId = added.tracker?.cardId ?? "";

    const moved = await runCli(["stage", added.id, "applied", "--json"], run);
    expect(moved.code).toBe(0);
    expect((JSON.parse(moved.stdout) as Application).stage).toBe("applied");
    expect(trello.cards().find((card) => card.id === cardId)?.idList).toBe(trello.listIds.Applied);

    trello.moveCardAsUser(cardId, trello.listIds.Interviewing ?? "");
    const synced = JSON.parse((await runCli(["sync", "--json"], run)).stdout) as {
      stageChanges: { id: string; from: string; to: string }[];
    };
    expect(synced.stageChanges).toEqual([{ id: added.id, from: "applied", to: "interviewing" }]);
    const shown = JSON.parse((await runCli(["show", added.id, "--json"], run)).stdout) as Application;
    expect(shown.stage).toBe("interviewing");
  });

  it("keeps the new stage when Trello is down and moves the card on the next sync", async () => {
    const url = newPosting("Mobile Engineer", "Xi Apps");
    openai.enqueue(completionResponse(sampleLetter("Mobile Engineer", "Xi Apps")));
    const run = context();
    const added = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    trello.failNext({ status: 503, count: 50 });
    const moved = await runCli(["stage", added.id, "offer", "--json"], run);
    expect(moved.code).toBe(2);
    const application = JSON.parse(moved.stdout) as Application;
    expect(application.stage).toBe("offer");
    expect(application.steps.tracker.error).toMatch(/Moving the card to offer failed/);

    trello.clearFaults();
    expect((await runCli(["sync"], run)).code).toBe(0);
    expect(trello.cards()[0]?.idList).toBe(trello.listIds.Offer);
    const shown = JSON.parse((await runCli(["show", added.id, "--json"], run)).stdout) as Application;
    expect(shown.stage).toBe("offer");
  });

  it("rejects an unknown stage as a usage error", async () => {
    const result = await runCli(["stage", "abcd1234", "hired"], context());
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("expected one of saved, applied");
  });
});

describe("jobpipe add --force", () => {
  it("makes a second application with a card of its own; a plain add reuses the newest", async () => {
    const url = newPosting("Support Engineer", "Pi Games");
    openai.enqueue(completionResponse(sampleLetter("Support Engineer", "Pi Games")));
    const run = context();
    const first = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    const forced = JSON.parse((await runCli(["add", url, "--force", "--json"], run)).stdout) as Application;
    expect(forced.id).not.toBe(first.id);
    expect(forced.status).toBe("success");
    expect(trello.cards()).toHaveLength(2);
    expect(forced.tracker?.cardId).not.toBe(first.tracker?.cardId);
    expect(trello.cards().find((card) => card.id === forced.tracker?.cardId)?.desc).toContain(
      `jobpipe:application ${forced.id}`,
    );
    // The same letter inputs: the second application reuses the first letter without a model call.
    expect(openai.chatRequests()).toHaveLength(1);

    const again = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    expect(again.id).toBe(forced.id);
    expect(trello.cards()).toHaveLength(2);
  });
});

describe("jobpipe letter", () => {
  it("writes version 2 with the feedback and replaces the documents on the card", async () => {
    const url = newPosting("Backend Engineer", "Omicron Pay");
    openai.enqueue(completionResponse(sampleLetter("Backend Engineer", "Omicron Pay")));
    const run = context();
    const added = JSON.parse((await runCli(["add", url, "--json"], run)).stdout) as Application;
    expect(added.letter?.version).toBe(1);

    const second = sampleLetter("Backend Engineer", "Omicron Pay").replace(
      "Dear Hiring Team,",
      "Dear Omicron Pay team,",
    );
    openai.enqueue(completionResponse(second));
    const result = await runCli(
      ["letter", added.id, "--feedback", "Mention the payments domain", "--json"],
      run,
    );
    expect(result.code).toBe(0);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.letter).toMatchObject({ version: 2, text: second });
    expect(application.files.docx).toContain(`${path.sep}v2${path.sep}`);
    const prompt = JSON.stringify(openai.messagesOf(1));
    expect(prompt).toContain("Mention the payments domain");
    const uploads = uploadsOf(trello.cards()[0]);
    expect(uploads).toHaveLength(2);
    const pdf = await readPdf(await readFile(application.files.pdf ?? ""));
    expect(pdf.text).toContain("Omicron Pay team");
  });
});
