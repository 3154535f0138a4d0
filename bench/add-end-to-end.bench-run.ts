/**
 * End-to-end time of one `jobpipe add` against local fakes (page server, OpenAI, Trello): the
 * built CLI in a child process, as a user runs it, median of several runs; and the same pipeline
 * in-process, without Node's start-up. Prints figures; asserts only that the runs succeeded.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.js";
import { createSilentLogger } from "../src/log/index.js";
import { createServices } from "../src/main.js";
import { completionResponse, type FakeOpenAi, startFakeOpenAi } from "../test/fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../test/fakes/page-server.js";
import { type FakeTrello, startFakeTrello } from "../test/fakes/trello-server.js";
import { sampleLetter } from "../test/support/letter-text.js";
import { runCli } from "../test/support/run-cli.js";

const runs = 7;
let site: PageServer;
let openai: FakeOpenAi;
let trello: FakeTrello;
let counter = 0;

beforeAll(async () => {
  [site, openai, trello] = await Promise.all([startPageServer(), startFakeOpenAi(), startFakeTrello()]);
});

afterAll(async () => {
  await Promise.all([site.close(), openai.close(), trello.close()]);
});

function environment(cwd: string) {
  return {
    JOBPIPE_FETCH_ALLOW: "127.0.0.1",
    OPENAI_API_KEY: "sk-bench-key",
    OPENAI_BASE_URL: openai.baseUrl,
    TRELLO_API_KEY: trello.apiKey,
    TRELLO_TOKEN: trello.token,
    TRELLO_BOARD_ID: trello.boardId,
    TRELLO_LIST_ID: trello.listIds.Saved ?? "",
    TRELLO_BASE_URL: trello.baseUrl,
    JOBPIPE_DATA_DIR: path.join(cwd, "data"),
  };
}

function nextPosting(): string {
  const title = `Engineer ${++counter}`;
  const company = `Company ${counter}`;
  site.page(`/bench/${counter}`, postingHtml({ title, company }));
  openai.enqueue(completionResponse(sampleLetter(title, company)));
  return site.url(`/bench/${counter}`);
}

const median = (values: number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? 0;

it("jobpipe add, end to end", async () => {
  const cliTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-bench-add-"));
    const started = performance.now();
    const result = await runCli(["add", nextPosting(), "--json"], { cwd, env: environment(cwd) });
    cliTimes.push(performance.now() - started);
    expect(result.code).toBe(0);
  }

  const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-bench-add-"));
  const config = loadConfig(environment(cwd), { cwd });
  if (!config.ok) throw new Error("bench configuration is invalid");
  const services = await createServices(config.config, { logger: createSilentLogger() });
  const inProcessTimes: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const started = performance.now();
      const { application } = await services.pipeline.submit({ url: nextPosting() });
      if (run > 0) inProcessTimes.push(performance.now() - started); // the first run warms the caches
      expect(application.status).toBe("success");
    }
  } finally {
    await services.close();
  }
  console.log(
    `add end to end: CLI ${Math.round(median(cliTimes))} ms median of ${runs} ` +
      `(min ${Math.round(Math.min(...cliTimes))}, max ${Math.round(Math.max(...cliTimes))}); ` +
      `in-process pipeline ${Math.round(median(inProcessTimes))} ms median of ${runs} warm runs ` +
      "(fetch, extract, Trello card, model letter, DOCX, PDF, attachments, all against local fakes)",
  );
});
