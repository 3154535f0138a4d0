/**
 * A batch through the local fakes: the built pipeline (../dist) and runBatch against a job site, an
 * OpenAI fake answering after `modelDelayMs`, and a Trello fake enforcing 100 requests per 10 s per
 * token. Reports wall time against the bound max(postings × model delay / concurrency, the time
 * Trello's limit allows for the requests made), peak RSS, and "nothing lost, nothing twice" counts
 * (applications, cards, model calls). Two runs: issue 7's 500 postings with a 500 ms model, and
 * issue 6's 300 postings (model answering at once, so Trello's limit is the bound).
 *
 * jobpipe runs in this process; the fakes run in a child (bench/batch-fakes.js, driven over IPC), so
 * this process's RSS, sampled every 100 ms during the batch, is jobpipe's own. The fakes' peak RSS
 * is reported beside it. Memory is also sampled when 20 %, 50 % and 100 % of the postings are
 * settled (100 / 250 / 500 for 500), after a full GC when Node runs with --expose-gc, to show
 * whether jobpipe's memory grows with the batch.
 *
 * `benchBatch()` returns the figures; `node --expose-gc bench/batch.js` runs it alone. Needs a build.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const trelloWindow = { limit: 100, windowMs: 10_000 };
const checkpointFractions = [0.2, 0.5, 1];
const megabyte = 1024 * 1024;

/** Starts bench/batch-fakes.js and returns `call(type, arguments)` for its IPC requests. */
async function startFakesProcess() {
  const child = fork(path.join(here, "batch-fakes.js"), [], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map();
  let nextId = 1;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`the bench fakes process exited (code ${code}) before it was ready`)),
    );
    child.on("message", function onReady(message) {
      if (message?.type !== "ready") return;
      child.off("message", onReady);
      resolve();
    });
  });
  child.on("message", (message) => {
    const waiter = pending.get(message?.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(`bench fakes: ${message.error}`));
  });
  child.once("exit", (code) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`the bench fakes process exited (code ${code})`));
    pending.clear();
  });
  const call = (type, argumentsObject = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...argumentsObject, id, type });
    });
  const close = async () => {
    if (child.exitCode === null) child.send({ type: "exit" });
    await exited;
  };
  return { call, close };
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

/** RSS and heap now, after a full GC when Node exposes one (`--expose-gc`). */
function memorySample(settled) {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return {
    settled,
    rssMb: usage.rss / megabyte,
    heapUsedMb: usage.heapUsed / megabyte,
    externalMb: usage.external / megabyte,
  };
}

async function runOnce(modules, fakes, { postings, modelDelayMs, concurrency }) {
  const title = "Platform Engineer";
  const company = "Acme Robotics";
  const started = await fakes.call("start", {
    postings,
    modelDelayMs,
    rateLimit: trelloWindow,
    title,
    company,
  });
  const urls = started.urls;
  const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-bench-batch-"));
  const loaded = modules.loadConfig(
    {
      JOBPIPE_FETCH_ALLOW: "127.0.0.1",
      OPENAI_API_KEY: "sk-bench-batch",
      OPENAI_BASE_URL: started.openaiBaseUrl,
      OPENAI_MODEL: "gpt-4o-mini",
      TRELLO_API_KEY: started.trello.apiKey,
      TRELLO_TOKEN: started.trello.token,
      TRELLO_BOARD_ID: started.trello.boardId,
      TRELLO_LIST_ID: started.trello.listId,
      TRELLO_BASE_URL: started.trello.baseUrl,
    },
    { cwd },
  );
  if (!loaded.ok) throw new Error(`bench configuration is invalid: ${JSON.stringify(loaded.problems)}`);
  const services = await modules.createServices(loaded.config, { logger: modules.createSilentLogger() });

  const baseline = memorySample(0);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const checkpoints = new Set(
    checkpointFractions.map((fraction) => Math.max(1, Math.round(postings * fraction))),
  );
  const growth = [];
  const startedAt = performance.now();
  const report = await modules.runBatch(services.pipeline, urls, {
    concurrency,
    keepResults: "unsuccessful", // as `jobpipe batch` runs it
    onProgress: (progress) => {
      if (checkpoints.has(progress.settled)) growth.push(memorySample(progress.settled));
    },
  });
  const seconds = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const countRow = await services.store.database
    .selectFrom("applications")
    .select((expression) => expression.fn.countAll().as("count"))
    .executeTakeFirst();
  const fakeCounts = await fakes.call("counts", { urls });
  await services.close();
  const fakesMemory = await fakes.call("stop");
  rmSync(cwd, { recursive: true, force: true });

  const modelBound = (postings * modelDelayMs) / 1000 / concurrency;
  const trelloBound =
    (Math.max(0, Math.ceil(fakeCounts.trelloRequests / trelloWindow.limit) - 1) * trelloWindow.windowMs) /
    1000;
  const bound = Math.max(modelBound, trelloBound);
  return {
    postings,
    concurrency,
    modelDelayMs,
    seconds,
    boundSeconds: bound,
    modelBoundSeconds: modelBound,
    trelloBoundSeconds: trelloBound,
    overBoundPercent: ((seconds - bound) / bound) * 100,
    /** jobpipe's process (this one): peak RSS during the batch, sampled every 100 ms. */
    peakRssMb: peakRss / megabyte,
    /** This process before the batch: Node, the built jobpipe modules and the services. */
    baseline,
    /** Memory when 20 %, 50 % and 100 % of the postings were settled (after a GC with --expose-gc). */
    growth,
    /** Heap growth per settled posting between the first and the last sample, in KB. */
    heapGrowthPerPostingKb: growthPerPosting(growth),
    gcExposed: typeof globalThis.gc === "function",
    /** The fakes' process: peak RSS during the run (it keeps every upload and request in memory). */
    fakesPeakRssMb: fakesMemory.peakRss / megabyte,
    counts: report.counts,
    applications: Number(countRow?.count ?? 0),
    ...fakeCounts,
  };
}

function growthPerPosting(samples) {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.settled === first.settled) return 0;
  return ((last.heapUsedMb - first.heapUsedMb) * 1024) / (last.settled - first.settled);
}

function describe(name, result) {
  const lostOrTwice =
    result.applications === result.postings &&
    result.cards === result.postings &&
    result.postingsWithACard === result.postings &&
    result.modelCalls === result.postings
      ? "nothing lost, nothing twice"
      : "MISMATCH";
  const mb = (value) => `${value.toFixed(0)} MB`;
  const growth = result.growth
    .map((sample) => `${sample.settled}: RSS ${mb(sample.rssMb)}, heap ${sample.heapUsedMb.toFixed(1)} MB`)
    .join("; ");
  const perPosting = `${result.heapGrowthPerPostingKb.toFixed(1)} KB of heap per posting`;
  return [
    `${name}: ${result.postings} postings, concurrency ${result.concurrency}, model ${result.modelDelayMs} ms`,
    `  wall ${result.seconds.toFixed(1)} s vs bound ${result.boundSeconds.toFixed(1)} s (model ${result.modelBoundSeconds.toFixed(1)} s, Trello ${result.trelloBoundSeconds.toFixed(1)} s for ${result.trelloRequests} requests): ${result.overBoundPercent >= 0 ? "+" : ""}${result.overBoundPercent.toFixed(1)} %`,
    `  jobpipe process peak RSS ${mb(result.peakRssMb)} (before the batch: RSS ${mb(result.baseline.rssMb)}, heap ${result.baseline.heapUsedMb.toFixed(1)} MB); fakes process peak RSS ${mb(result.fakesPeakRssMb)}`,
    `  jobpipe memory by postings settled${result.gcExposed ? " (after a full GC)" : " (no --expose-gc: heap includes garbage)"}: ${growth} (${perPosting})`,
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
  const fakes = await startFakesProcess();
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
    await fakes.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 500);
  const issue6 = Number(process.argv[3] ?? 300);
  await benchBatch({ postings: count, issue6Postings: issue6 });
}
