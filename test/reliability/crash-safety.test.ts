/**
 * Crash safety: `jobpipe batch` killed with SIGKILL mid-flight (twice, at different moments), then
 * the same command again. Each posting must end stored exactly once, with one card on the board,
 * every step ok, no document file nobody refers to and no temporary file left behind.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../../src/core/index.js";
import { waitFor } from "../support/wait-for.js";
import {
  addPostings,
  cliEnvironment,
  type Fakes,
  jsonLines,
  newWorkDirectory,
  spawnCli,
  startFakes,
  strayFiles,
} from "./support/batch-fixtures.js";

let fakes: Fakes;

beforeAll(async () => {
  fakes = await startFakes({ modelDelayMs: 300 });
});

afterAll(async () => {
  await fakes.close();
});

describe("kill -9 during a batch", () => {
  it("the same command again ends with each posting once, one card each, every step ok, no stray files", async () => {
    const urls = addPostings(fakes.site, 20, "crash");
    const cwd = newWorkDirectory();
    writeFileSync(path.join(cwd, "postings.txt"), `${urls.join("\n")}\n`);
    const env = cliEnvironment(fakes);
    const args = ["batch", "postings.txt", "--json"];

    // First kill: while the first letters are being written (model calls in flight).
    const first = spawnCli(args, { env, cwd });
    await waitFor(() => fakes.openai.chatRequests().length >= 3, 20_000);
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    // Second kill: later, once some postings have finished in the second run.
    const second = spawnCli(args, { env, cwd });
    await waitFor(() => jsonLines(second.stdout()).length >= 6, 30_000);
    second.child.kill("SIGKILL");
    expect((await second.exited).signal).toBe("SIGKILL");

    const last = spawnCli(args, { env, cwd });
    expect((await last.exited).code).toBe(0);
    expect(last.stderr()).toContain("Batch: 20 postings: 20 success.");

    const listed = spawnCli(["list", "--json"], { env, cwd });
    await listed.exited;
    const applications = JSON.parse(listed.stdout()) as Application[];
    expect(applications.map((application) => application.url).sort()).toEqual([...urls].sort());
    for (const application of applications) {
      expect(application.status, application.url).toBe("success");
      expect(Object.values(application.steps).map((step) => step.status)).toEqual(Array(6).fill("ok"));
    }

    const cards = fakes.trello.cards();
    for (const url of urls) {
      expect(
        cards.filter((card) => card.attachments.some((attachment) => attachment.url === url)),
        url,
      ).toHaveLength(1);
    }
    expect(cards).toHaveLength(20);
    for (const card of cards) {
      const uploads = card.attachments.filter((attachment) => attachment.isUpload);
      expect(uploads.map((attachment) => attachment.name).sort()).toEqual([
        "Acme_Robotics_Platform_Engineer_Cover_Letter.docx",
        "Acme_Robotics_Platform_Engineer_Cover_Letter.pdf",
      ]);
    }
    expect(new Set(applications.map((application) => application.tracker?.cardId)).size).toBe(20);
    expect(strayFiles(cwd, applications)).toEqual({ unreferenced: [], temporary: [] });
  });
});
