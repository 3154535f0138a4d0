/**
 * extractJob throughput over the real corpus pages: pages per second on one core, the median of
 * several runs, and the same pages through jsdom + @mozilla/readability (the usual way to read an
 * article out of HTML) for comparison. `benchExtract()` returns the figures and prints them;
 * `node bench/extract.js` runs it alone (`--no-readability` skips the comparison). Needs a build.
 *
 * Figures are given in wall time and in CPU time (process.cpuUsage). On a machine other processes
 * load, wall time counts the time they held the core, so CPU time is the fairer figure; it counts
 * V8's helper threads too (run with `node --single-threaded-gc` to keep all work on one core). The
 * HTML parse alone (cheerio, which extractJob starts with) is timed too: the ceiling on this machine
 * right now, to read the other figures against. The 1-minute load average is printed alongside.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function loadPages(corpusDir) {
  const pagesDir = path.join(corpusDir, "pages");
  const pages = [];
  for (const site of fs.readdirSync(pagesDir).sort()) {
    const siteDir = path.join(pagesDir, site);
    if (!fs.statSync(siteDir).isDirectory()) continue;
    for (const file of fs.readdirSync(siteDir).sort()) {
      if (/\.html?$/i.test(file))
        pages.push({
          html: fs.readFileSync(path.join(siteDir, file), "utf8"),
          url: `https://${site}.example/${file}`,
        });
    }
  }
  return pages;
}

/**
 * Time the JavaScript thread spent on a CPU and waiting for one, in seconds, from Linux's
 * /proc/<pid>/task/<pid>/schedstat; null elsewhere.
 */
function mainThreadTimes() {
  try {
    const [running, waiting] = fs
      .readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8")
      .split(" ")
      .map(Number);
    return Number.isFinite(running) && Number.isFinite(waiting)
      ? { running: running / 1e9, waiting: waiting / 1e9 }
      : null;
  } catch {
    return null;
  }
}

/** Median pages/s of `run(page)` over `pages`, after a warm-up pass over `warmUp` pages. */
function medianRate(pages, runs, run, warmUp = pages.length) {
  for (const page of pages.slice(0, warmUp)) run(page);
  const rates = [];
  const cpuRates = [];
  const threadRates = [];
  const waitShares = [];
  for (let index = 0; index < runs; index++) {
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    const threadStarted = mainThreadTimes();
    for (const page of pages) run(page);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStarted);
    const thread = mainThreadTimes();
    rates.push(pages.length / seconds);
    cpuRates.push(pages.length / ((cpu.user + cpu.system) / 1e6));
    if (thread && threadStarted) {
      threadRates.push(pages.length / (thread.running - threadStarted.running));
      waitShares.push((thread.waiting - threadStarted.waiting) / seconds);
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? null;
  // On a busy machine wall time counts the time other processes held the core; process CPU time
  // counts V8's helper threads (GC, compiler) too. The JavaScript thread's own CPU time is the
  // "one core" figure; how long it waited for a CPU says how busy the machine was.
  return {
    wall: median(rates) ?? 0,
    cpu: median(cpuRates) ?? 0,
    thread: median(threadRates),
    waitShare: median(waitShares),
  };
}

/** jsdom + Readability pages/s, or null when the devDependencies are not installed. */
async function readabilityRate(pages, runs) {
  let JSDOM;
  let VirtualConsole;
  let Readability;
  try {
    ({ JSDOM, VirtualConsole } = await import("jsdom"));
    ({ Readability } = await import("@mozilla/readability"));
  } catch {
    return null;
  }
  // A console that goes nowhere: jsdom reports every CSS it cannot parse.
  const virtualConsole = new VirtualConsole();
  return medianRate(
    pages,
    runs,
    (page) => {
      const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
      new Readability(dom.window.document).parse();
      dom.window.close();
    },
    10,
  );
}

export async function benchExtract({
  runs = 9,
  corpusDir,
  distDir,
  print = true,
  readability = !process.argv.includes("--no-readability"),
  readabilityRuns = 1,
} = {}) {
  const corpus =
    corpusDir ?? process.env.JOBPIPE_CORPUS_DIR ?? path.resolve(here, "..", "..", "shared", "corpus");
  const dist = distDir ?? process.env.JOBPIPE_DIST_DIR ?? path.join(here, "..", "dist");
  const { extractJob } = await import(pathToFileURL(path.join(dist, "extract", "index.js")).href);
  const pages = loadPages(corpus);
  const bytes = pages.reduce((sum, page) => sum + page.html.length, 0);
  const { load } = await import("cheerio");
  const parseOnly = medianRate(pages, runs, (page) =>
    load(page.html, { xml: { xmlMode: false, decodeEntities: true } }),
  );
  const ours = medianRate(pages, runs, (page) => extractJob(page.html, { url: page.url }));
  const median = ours.wall;
  const theirs = readability ? await readabilityRate(pages, readabilityRuns) : null;
  const readabilityPagesPerSecond = theirs?.wall ?? null;
  const result = {
    name: "extractJob",
    pages: pages.length,
    megabytes: bytes / 1024 / 1024,
    runs,
    pagesPerSecond: median,
    pagesPerCpuSecond: ours.cpu,
    readabilityPagesPerSecond,
    readabilityPagesPerCpuSecond: theirs?.cpu ?? null,
    pagesPerThreadCpuSecond: ours.thread,
    waitedForCpuShare: ours.waitShare,
    readabilityPagesPerThreadCpuSecond: theirs?.thread ?? null,
    parsePagesPerCpuSecond: parseOnly.cpu,
    parsePagesPerThreadCpuSecond: parseOnly.thread,
    loadAverage: os.loadavg()[0] ?? null,
  };
  if (print) {
    const perThread = (figure) => (figure === null ? "" : `, ${figure.toFixed(0)} per JS-thread CPU second`);
    console.log(
      `extractJob: ${median.toFixed(0)} pages/s, ${ours.cpu.toFixed(0)} pages per process CPU second${perThread(ours.thread)} (median of ${runs} runs over ${pages.length} pages, ${result.megabytes.toFixed(1)} MB; load average ${result.loadAverage?.toFixed(1)}${ours.waitShare === null ? "" : `, waited for a CPU ${(100 * ours.waitShare).toFixed(0)}% of the time`})`,
    );
    console.log(
      `HTML parse alone (cheerio): ${parseOnly.wall.toFixed(0)} pages/s, ${parseOnly.cpu.toFixed(0)} pages per process CPU second${perThread(parseOnly.thread)} (the ceiling here and now; parsing is ${((100 * ours.cpu) / parseOnly.cpu).toFixed(0)}% of extractJob's CPU time)`,
    );
    if (readabilityPagesPerSecond !== null)
      console.log(
        `jsdom + Readability: ${readabilityPagesPerSecond.toFixed(1)} pages/s, ${theirs.cpu.toFixed(1)} pages per process CPU second${theirs.thread === null ? "" : `, ${theirs.thread.toFixed(1)} per JS-thread CPU second`} over the same pages (extractJob is ${(ours.cpu / theirs.cpu).toFixed(0)}× faster in CPU time, ${(median / readabilityPagesPerSecond).toFixed(0)}× in wall time)`,
      );
    else if (readability)
      console.log("jsdom + Readability: not installed (npm i -D jsdom @mozilla/readability)");
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchExtract();
