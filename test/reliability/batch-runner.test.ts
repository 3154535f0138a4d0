/**
 * runBatch in-process: the bounds it keeps (measured at a site that counts concurrent requests),
 * the same posting never worked on twice at once, refused URLs reported, abort storing the rest.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/pipeline/batch.js";
import { postingHtml } from "../fakes/page-server.js";
import {
  addPostings,
  type Fakes,
  postingCompany,
  postingTitle,
  startFakes,
} from "./support/batch-fixtures.js";
import { createTestServices, type TestServices } from "./support/in-process.js";

let fakes: Fakes;
let slowSite: Server;
let slowOrigin: string;
let inFlight = 0;
let maxInFlight = 0;
const open: TestServices[] = [];

beforeAll(async () => {
  fakes = await startFakes();
  // Answers every posting after 100 ms and records the most requests it had in flight at once.
  slowSite = createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      const number = (request.url ?? "").split("/").pop();
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(
        postingHtml({
          title: postingTitle,
          company: postingCompany,
          description: `<p>Team ${number} builds robots.</p>`,
        }),
      );
    }, 100);
  });
  await new Promise<void>((resolve) => slowSite.listen(0, "127.0.0.1", resolve));
  slowOrigin = `http://127.0.0.1:${(slowSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  slowSite.closeAllConnections();
  await new Promise((resolve) => slowSite.close(resolve));
  await fakes.close();
});

afterEach(async () => {
  maxInFlight = 0;
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function wired(): Promise<TestServices> {
  const created = await createTestServices(fakes, {
    TRELLO_API_KEY: "",
    TRELLO_TOKEN: "",
    TRELLO_BOARD_ID: "",
    TRELLO_LIST_ID: "",
    TRELLO_BASE_URL: "",
  });
  open.push(created);
  return created;
}

let counter = 0;
const slowPostings = (count: number) =>
  Array.from({ length: count }, () => `${slowOrigin}/jobs/${++counter}`);

describe("runBatch", () => {
  it("keeps at most perHostConcurrency requests on one site", async () => {
    const { services } = await wired();
    const report = await runBatch(services.pipeline, slowPostings(8), {
      concurrency: 4,
      perHostConcurrency: 2,
    });
    expect(report.counts.success).toBe(8);
    expect(maxInFlight).toBe(2);
  });

  it("keeps at most `concurrency` postings in flight", async () => {
    const { services } = await wired();
    const report = await runBatch(services.pipeline, slowPostings(9), {
      concurrency: 3,
      perHostConcurrency: 10,
    });
    expect(report.counts.success).toBe(9);
    expect(maxInFlight).toBe(3);
  });

  it("works on one posting once even when it is listed twice (with tracking parameters)", async () => {
    const { services } = await wired();
    const [url] = addPostings(fakes.site, 1, "runner");
    const pagePath = new URL(url ?? "").pathname;
    const report = await runBatch(services.pipeline, [url ?? "", `${url}?utm_source=feed`, url ?? ""], {
      concurrency: 4,
      perHostConcurrency: 4,
    });
    expect(report.results.map((result) => result.application?.id)).toEqual(
      Array(3).fill(report.results[0]?.application?.id),
    );
    expect(report.results.map((result) => result.reused)).toEqual([false, true, true]);
    expect(fakes.site.hits(pagePath)).toBe(1);
  });

  it("reports refused URLs in place and goes on", async () => {
    const { services } = await wired();
    const [url] = addPostings(fakes.site, 1, "runner");
    const report = await runBatch(services.pipeline, ["ftp://x.example/1", url ?? "", "http://10.0.0.1/"]);
    expect(report.results.map((result) => [result.status, result.error?.code ?? null])).toEqual([
      ["refused", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
      ["success", null],
      ["refused", "JOBPIPE_ERR_PRIVATE_ADDRESS"],
    ]);
  });

  it("keeps only the unsuccessful results when asked, while counting every one", async () => {
    const { services } = await wired();
    const urls = [...slowPostings(3), "ftp://x.example/2"];
    const seen: string[] = [];
    const report = await runBatch(services.pipeline, urls, {
      keepResults: "unsuccessful",
      onProgress: (progress) => seen.push(progress.result.status),
    });
    expect(report.counts).toMatchObject({ success: 3, refused: 1 });
    expect(seen.sort()).toEqual(["refused", "success", "success", "success"]);
    expect(report.results.map((result) => [result.index, result.status])).toEqual([[3, "refused"]]);
  });

  it("on abort finishes what is in flight and stores the rest as pending", async () => {
    const { services } = await wired();
    const controller = new AbortController();
    const urls = slowPostings(10);
    const report = await runBatch(services.pipeline, urls, {
      concurrency: 2,
      perHostConcurrency: 2,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.settled === 1) controller.abort();
      },
    });
    expect(report.interrupted).toBe(true);
    expect(report.results).toHaveLength(10);
    expect(report.counts.success).toBe(2);
    expect(report.counts.pending).toBe(8);
    const unfinished = await services.store.applications.listUnfinished();
    expect(unfinished).toHaveLength(8);
    const synced = await services.pipeline.sync();
    expect(synced.applications.map((application) => application.status)).toEqual(Array(8).fill("success"));
  });

  it("submit({ defer: true }) of a known, unfinished posting only stores it (runs nothing)", async () => {
    const { services } = await wired();
    const [url] = slowPostings(1);
    await services.pipeline.submit({ url: url ?? "", defer: true });
    const again = await services.pipeline.submit({ url: url ?? "", defer: true });
    expect(again.application.steps.fetch.status).toBe("pending");
  });
});
