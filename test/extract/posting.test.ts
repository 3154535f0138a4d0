import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageFetcher } from "../../src/fetch/page-fetcher.js";
import { extractPosting, fetchPosting, postingFromUserInput } from "../../src/pipeline/posting.js";
import { type PageServer, startPageServer } from "../fetch/page-server.js";

const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");
const leverList = fs.readFileSync(
  path.join(corpusDir, "ats-api", "michaeldinhmai-job-agent", "lever.json"),
  "utf8",
);
const logger = pino({ level: "silent" });
const postingId = "7d6cc0b4-a5f9-4f02-8542-7fc1eb5749e2";
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer({
    [`/lever/v0/postings/jumpcloud/${postingId}`]: (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(leverList),
    [`/lever/v0/postings/down/${postingId}`]: (_request, response) => response.writeHead(404).end("{}"),
    [`/down/${postingId}`]: (_request, response) =>
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<html><head><title>Down Inc - Backup Role</title></head><body><h1>Backup Role</h1></body></html>`,
        ),
    "/page": (_request, response) =>
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<html><head><title>Fallback Job - Down Inc</title></head><body><h1>Fallback Job</h1><p>From the page.</p></body></html>`,
        ),
    "/not-a-job": (_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html><body></body></html>"),
  });
});

afterAll(async () => {
  await server.close();
});

const fetcher = () =>
  createPageFetcher({
    allow: ["127.0.0.1"],
    timeoutMs: 5000,
    userAgent: "jobpipe-test",
    logger,
    retryDelaysMs: [],
    sleep: async () => {},
    // Every host name resolves to the local server.
    lookup: async () => [{ address: "127.0.0.1", family: 4 }],
  });

describe("fetchPosting / extractPosting", () => {
  it("uses the ATS API when the URL belongs to one", async () => {
    const posting = await fetchPosting(`https://jobs.lever.co/jumpcloud/${postingId}`, {
      fetcher: fetcher(),
      atsBaseUrls: { lever: server.url("/lever") },
      logger,
    });
    expect(posting.kind).toBe("ats");
    expect(posting.source).toBe("lever");
    const job = extractPosting(posting);
    expect(job.title).toBe("Account Executive, North America SMB - India");
    expect(job.url).toBe(`https://jobs.lever.co/jumpcloud/${postingId}`);
  });

  it("falls back to the HTML page when the ATS API fails", async () => {
    const port = new URL(server.url("/")).port;
    const leverUrl = `http://jobs.lever.co:${port}/down/${postingId}`;
    const fallback = await fetchPosting(leverUrl, {
      fetcher: fetcher(),
      atsBaseUrls: { lever: server.url("/lever") },
      logger,
    });
    expect(server.hits(`/lever/v0/postings/down/${postingId}`)).toBe(1);
    expect(fallback.kind).toBe("html");
    expect(extractPosting(fallback)).toMatchObject({ title: "Backup Role", source: "html", url: leverUrl });
  });

  it("reads a plain page", async () => {
    const posting = await fetchPosting(server.url("/page"), { fetcher: fetcher(), logger });
    expect(posting.kind).toBe("html");
    expect(extractPosting(posting)).toMatchObject({ title: "Fallback Job", source: "html" });
  });

  it("refuses pages with no job on them", async () => {
    const posting = await fetchPosting(server.url("/not-a-job"), { fetcher: fetcher(), logger });
    expect(() => extractPosting(posting)).toThrowError(
      expect.objectContaining({ code: "JOBPIPE_ERR_NOT_A_JOB_PAGE" }),
    );
  });

  it("reads user-supplied HTML and text", () => {
    const fromHtml = extractPosting(
      postingFromUserInput(
        "https://x.example/1",
        '<script type="application/ld+json">{"@type":"JobPosting","title":"Chef"}</script>',
        "html",
      ),
    );
    expect(fromHtml).toMatchObject({ title: "Chef", source: "json-ld", url: "https://x.example/1" });
    const fromText = extractPosting(
      postingFromUserInput(
        "https://x.example/2",
        "\nSous Chef at Bistro Nine\nLocation: Lyon\n\nCook well.\n• Knives\n• Sauces",
        "text",
      ),
    );
    expect(fromText).toMatchObject({
      title: "Sous Chef",
      company: "Bistro Nine",
      location: "Lyon",
      source: "text",
    });
    expect(fromText.description).toContain("- Knives\n- Sauces");
  });
});
