/**
 * `jobpipe batch` end to end, through the built CLI, against the local fakes: JSON Lines and the
 * summary, refused lines reported but not fatal, re-running reuses everything, usage errors, stdin,
 * Ctrl-C (finish in flight, store the rest pending, sync finishes it) and a second Ctrl-C.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli as runCliInProcess } from "../../src/cli/main.js";
import type { Application } from "../../src/core/index.js";
import {
  addPostings,
  cliEnvironment,
  type Fakes,
  jsonLines,
  newWorkDirectory,
  setModelDelay,
  spawnCli,
  startFakes,
  strayFiles,
} from "../reliability/support/batch-fixtures.js";
import { waitFor } from "../support/wait-for.js";

let fakes: Fakes;

beforeAll(async () => {
  fakes = await startFakes();
});

afterAll(async () => {
  await fakes.close();
});

interface RefusedLine {
  url: string;
  line: number;
  status: "refused";
  error: { code: string; message: string };
}

function writeList(cwd: string, lines: string[]): string {
  writeFileSync(path.join(cwd, "postings.txt"), `${lines.join("\n")}\n`);
  return "postings.txt";
}

async function listApplications(cwd: string): Promise<Application[]> {
  const listed = spawnCli(["list", "--json"], { env: cliEnvironment(fakes), cwd });
  await listed.exited;
  return JSON.parse(listed.stdout()) as Application[];
}

describe("jobpipe batch", () => {
  it("runs every posting, reports refused lines, prints JSON Lines and a summary; a re-run repeats nothing", async () => {
    const urls = addPostings(fakes.site, 5);
    const cwd = newWorkDirectory();
    const cardsBefore = fakes.trello.cards().length;
    const callsBefore = fakes.openai.chatRequests().length;
    const file = writeList(cwd, [
      "# postings from the newsletter",
      "",
      ...urls,
      "   ",
      "file:///etc/passwd",
      `${urls[0]}?utm_source=newsletter`,
      "not a url",
    ]);

    const first = spawnCli(["batch", file, "--json"], { env: cliEnvironment(fakes), cwd });
    expect((await first.exited).code).toBe(2);
    const lines = jsonLines<Application | RefusedLine>(first.stdout());
    expect(lines).toHaveLength(8);
    const applications = lines.filter((line): line is Application => "steps" in line);
    const refused = lines.filter((line): line is RefusedLine => "error" in line);
    expect(refused.map((line) => [line.line, line.error.code]).sort()).toEqual([
      [11, "JOBPIPE_ERR_INVALID_URL"],
      [9, "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ]);
    expect(applications).toHaveLength(6);
    expect(applications.every((application) => application.status === "success")).toBe(true);
    // The tracking-parameter copy of the first posting reuses its application.
    expect(new Set(applications.map((application) => application.id)).size).toBe(5);
    expect(first.stderr()).toContain("Batch: 8 postings: 6 success, 2 refused.");
    expect(fakes.trello.cards().length - cardsBefore).toBe(5);
    expect(fakes.openai.chatRequests().length - callsBefore).toBe(5);
    const stored = await listApplications(cwd);
    expect(stored).toHaveLength(5);
    const documentsAfterFirst = strayFiles(cwd, stored);
    expect(documentsAfterFirst).toEqual({ unreferenced: [], temporary: [] });

    const again = spawnCli(["batch", file], { env: cliEnvironment(fakes), cwd });
    expect((await again.exited).code).toBe(2);
    expect(again.stdout()).toContain("Batch: 8 postings: 6 success, 2 refused.");
    expect(again.stdout()).toMatch(/line 9: file:\/\/\/etc\/passwd refused: JOBPIPE_ERR_UNSUPPORTED_SCHEME/);
    expect(fakes.trello.cards().length - cardsBefore).toBe(5);
    expect(fakes.openai.chatRequests().length - callsBefore).toBe(5);
    const afterRerun = await listApplications(cwd);
    expect(afterRerun.map((application) => application.id).sort()).toEqual(
      stored.map((application) => application.id).sort(),
    );
    expect(afterRerun.map((application) => application.files)).toEqual(
      afterRerun.map((application) => stored.find((item) => item.id === application.id)?.files),
    );
  });

  it("exits 0 when every posting succeeds, reading the list from standard input", async () => {
    const urls = addPostings(fakes.site, 3);
    const cwd = newWorkDirectory();
    const run = spawnCli(["batch", "-", "--concurrency", "2"], {
      env: cliEnvironment(fakes),
      cwd,
      input: `${urls.join("\n")}\n`,
    });
    expect((await run.exited).code).toBe(0);
    expect(
      run
        .stdout()
        .split("\n")
        .filter((line) => line.includes("success")),
    ).toHaveLength(4);
    expect(run.stdout()).toContain("Batch: 3 postings: 3 success.");
    expect(run.stderr()).not.toContain("\u001b["); // no progress bar when stderr isn't a terminal
  });

  it("an empty list (only comments) does nothing and exits 0", async () => {
    const cwd = newWorkDirectory();
    const run = spawnCli(["batch", writeList(cwd, ["# nothing yet", ""])], {
      env: cliEnvironment(fakes),
      cwd,
    });
    expect((await run.exited).code).toBe(0);
    expect(run.stderr()).toContain("No posting URLs in postings.txt");
  });

  it.each([
    [["batch", "missing.txt"], /Cannot read the list of postings .*missing\.txt: it does not exist/],
    [["batch", "postings.txt", "--concurrency", "0"], /--concurrency.*1 to 32/],
    [["batch", "postings.txt", "--concurrency", "abc"], /--concurrency.*1 to 32/],
    [["batch", "postings.txt", "--concurrency", "2.5"], /--concurrency.*1 to 32/],
    [["batch", "postings.txt", "--concurrency", "1000"], /--concurrency.*1 to 32/],
    [["batch"], /missing required argument 'file'/],
    [["batch", "postings.txt", "--parallel", "3"], /unknown option '--parallel'/],
  ])("usage error %j exits 64 and files nothing", async (args, message) => {
    const cwd = newWorkDirectory();
    writeList(cwd, addPostings(fakes.site, 1));
    const cardsBefore = fakes.trello.cards().length;
    const errors: string[] = [];
    const output = {
      print: () => undefined,
      json: () => undefined,
      error: (text: string) => errors.push(text),
    };
    const code = await runCliInProcess(["node", "jobpipe", ...args], {
      env: cliEnvironment(fakes),
      cwd,
      output,
    });
    expect(code).toBe(64);
    expect(errors.join("\n")).toMatch(message);
    expect(fakes.trello.cards().length).toBe(cardsBefore);
  });

  it("Ctrl-C finishes what is in flight, stores the rest as pending, says how to resume; sync finishes it", async () => {
    setModelDelay(fakes.openai, 400);
    try {
      const urls = addPostings(fakes.site, 12);
      const cwd = newWorkDirectory();
      const file = writeList(cwd, urls);
      const cardsBefore = fakes.trello.cards().length;
      const run = spawnCli(["batch", file, "--json", "--concurrency", "2"], {
        env: cliEnvironment(fakes),
        cwd,
      });
      await waitFor(() => jsonLines(run.stdout()).length >= 1, 20_000);
      run.child.kill("SIGINT");
      const exit = await run.exited;
      expect(exit.code).toBe(2);
      expect(run.stderr()).toContain(`run \`jobpipe batch ${file}\` again or \`jobpipe sync\``);
      const printed = jsonLines(run.stdout());
      expect(printed).toHaveLength(12);
      const pending = printed.filter((application) =>
        Object.values(application.steps).every((step) => step.status === "pending"),
      );
      expect(pending.length).toBeGreaterThan(0);
      expect(run.stderr()).toMatch(new RegExp(`Interrupted: ${pending.length} postings saved as pending`));
      expect(await listApplications(cwd)).toHaveLength(12);

      const synced = spawnCli(["sync", "--json"], { env: cliEnvironment(fakes), cwd });
      expect((await synced.exited).code).toBe(0);
      const all = await listApplications(cwd);
      expect(all.map((application) => application.status)).toEqual(Array(12).fill("success"));
      expect(fakes.trello.cards().length - cardsBefore).toBe(12);
    } finally {
      setModelDelay(fakes.openai, 0);
    }
  });

  it("a second Ctrl-C exits at once with 130", async () => {
    setModelDelay(fakes.openai, 5_000);
    try {
      const urls = addPostings(fakes.site, 4);
      const cwd = newWorkDirectory();
      const run = spawnCli(["batch", writeList(cwd, urls), "--concurrency", "1"], {
        env: cliEnvironment(fakes),
        cwd,
      });
      const firstPath = new URL(urls[0] ?? "").pathname;
      await waitFor(() => fakes.site.hits(firstPath) > 0, 20_000);
      run.child.kill("SIGINT");
      await waitFor(() => run.stderr().includes("Stopping"), 10_000);
      run.child.kill("SIGINT");
      expect((await run.exited).code).toBe(130);
      expect(run.stderr()).toContain("Stopped at once");
    } finally {
      setModelDelay(fakes.openai, 0);
    }
  });
});
