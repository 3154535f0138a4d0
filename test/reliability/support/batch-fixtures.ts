/**
 * Shared by the batch and reliability tests: the three local fakes (a job site, OpenAI, Trello),
 * postings that all pass the letter checks with one model answer (same title and company,
 * different descriptions, so each needs its own letter), the CLI's environment for them, a spawned
 * CLI the test can signal or kill, and checks on what a data directory holds.
 */
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Application } from "../../../src/core/index.js";
import { completionResponse, type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../../fakes/page-server.js";
import { type FakeTrello, type FakeTrelloOptions, startFakeTrello } from "../../fakes/trello-server.js";
import { sampleLetter } from "../../support/letter-text.js";

export const postingTitle = "Platform Engineer";
export const postingCompany = "Acme Robotics";
export const openAiKey = "sk-reliability-test-0123456789";

export interface Fakes {
  site: PageServer;
  openai: FakeOpenAi;
  trello: FakeTrello;
  close(): Promise<void>;
}

export async function startFakes(options: { modelDelayMs?: number; trello?: FakeTrelloOptions } = {}) {
  const [site, openai, trello] = await Promise.all([
    startPageServer(),
    startFakeOpenAi(),
    startFakeTrello(options.trello),
  ]);
  setModelDelay(openai, options.modelDelayMs ?? 0);
  const fakes: Fakes = {
    site,
    openai,
    trello,
    // The current servers: a test may swap in a fresh model server.
    close: async () => {
      await Promise.all([fakes.site.close(), fakes.openai.close(), fakes.trello.close()]);
    },
  };
  return fakes;
}

/** Every model call answers a letter that passes the checks, after `delayMs`. */
export function setModelDelay(openai: FakeOpenAi, delayMs: number): void {
  openai.setDefault({ ...completionResponse(sampleLetter(postingTitle, postingCompany)), hangMs: delayMs });
}

let postingCounter = 0;

/** `count` new postings on the site (distinct paths and descriptions). */
export function addPostings(site: PageServer, count: number, prefix = "batch"): string[] {
  return Array.from({ length: count }, () => {
    const number = ++postingCounter;
    const pagePath = `/${prefix}/${number}`;
    site.page(
      pagePath,
      postingHtml({
        title: postingTitle,
        company: postingCompany,
        description: `<p>Team ${number} builds the data platform.</p><ul><li>TypeScript and Node.js</li><li>PostgreSQL</li></ul>`,
      }),
    );
    return site.url(pagePath);
  });
}

export function newWorkDirectory(): string {
  return mkdtempSync(path.join(tmpdir(), "jobpipe-reliability-"));
}

export function cliEnvironment(fakes: Fakes, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    JOBPIPE_FETCH_ALLOW: "127.0.0.1",
    OPENAI_API_KEY: openAiKey,
    OPENAI_BASE_URL: fakes.openai.baseUrl,
    OPENAI_MODEL: "gpt-4o-mini",
    TRELLO_API_KEY: fakes.trello.apiKey,
    TRELLO_TOKEN: fakes.trello.token,
    TRELLO_BOARD_ID: fakes.trello.boardId,
    TRELLO_LIST_ID: fakes.trello.listIds.Saved ?? "",
    TRELLO_BASE_URL: fakes.trello.baseUrl,
    LOG_LEVEL: "warn",
    ...overrides,
  };
}

export { type SpawnedCli, spawnCli } from "../../support/run-cli.js";

/** JSON Lines from stdout (lines that aren't JSON objects are ignored). */
export function jsonLines<T = Application>(text: string): T[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as T);
}

/** Every file under `directory`, recursively (absolute paths). */
export function filesUnder(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Files under data/documents that no application refers to, and temporary files left anywhere. */
export function strayFiles(
  cwd: string,
  applications: Application[],
): { unreferenced: string[]; temporary: string[] } {
  const referenced = new Set(
    applications.flatMap((application) => [application.files.docx, application.files.pdf]).filter(Boolean),
  );
  const documents = filesUnder(path.join(cwd, "data", "documents"));
  return {
    unreferenced: documents.filter((file) => !referenced.has(file)),
    temporary: filesUnder(path.join(cwd, "data")).filter((file) => file.endsWith(".tmp")),
  };
}
