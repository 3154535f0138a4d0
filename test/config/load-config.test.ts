import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig, readEnvironment } from "../../src/config/index.js";

const trelloKey = "0123456789abcdef0123456789abcdef";
const trelloToken = "ATTA".padEnd(76, "f0");
const boardId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const listId = "6a1b2c3d4e5f6a7b8c9d0e1f";
const fullTrello = {
  TRELLO_API_KEY: trelloKey,
  TRELLO_TOKEN: trelloToken,
  TRELLO_BOARD_ID: boardId,
  TRELLO_LIST_ID: listId,
};

function problemsOf(env: Record<string, string>) {
  const result = loadConfig(env, { cwd: "/tmp" });
  return result.ok ? [] : result.problems;
}

describe("loadConfig", () => {
  it("runs on embedded defaults with no configuration at all", () => {
    const result = loadConfig({}, { cwd: "/srv/jobpipe" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.dataDir).toBe("/srv/jobpipe/data");
    expect(result.config.database).toEqual({ kind: "sqlite", path: "/srv/jobpipe/data/jobpipe.db" });
    expect(result.config.openai).toBeNull();
    expect(result.config.trello).toBeNull();
    expect(result.config.server).toEqual({ host: "127.0.0.1", port: 3000, apiToken: null });
    expect(result.config.fetch).toEqual({ allow: [], timeoutMs: 30_000 });
    expect(result.config.log).toEqual({ level: "info", file: "/srv/jobpipe/data/logs/jobpipe.log" });
  });

  it("accepts a complete Trello and OpenAI configuration", () => {
    const result = loadConfig({
      ...fullTrello,
      OPENAI_API_KEY: "sk-test-123",
      JOBPIPE_REQUIRE: "openai,trello",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.trello).toMatchObject({ boardId, listId, baseUrl: "https://api.trello.com/1" });
    expect(result.config.openai).toMatchObject({
      apiKey: "sk-test-123",
      baseUrl: null,
      model: "gpt-5-mini",
      timeoutMs: 60_000,
    });
  });

  it("reports every missing Trello variable once any of them is set", () => {
    const problems = problemsOf({ TRELLO_API_KEY: trelloKey });
    expect(problems.map((problem) => problem.variable)).toEqual([
      "TRELLO_TOKEN",
      "TRELLO_BOARD_ID",
      "TRELLO_LIST_ID",
    ]);
    expect(problems.every((problem) => problem.problem.startsWith("is missing"))).toBe(true);
  });

  it("reports malformed Trello values without echoing them", () => {
    const problems = problemsOf({
      TRELLO_API_KEY: "not-a-key-SECRETVALUE",
      TRELLO_TOKEN: "short-SECRETVALUE",
      TRELLO_BOARD_ID: "nope",
      TRELLO_LIST_ID: "abc",
    });
    expect(problems.map((problem) => problem.variable)).toEqual([
      "TRELLO_API_KEY",
      "TRELLO_TOKEN",
      "TRELLO_BOARD_ID",
      "TRELLO_LIST_ID",
    ]);
    const text = formatConfigProblems(problems);
    expect(text).not.toContain("SECRETVALUE");
    expect(text).toContain("32 hexadecimal characters");
  });

  it("accepts an 8-character board short link", () => {
    expect(problemsOf({ ...fullTrello, TRELLO_BOARD_ID: "AbCd1234" })).toEqual([]);
  });

  it("requires sk- keys for OpenAI itself but any key for a compatible server", () => {
    expect(problemsOf({ OPENAI_API_KEY: "abc-SECRET" })).toEqual([
      { variable: "OPENAI_API_KEY", problem: "is malformed (an OpenAI key starts with sk-)" },
    ]);
    expect(problemsOf({ OPENAI_API_KEY: "ollama", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" })).toEqual(
      [],
    );
    expect(problemsOf({ OPENAI_API_KEY: "abc", OPENAI_BASE_URL: "https://api.openai.com/v1" })).toHaveLength(
      1,
    );
  });

  it("asks for a key when only the base URL or model is set", () => {
    expect(
      problemsOf({ OPENAI_BASE_URL: "http://127.0.0.1:1234/v1" }).map((problem) => problem.variable),
    ).toEqual(["OPENAI_API_KEY"]);
    expect(problemsOf({ OPENAI_BASE_URL: "ftp://example.com" }).map((problem) => problem.variable)).toEqual([
      "OPENAI_BASE_URL",
      "OPENAI_API_KEY",
    ]);
  });

  it("JOBPIPE_REQUIRE=openai,trello requires all five credentials", () => {
    const problems = problemsOf({ JOBPIPE_REQUIRE: "openai,trello" });
    expect(problems.map((problem) => problem.variable)).toEqual([
      "OPENAI_API_KEY",
      "TRELLO_API_KEY",
      "TRELLO_TOKEN",
      "TRELLO_BOARD_ID",
      "TRELLO_LIST_ID",
    ]);
    expect(problems[0]?.problem).toContain("JOBPIPE_REQUIRE");
  });

  it("rejects unknown JOBPIPE_REQUIRE entries, bad ports, levels, timeouts and PostgreSQL for now", () => {
    const problems = problemsOf({
      JOBPIPE_REQUIRE: "jira",
      PORT: "99999",
      LOG_LEVEL: "loud",
      JOBPIPE_FETCH_TIMEOUT: "-1",
      DATABASE_URL: "postgres://user:pw@db/jobs",
    });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(
      ["DATABASE_URL", "JOBPIPE_FETCH_TIMEOUT", "JOBPIPE_REQUIRE", "LOG_LEVEL", "PORT"].sort(),
    );
    expect(formatConfigProblems(problems)).not.toContain("user:pw");
  });

  it("reads stage lists, the follow-up delay and the letter tone", () => {
    const result = loadConfig({
      ...fullTrello,
      TRELLO_LIST_APPLIED: "7a1b2c3d4e5f6a7b8c9d0e1f",
      JOBPIPE_FOLLOW_UP_DAYS: "off",
      JOBPIPE_LETTER_TONE: "warm",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.trello?.stageListIds).toEqual({ applied: "7a1b2c3d4e5f6a7b8c9d0e1f" });
    expect(result.config.trello?.followUpDays).toBeNull();
    expect(result.config.letterTone).toBe("warm");
    const defaults = loadConfig(fullTrello);
    expect(defaults.ok && defaults.config.trello?.followUpDays).toBe(7);
    expect(defaults.ok && defaults.config.letterTone).toBe("formal");
    expect(
      problemsOf({
        ...fullTrello,
        TRELLO_LIST_OFFER: "nope",
        JOBPIPE_FOLLOW_UP_DAYS: "soon",
        JOBPIPE_LETTER_TONE: "rude",
      }).map((problem) => problem.variable),
    ).toEqual(["TRELLO_LIST_OFFER", "JOBPIPE_FOLLOW_UP_DAYS", "JOBPIPE_LETTER_TONE"]);
  });

  it("reads DATABASE_URL as sqlite:PATH or a plain path", () => {
    const fromUrl = loadConfig({ DATABASE_URL: "sqlite:db/jobs.db" }, { cwd: "/srv" });
    const fromPath = loadConfig({ DATABASE_URL: "/var/lib/jobs.db" }, { cwd: "/srv" });
    expect(fromUrl.ok && fromUrl.config.database).toEqual({ kind: "sqlite", path: "/srv/db/jobs.db" });
    expect(fromPath.ok && fromPath.config.database).toEqual({ kind: "sqlite", path: "/var/lib/jobs.db" });
  });

  it("formats one line per problem naming what it is for, how to fix it and docs/SETUP.md", () => {
    const text = formatConfigProblems(problemsOf({ TRELLO_TOKEN: "x" }));
    const lines = text.split("\n").filter((line) => line.startsWith("  - "));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toMatch(/How to fix: /);
      expect(line).toMatch(/docs\/SETUP\.md#/);
    }
    expect(text).toContain("TRELLO_BOARD_ID is missing");
  });
});

describe("readEnvironment", () => {
  it("layers .env, config/.env, the environment and flags, later winning", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "jobpipe-config-"));
    mkdirSync(path.join(directory, "config"));
    writeFileSync(
      path.join(directory, ".env"),
      "PORT=1000\nHOST=10.0.0.1\nLOG_LEVEL=debug\nJOBPIPE_DATA_DIR=a\n",
    );
    writeFileSync(path.join(directory, "config", ".env"), "PORT=2000\nHOST=10.0.0.2\nLOG_LEVEL=warn\n");
    const merged = readEnvironment({
      cwd: directory,
      env: { PORT: "3000", HOST: "10.0.0.3" },
      overrides: { PORT: "4000" },
    });
    expect(merged.PORT).toBe("4000");
    expect(merged.HOST).toBe("10.0.0.3");
    expect(merged.LOG_LEVEL).toBe("warn");
    expect(merged.JOBPIPE_DATA_DIR).toBe("a");
  });
});
