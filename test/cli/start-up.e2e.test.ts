/**
 * Start-up through the built CLI: credential validation before any work (exit 78, one line per
 * problem, no stack trace, no secret), `doctor` offline and online, and `extract` (writes nothing).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "../../src/core/index.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../fakes/page-server.js";
import { type FakeTrello, startFakeTrello } from "../fakes/trello-server.js";
import { runCli } from "../support/run-cli.js";

let site: PageServer;
let openai: FakeOpenAi;
let trello: FakeTrello;

beforeAll(async () => {
  [site, openai, trello] = await Promise.all([startPageServer(), startFakeOpenAi(), startFakeTrello()]);
});

afterAll(async () => {
  await Promise.all([site.close(), openai.close(), trello.close()]);
});

function workspace(): string {
  return mkdtempSync(path.join(tmpdir(), "jobpipe-start-"));
}

const secretLikeKey = "abcdefabcdefabcdefabcdefabcdefZZ";

describe("credential validation at start-up", () => {
  it.each([
    [
      { TRELLO_API_KEY: "0123456789abcdef0123456789abcdef" },
      ["TRELLO_TOKEN", "TRELLO_BOARD_ID", "TRELLO_LIST_ID"],
    ],
    [
      { JOBPIPE_REQUIRE: "openai,trello" },
      ["OPENAI_API_KEY", "TRELLO_API_KEY", "TRELLO_TOKEN", "TRELLO_BOARD_ID", "TRELLO_LIST_ID"],
    ],
    [{ OPENAI_API_KEY: "not-an-openai-key-SECRET" }, ["OPENAI_API_KEY"]],
    [{ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }, ["OPENAI_API_KEY"]],
    [
      {
        TRELLO_API_KEY: secretLikeKey,
        TRELLO_TOKEN: "tooshort-SECRET",
        TRELLO_BOARD_ID: "bad",
        TRELLO_LIST_ID: "bad",
      },
      ["TRELLO_API_KEY", "TRELLO_TOKEN", "TRELLO_BOARD_ID", "TRELLO_LIST_ID"],
    ],
  ])("%j → exit 78 naming %j", async (env, variables) => {
    const result = await runCli(["add", "https://jobs.example.com/1"], { cwd: workspace(), env });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe("");
    const problemLines = result.stderr.split("\n").filter((line) => line.startsWith("  - "));
    expect(problemLines.map((line) => line.slice(4).split(" ")[0])).toEqual(variables);
    for (const line of problemLines) expect(line).toContain("docs/SETUP.md");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toContain("SECRET");
    expect(result.stderr).not.toContain(secretLikeKey);
  });

  it("checks before any work: nothing is stored and nothing is fetched", async () => {
    const cwd = workspace();
    site.page("/never", postingHtml({ title: "Never", company: "Fetched" }));
    const result = await runCli(["add", site.url("/never")], {
      cwd,
      env: { JOBPIPE_FETCH_ALLOW: "127.0.0.1", TRELLO_TOKEN: "x" },
    });
    expect(result.code).toBe(78);
    expect(site.hits("/never")).toBe(0);
    expect(existsSync(path.join(cwd, "data", "jobpipe.db"))).toBe(false);
  });

  it("reads config/.env and lets the environment win over it", async () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, "config"));
    writeFileSync(path.join(cwd, "config", ".env"), "TRELLO_TOKEN=short\n");
    const fromFile = await runCli(["list"], { cwd, env: {} });
    expect(fromFile.code).toBe(78);
    expect(fromFile.stderr).toContain("TRELLO_TOKEN is malformed");
    const overridden = await runCli(["list"], { cwd, env: { TRELLO_TOKEN: "" } });
    expect(overridden.code).toBe(0);
  });
});

describe("jobpipe doctor", () => {
  it("reports the embedded defaults offline", async () => {
    const result = await runCli(["doctor", "--json"], { cwd: workspace(), env: {} });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: { name: string; status: string }[] };
    expect(report.ok).toBe(true);
    const statuses = Object.fromEntries(report.checks.map((check) => [check.name, check.status]));
    expect(statuses).toMatchObject({
      config: "ok",
      database: "ok",
      openai: "not_configured",
      trello: "not_configured",
    });
  });

  it("--online reaches the fakes and names the Trello account", async () => {
    const result = await runCli(["doctor", "--online", "--json"], {
      cwd: workspace(),
      env: {
        OPENAI_API_KEY: "sk-doctor-test-key",
        OPENAI_BASE_URL: openai.baseUrl,
        TRELLO_API_KEY: trello.apiKey,
        TRELLO_TOKEN: trello.token,
        TRELLO_BOARD_ID: trello.boardId,
        TRELLO_LIST_ID: trello.listIds.Saved ?? "",
        TRELLO_BASE_URL: trello.baseUrl,
      },
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      checks: { name: string; status: string; detail: string }[];
    };
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName.openai?.status).toBe("ok");
    expect(byName.openai?.detail).toMatch(/answered/);
    expect(byName.trello?.status).toBe("ok");
    expect(byName.trello?.detail).toMatch(/signed in as/);
    expect(result.stdout).not.toContain(trello.token);
  });

  it("--online fails (exit 1) with a readable reason when Trello rejects the token", async () => {
    const result = await runCli(["doctor", "--online"], {
      cwd: workspace(),
      env: {
        TRELLO_API_KEY: trello.apiKey,
        TRELLO_TOKEN: "f".repeat(64),
        TRELLO_BOARD_ID: trello.boardId,
        TRELLO_LIST_ID: trello.listIds.Saved ?? "",
        TRELLO_BASE_URL: trello.baseUrl,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ trello/);
    expect(result.stdout).not.toContain("f".repeat(64));
  });
});

describe("jobpipe extract", () => {
  it("prints the job of a URL as JSON and stores nothing", async () => {
    const cwd = workspace();
    site.page(
      "/extract/1",
      postingHtml({ title: "Staff Engineer", company: "Iota Systems", location: "Lisbon" }),
    );
    const result = await runCli(["extract", site.url("/extract/1"), "--json"], {
      cwd,
      env: { JOBPIPE_FETCH_ALLOW: "127.0.0.1" },
    });
    expect(result.code).toBe(0);
    const job = JSON.parse(result.stdout) as Job;
    expect(job).toMatchObject({ title: "Staff Engineer", company: "Iota Systems", source: "json-ld" });
    expect(job.location).toContain("Lisbon");
    expect(existsSync(path.join(cwd, "data"))).toBe(false);
  });

  it("reads a saved file with --url", async () => {
    const cwd = workspace();
    const file = path.join(cwd, "page.html");
    writeFileSync(file, postingHtml({ title: "Designer", company: "Kappa Studio" }));
    const result = await runCli(["extract", file, "--url", "https://kappa.example/jobs/7"], { cwd, env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/title:\s+Designer/);
    expect(result.stdout).toMatch(/company:\s+Kappa Studio/);
  });

  it("refuses a private address with exit 64", async () => {
    const result = await runCli(["extract", "http://192.168.1.1/job"], { cwd: workspace(), env: {} });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("JOBPIPE_ERR_PRIVATE_ADDRESS");
  });

  it("rejects an unknown command and a missing argument as usage errors (64)", async () => {
    expect((await runCli(["frobnicate"], { cwd: workspace(), env: {} })).code).toBe(64);
    expect((await runCli(["add"], { cwd: workspace(), env: {} })).code).toBe(64);
  });
});
