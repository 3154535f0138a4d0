/**
 * `jobpipe add` end to end, through the real binary, against real local servers: a posting site,
 * a fake OpenAI and a fake Trello. Each test gets its own data directory.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Application } from "../../src/core/index.js";
import { readDocx, readPdf } from "../documents/letter-fixtures.js";
import {
  completionResponse,
  errorResponse,
  type FakeOpenAi,
  startFakeOpenAi,
} from "../fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../fakes/page-server.js";
import { type FakeTrello, startFakeTrello } from "../fakes/trello-server.js";
import { sampleLetter } from "../support/letter-text.js";
import { runCli } from "../support/run-cli.js";

const openAiKey = "sk-test-e2e-secret-0123456789";
let site: PageServer;
let openai: FakeOpenAi;
let trello: FakeTrello;
let pageCounter = 0;

beforeAll(async () => {
  [site, trello] = await Promise.all([startPageServer(), startFakeTrello()]);
});

afterAll(async () => {
  await Promise.all([site.close(), trello.close()]);
});

// A fresh model server per test, so an answer one test queued can never reach another.
beforeEach(async () => {
  openai = await startFakeOpenAi();
});

afterEach(async () => {
  trello.clearFaults();
  await openai.close();
});

/** A fresh posting on the local site; its letter is the model's next answer unless told otherwise. */
function newPosting(title = "Platform Engineer", company = "Acme Robotics"): string {
  const pagePath = `/jobs/${++pageCounter}`;
  site.page(pagePath, postingHtml({ title, company }));
  return site.url(pagePath);
}

function environment(overrides: Record<string, string> = {}): { env: Record<string, string>; cwd: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-e2e-"));
  return {
    cwd,
    env: {
      JOBPIPE_FETCH_ALLOW: "127.0.0.1",
      OPENAI_API_KEY: openAiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MODEL: "gpt-5-mini",
      TRELLO_API_KEY: trello.apiKey,
      TRELLO_TOKEN: trello.token,
      TRELLO_BOARD_ID: trello.boardId,
      TRELLO_LIST_ID: trello.listIds.Saved ?? "",
      TRELLO_BASE_URL: trello.baseUrl,
      ...overrides,
    },
  };
}

function readLogs(cwd: string): string {
  const directory = path.join(cwd, "data", "logs");
  return readdirSync(directory)
    .map((name) => readFileSync(path.join(directory, name), "utf8"))
    .join("");
}

function logEntries(cwd: string): Record<string, unknown>[] {
  return readLogs(cwd)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("jobpipe add", () => {
  it("reads the posting, files one card, writes the letter, DOCX and PDF, and show reads it back", async () => {
    const url = newPosting("Platform Engineer", "Acme Robotics");
    const letter = sampleLetter("Platform Engineer", "Acme Robotics");
    openai.enqueue(completionResponse(letter));
    const cardsBefore = trello.cards().length;
    const context = environment();

    const result = await runCli(["add", url, "--json"], context);
    expect(result.stderr).not.toContain("Error");
    expect(result.code).toBe(0);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.status).toBe("success");
    expect(application.stage).toBe("saved");
    expect(application.job).toMatchObject({
      title: "Platform Engineer",
      company: "Acme Robotics",
      salary: { min: 70000, max: 90000, currency: "EUR", period: "year" },
      source: "json-ld",
    });
    for (const step of ["fetch", "extract", "tracker", "letter", "docx", "pdf"] as const) {
      expect(application.steps[step], step).toMatchObject({ status: "ok", error: null });
    }
    expect(application.letter).toMatchObject({
      provider: "openai",
      model: "gpt-5-mini",
      version: 1,
      text: letter,
    });

    const cards = trello.cards().slice(cardsBefore);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.name).toBe("Platform Engineer — Acme Robotics");
    expect(cards[0]?.idList).toBe(trello.listIds.Saved);
    expect(cards[0]?.desc).toContain(url);
    expect(application.tracker?.cardId).toBe(cards[0]?.id);

    const docxPath = application.files.docx ?? "";
    const pdfPath = application.files.pdf ?? "";
    expect(path.basename(docxPath)).toBe("Acme_Robotics_Platform_Engineer_Cover_Letter.docx");
    expect(docxPath.startsWith(path.join(context.cwd, "data"))).toBe(true);
    const docx = await readDocx(await readFile(docxPath));
    expect(docx.paragraphs.map((paragraph) => paragraph.text).join("\n")).toContain(
      "I am writing to apply for the Platform Engineer position with Acme Robotics.",
    );
    const pdf = await readPdf(await readFile(pdfPath));
    expect(pdf.text.replace(/\s+/g, " ")).toContain("Mentoring newer engineers through code review");

    const shown = await runCli(["show", application.id, "--json"], context);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(application);

    const listed = await runCli(["list", "--json"], context);
    expect((JSON.parse(listed.stdout) as Application[]).map((item) => item.id)).toEqual([application.id]);

    const entries = logEntries(context.cwd);
    expect(
      entries.some((entry) => entry.applicationId === application.id && entry.msg === "card filed"),
    ).toBe(true);
  });

  it("adding the same posting again reuses the application: no second card, no second model call", async () => {
    const url = newPosting("Data Engineer", "Beta Foods");
    openai.enqueue(completionResponse(sampleLetter("Data Engineer", "Beta Foods")));
    const context = environment();
    const first = JSON.parse((await runCli(["add", url, "--json"], context)).stdout) as Application;
    const cardsAfterFirst = trello.cards().length;
    const callsAfterFirst = openai.chatRequests().length;

    const again = await runCli(["add", `${url}?utm_source=newsletter`, "--json"], context);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Application).id).toBe(first.id);
    expect(trello.cards().length).toBe(cardsAfterFirst);
    expect(openai.chatRequests().length).toBe(callsAfterFirst);
  });

  it("Trello down: partial success, the job, letter, DOCX and PDF are kept", async () => {
    const url = newPosting("QA Engineer", "Gamma Health");
    openai.enqueue(completionResponse(sampleLetter("QA Engineer", "Gamma Health")));
    trello.failNext({ status: 503, count: 20, match: { path: /^\/1\/(cards|search|boards)/ } });
    const context = environment();
    try {
      const result = await runCli(["add", url, "--json"], context);
      expect(result.code).toBe(2);
      const application = JSON.parse(result.stdout) as Application;
      expect(application.status).toBe("partial_success");
      expect(application.job?.title).toBe("QA Engineer");
      expect(application.steps.tracker.status).toBe("failed");
      expect(application.steps.tracker.error).toMatch(/^JOBPIPE_ERR_TRELLO_UNAVAILABLE: /);
      expect(application.steps.tracker.attempts).toBe(4);
      expect(application.tracker).toBeNull();
      expect(application.steps.letter.status).toBe("ok");
      expect(application.steps.docx.status).toBe("ok");
      expect(application.steps.pdf.status).toBe("ok");
      expect((await readFile(application.files.docx ?? "")).length).toBeGreaterThan(1000);
    } finally {
      trello.clearFaults();
    }
  });

  it("OpenAI 429, 429, then success: three calls, waiting 1 s then 2 s, each retry logged", async () => {
    const url = newPosting("Site Reliability Engineer", "Delta Air");
    openai.enqueue(
      errorResponse(429, "Rate limit reached"),
      errorResponse(429, "Rate limit reached"),
      completionResponse(sampleLetter("Site Reliability Engineer", "Delta Air")),
    );
    const context = environment();
    const result = await runCli(["add", url, "--json", "--no-tracker"], context);
    expect(result.code).toBe(0);
    expect(openai.chatRequests().length).toBe(3);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.steps.letter).toMatchObject({ status: "ok", attempts: 3 });
    expect(application.steps.tracker.status).toBe("skipped");
    const retries = logEntries(context.cwd).filter(
      (entry) => entry.waitMs !== undefined && entry.attempt !== undefined,
    );
    expect(retries.map((entry) => [entry.attempt, entry.waitMs])).toEqual([
      [1, 1000],
      [2, 2000],
    ]);
  });

  it("OpenAI always 500: four calls, the letter step fails, the application is saved", async () => {
    const url = newPosting("Frontend Engineer", "Epsilon Media");
    openai.enqueue(...Array.from({ length: 4 }, () => errorResponse(500, "The server had an error")));
    const context = environment();
    const result = await runCli(["add", url, "--json", "--no-tracker"], context);
    expect(result.code).toBe(2);
    expect(openai.chatRequests().length).toBe(4);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.status).toBe("partial_success");
    expect(application.steps.letter).toMatchObject({ status: "failed", attempts: 4 });
    expect(application.steps.letter.error).toMatch(/^JOBPIPE_ERR_LLM_UNAVAILABLE: /);
    expect(application.steps.docx.status).toBe("pending");
    expect(application.job?.company).toBe("Epsilon Media");
    const waits = logEntries(context.cwd)
      .filter((entry) => entry.waitMs !== undefined && entry.attempt !== undefined)
      .map((entry) => entry.waitMs);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("a wrong OpenAI key: one call, and the step says authentication failed", async () => {
    const url = newPosting("Security Engineer", "Zeta Bank");
    openai.enqueue(errorResponse(401, "Incorrect API key provided: sk-test***6789."));
    const context = environment();
    const result = await runCli(["add", url, "--json", "--no-tracker"], context);
    expect(result.code).toBe(2);
    expect(openai.chatRequests().length).toBe(1);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.steps.letter.status).toBe("failed");
    expect(application.steps.letter.attempts).toBe(1);
    expect(application.steps.letter.error).toMatch(/^JOBPIPE_ERR_LLM_AUTH: .*authentication/i);
  });

  it("uses the page the user saved when the site blocks fetching", async () => {
    site.route("/blocked/1", { status: 403, body: "<h1>Access denied</h1>" });
    const context = environment({ OPENAI_API_KEY: "", OPENAI_BASE_URL: "", OPENAI_MODEL: "" });
    const saved = path.join(context.cwd, "saved.html");
    await import("node:fs/promises").then((fs) =>
      fs.writeFile(saved, postingHtml({ title: "Support Engineer", company: "Eta Games" })),
    );
    const result = await runCli(
      ["add", site.url("/blocked/1"), "--html", saved, "--json", "--no-tracker"],
      context,
    );
    expect(result.code).toBe(0);
    const application = JSON.parse(result.stdout) as Application;
    expect(site.hits("/blocked/1")).toBe(0);
    expect(application.steps.fetch.status).toBe("skipped");
    expect(application.job).toMatchObject({ title: "Support Engineer", company: "Eta Games" });
    expect(application.letter?.provider).toBe("offline");
    expect(application.letter?.text).toContain("Eta Games");
  });

  it("a page that is not a job posting gives a failed application that is still stored", async () => {
    site.page("/about", "<html><head><title></title></head><body><p></p></body></html>");
    const context = environment({
      TRELLO_API_KEY: "",
      TRELLO_TOKEN: "",
      TRELLO_BOARD_ID: "",
      TRELLO_LIST_ID: "",
    });
    const result = await runCli(["add", site.url("/about"), "--json"], context);
    expect(result.code).toBe(1);
    const application = JSON.parse(result.stdout) as Application;
    expect(application.status).toBe("failed");
    expect(application.steps.extract.error).toMatch(/^JOBPIPE_ERR_NOT_A_JOB_PAGE: /);
    const listed = JSON.parse((await runCli(["list", "--json"], context)).stdout) as Application[];
    expect(listed.map((item) => item.id)).toEqual([application.id]);
  });

  it.each([
    ["http://10.1.2.3/jobs/1", "JOBPIPE_ERR_PRIVATE_ADDRESS"],
    ["http://2130706433/jobs/1", "JOBPIPE_ERR_PRIVATE_ADDRESS"],
    ["file:///etc/passwd", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ["https://user:pass@jobs.example.com/1", "JOBPIPE_ERR_URL_CREDENTIALS"],
    ["not a url", "JOBPIPE_ERR_INVALID_URL"],
  ])("refuses %s before storing anything (exit 64, %s)", async (url, code) => {
    const context = environment({ JOBPIPE_FETCH_ALLOW: "" });
    const result = await runCli(["add", url, "--json"], context);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(code);
    const listed = await runCli(["list", "--json"], context);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it("never writes a secret to stdout, stderr or the log files", async () => {
    const url = newPosting("Backend Engineer", "Theta Labs");
    openai.enqueue(errorResponse(401, `Incorrect API key provided: ${openAiKey}`));
    trello.failNext({ status: 401, body: "invalid token", match: { path: /^\/1\/(cards|search|boards)/ } });
    const context = environment({ LOG_LEVEL: "debug" });
    const result = await runCli(["add", url, "--json"], context);
    expect(result.code).toBe(2);
    trello.clearFaults();
    const everything = [result.stdout, result.stderr, readLogs(context.cwd)].join("\n");
    for (const secret of [openAiKey, trello.apiKey, trello.token]) {
      expect(everything).not.toContain(secret);
    }
    const database = readFileSync(path.join(context.cwd, "data", "jobpipe.db")).toString("latin1");
    for (const secret of [openAiKey, trello.apiKey, trello.token]) expect(database).not.toContain(secret);
  });
});
