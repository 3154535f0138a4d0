/**
 * The pipeline in-process, wired by createServices exactly as the CLI wires it, against a real
 * SQLite file and local fakes. Waits between retries are recorded instead of slept.
 */
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import type { Sleep } from "../../src/core/index.js";
import { createSilentLogger } from "../../src/log/index.js";
import { createServices, type Services } from "../../src/main.js";
import { completionResponse, type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type PageServer, postingHtml, startPageServer } from "../fakes/page-server.js";
import { sampleLetter } from "../support/letter-text.js";

let site: PageServer;
let openai: FakeOpenAi;
let services: Services;
let waits: number[];
let pageCounter = 0;

beforeAll(async () => {
  site = await startPageServer();
});

afterAll(async () => {
  await site.close();
});

beforeEach(async () => {
  openai = await startFakeOpenAi();
  const result = loadConfig(
    { JOBPIPE_FETCH_ALLOW: "127.0.0.1", OPENAI_API_KEY: "sk-pipeline-test", OPENAI_BASE_URL: openai.baseUrl },
    { cwd: mkdtempSync(path.join(tmpdir(), "jobpipe-pipeline-")) },
  );
  if (!result.ok) throw new Error("test configuration is invalid");
  waits = [];
  const sleep: Sleep = async (ms) => {
    waits.push(ms);
  };
  services = await createServices(result.config, { logger: createSilentLogger(), sleep });
});

afterEach(async () => {
  await services.close();
  await openai.close();
});

function posting(title: string, company: string): string {
  const pagePath = `/pipeline/${++pageCounter}`;
  site.page(pagePath, postingHtml({ title, company }));
  return site.url(pagePath);
}

describe("letter cache", () => {
  it("reuses the stored letter for the same job content without a second model call", async () => {
    const letter = sampleLetter("Platform Engineer", "Acme Robotics");
    openai.enqueue(completionResponse(letter));
    const first = await services.pipeline.submit({ url: posting("Platform Engineer", "Acme Robotics") });
    // The same posting published at another address (a job board mirroring the company's page).
    const second = await services.pipeline.submit({ url: posting("Platform Engineer", "Acme Robotics") });
    expect(second.application.id).not.toBe(first.application.id);
    expect(openai.chatRequests()).toHaveLength(1);
    expect(second.application.letter?.text).toBe(letter);
    expect(second.application.status).toBe("success");
  });

  it("asks the model again for a different job", async () => {
    openai.enqueue(
      completionResponse(sampleLetter("Platform Engineer", "Acme Robotics")),
      completionResponse(sampleLetter("Data Engineer", "Beta Foods")),
    );
    await services.pipeline.submit({ url: posting("Platform Engineer", "Acme Robotics") });
    await services.pipeline.submit({ url: posting("Data Engineer", "Beta Foods") });
    expect(openai.chatRequests()).toHaveLength(2);
  });
});

describe("retry schedule through the wired services", () => {
  it("waits exactly 1 s, 2 s and 4 s between the four calls of a failing model", async () => {
    openai.enqueue(
      ...Array.from({ length: 4 }, () => ({ status: 503, body: { error: { message: "busy" } } })),
    );
    const { application } = await services.pipeline.submit({ url: posting("SRE", "Delta Air") });
    expect(openai.chatRequests()).toHaveLength(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(application.steps.letter).toMatchObject({ status: "failed", attempts: 4 });
  });
});

describe("deferred applications and leases", () => {
  it("stores a deferred posting with every step pending, and sync finishes it", async () => {
    openai.enqueue(completionResponse(sampleLetter("Designer", "Kappa Studio")));
    const url = posting("Designer", "Kappa Studio");
    const { application } = await services.pipeline.submit({ url, defer: true });
    expect(Object.values(application.steps).map((step) => step.status)).toEqual(Array(6).fill("pending"));
    expect(site.hits(new URL(url).pathname)).toBe(0);
    const report = await services.pipeline.sync();
    expect(report.applications.map((item) => [item.id, item.status])).toEqual([[application.id, "success"]]);
  });

  it("leaves an application alone while another live process holds its lease, then takes an expired one", async () => {
    openai.enqueue(completionResponse(sampleLetter("Analyst", "Mu Retail")));
    const url = posting("Analyst", "Mu Retail");
    const { application } = await services.pipeline.submit({ url, defer: true });
    const future = new Date(Date.now() + 60_000).toISOString();
    await services.store.applications.update(application.id, {
      lease_owner: "another-host:4242:abcd",
      lease_expires_at: future,
    });
    const untouched = await services.pipeline.resume(application.id);
    expect(untouched.steps.fetch.status).toBe("pending");
    expect(site.hits(new URL(url).pathname)).toBe(0);

    await services.store.applications.update(application.id, {
      lease_expires_at: "2000-01-01T00:00:00.000Z",
    });
    const finished = await services.pipeline.resume(application.id);
    expect(finished.status).toBe("success");
    const row = await services.store.applications.findById(application.id);
    expect(row?.lease_owner).toBeNull();
  });

  it("takes over a lease whose holder on this machine no longer exists (kill -9)", async () => {
    openai.enqueue(completionResponse(sampleLetter("Writer", "Nu Press")));
    const { application } = await services.pipeline.submit({
      url: posting("Writer", "Nu Press"),
      defer: true,
    });
    await services.store.applications.update(application.id, {
      lease_owner: `${hostname()}:2147483646:dead`,
      lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect((await services.pipeline.resume(application.id)).status).toBe("success");
  });
});

describe("profiles", () => {
  it("records the profile a letter was written from by its content hash", async () => {
    const corpus = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");
    const profilePath = path.join(corpus, "resumes/thomasdavis/resume.json");
    const result = loadConfig(
      { JOBPIPE_FETCH_ALLOW: "127.0.0.1", JOBPIPE_PROFILE: profilePath },
      { cwd: mkdtempSync(path.join(tmpdir(), "jobpipe-profile-")) },
    );
    if (!result.ok) throw new Error("test configuration is invalid");
    const offline = await createServices(result.config, { logger: createSilentLogger() });
    try {
      const { application } = await offline.pipeline.submit({
        url: posting("Frontend Engineer", "Omicron Pay"),
      });
      expect(application.letter?.provider).toBe("offline");
      const letter = await offline.store.letters.latest(application.id);
      expect(letter?.profile_hash).toMatch(/^[0-9a-f]{64}$/);
      const stored = await offline.store.profiles.find(letter?.profile_hash ?? "");
      expect(stored?.name).toBe("Thomas Davis");
    } finally {
      await offline.close();
    }
  });
});
