/**
 * A batch through the local fakes, in-process: the built pipeline (../dist) and runBatch against a
 * job site, an OpenAI fake answering after `modelDelayMs`, and a Trello fake enforcing 100 requests
 * per 10 s per token. Reports wall time against the bound max(postings × model delay / concurrency,
 * the time Trello's limit allows for the requests made), peak RSS, and "nothing lost, nothing twice"
 * counts (applications, cards, model calls). Two runs: issue 7's 500 postings with a 500 ms model,
 * and issue 6's 300 postings (model answering at once, so Trello's limit is the bound).
 *
 * The fakes are the TypeScript ones under test/ loaded through Vite's SSR loader (no copy).
 * `benchBatch()` returns the figures; `node bench/batch.js` runs it alone. Needs a build.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const trelloWindow = { limit: 100, windowMs: 10_000 };

async function loadFakes() {
  const { createServer } = await import("vite");
  const vite = await createServer({
    root,
    configFile: false,
    logLevel: "silent",
    appType: "custom",
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  const load = (file) => vite.ssrLoadModule(path.join(root, file));
  const [openai, trello, site, letters] = await Promise.all([
    load("test/fakes/openai-server.ts"),
    load("test/fakes/trello-server.ts"),
    load("test/fakes/page-server.ts"),
    load("test/support/letter-text.ts"),
  ]);
  return { vite, openai, trello, site, letters };
}

async function loadDist(distDir) {
  const load = (file) => import(pathToFileURL(path.join(distDir, file)).href);
  const [main, config, batch, log] = await Promise.all([
    load("main.js"),
    load("config/index.js"),
    load("pipeline/batch.js"),
    load("log/index.js"),
  ]);
  return { ...main, ...config, ...batch, ...log };
}

async function runOnce(modules, fakes, { postings, modelDelayMs, concurrency }) {
  const title = "Platform Engineer";
  const company = "Acme Robotics";
  const [site, openai, trello] = await Promise.all([
    fakes.site.startPageServer(),
    fakes.openai.startFakeOpenAi(),
    fakes.trello.startFakeTrello({ rateLimit: trelloWindow }),
  ]);
  openai.setDefault({
    ...fakes.openai.completionResponse(fakes.letters.sampleLetter(title, company)),
    hangMs: modelDelayMs,
  });
  const urls = Array.from({ length: postings }, (_, index) => {
    const pagePath = `/bench/${index + 1}`;
    site.page(
      pagePath,
      fakes.site.postingHtml({
        title,
        company,
        description: `<p>Team ${index + 1} builds the data platform.</p><ul><li>TypeScript</li><li>PostgreSQL</li></ul>`,
      }),
    );
    return site.url(pagePath);
  });
  const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-bench-batch-"));
  const loaded = modules.loadConfig(
    {
      JOBPIPE_FETCH_ALLOW: "127.0.0.1",
      OPENAI_API_KEY: "sk-bench-batch",
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MODEL: "gpt-4o-mini",
      TRELLO_API_KEY: trello.apiKey,
      TRELLO_TOKEN: trello.token,
      TRELLO_BOARD_ID: trello.boardId,
      TRELLO_LIST_ID: trello.listIds.Saved,
      TRELLO_BASE_URL: trello.baseUrl,
    },
    { cwd },
  );
  if (!loaded.ok) throw new Error(`bench configuration is invalid: ${JSON.stringify(loaded.problems)}`);
  const services = await modules.createServices(loaded.config, { logger: modules.createSilentLogger() });

  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const report = await modules.runBatch(services.pipeline, urls, { concurrency });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const countRow = await services.store.database
    .selectFrom("applications")
    .select((expression) => expression.fn.countAll().as("count"))
    .executeTakeFirst();
  const cards = trello.cards();
  const cardUrls = new Set(
    cards.flatMap((card) => card.attachments.filter((item) => !item.isUpload).map((item) => item.url)),
  );
  const trelloRequests = trello.requests.length;
  const modelBound = (postings * modelDelayMs) / 1000 / concurrency;
  const trelloBound =
    (Math.max(0, Math.ceil(trelloRequests / trelloWindow.limit) - 1) * trelloWindow.windowMs) / 1000;
  const bound = Math.max(modelBound, trelloBound);
  const result = {
    postings,
    concurrency,
    modelDelayMs,
    seconds,
    boundSeconds: bound,
    modelBoundSeconds: modelBound,
    trelloBoundSeconds: trelloBound,
    overBoundPercent: ((seconds - bound) / bound) * 100,
    peakRssMb: peakRss / 1024 / 1024,
    /** RSS before the batch: Node, Vite's loader, the fakes and the services, already loaded. */
    baselineRssMb: baselineRss / 1024 / 1024,
    counts: report.counts,
    applications: Number(countRow?.count ?? 0),
    cards: cards.length,
    postingsWithACard: urls.filter((url) => cardUrls.has(url)).length,
    modelCalls: openai.chatRequests().length,
    trelloRequests,
    trello429s: trello.rateLimited(),
  };
  await services.close();
  await Promise.all([site.close(), openai.close(), trello.close()]);
  rmSync(cwd, { recursive: true, force: true });
  return result;
}

function describe(name, result) {
  const lostOrTwice =
    result.applications === result.postings &&
    result.cards === result.postings &&
    result.postingsWithACard === result.postings &&
    result.modelCalls === result.postings
      ? "nothing lost, nothing twice"
      : "MISMATCH";
  return [
    `${name}: ${result.postings} postings, concurrency ${result.concurrency}, model ${result.modelDelayMs} ms`,
    `  wall ${result.seconds.toFixed(1)} s vs bound ${result.boundSeconds.toFixed(1)} s (model ${result.modelBoundSeconds.toFixed(1)} s, Trello ${result.trelloBoundSeconds.toFixed(1)} s for ${result.trelloRequests} requests): ${result.overBoundPercent >= 0 ? "+" : ""}${result.overBoundPercent.toFixed(1)} %`,
    `  peak RSS ${result.peakRssMb.toFixed(0)} MB (${result.baselineRssMb.toFixed(0)} MB before the batch; the fakes run in this process and keep every upload in memory)`,
    `  statuses ${JSON.stringify(result.counts)}; applications ${result.applications}, cards ${result.cards} (${result.postingsWithACard} postings with a card), model calls ${result.modelCalls}, Trello 429s ${result.trello429s}: ${lostOrTwice}`,
  ].join("\n");
}

export async function benchBatch({
  postings = 500,
  modelDelayMs = 500,
  concurrency = 4,
  issue6Postings = 300,
  distDir,
  print = true,
} = {}) {
  const dist = distDir ?? process.env.JOBPIPE_DIST_DIR ?? path.join(root, "dist");
  const modules = await loadDist(dist);
  const fakes = await loadFakes();
  try {
    const batch = await runOnce(modules, fakes, { postings, modelDelayMs, concurrency });
    if (print) console.log(describe("batch (issue 7)", batch));
    let cards = null;
    if (issue6Postings > 0) {
      cards = await runOnce(modules, fakes, { postings: issue6Postings, modelDelayMs: 0, concurrency });
      if (print) console.log(describe("cards under Trello's limit (issue 6)", cards));
    }
    return { name: "batch", batch, cards };
  } finally {
    await fakes.vite.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 500);
  const issue6 = Number(process.argv[3] ?? 300);
  await benchBatch({ postings: count, issue6Postings: issue6 });
}
