/**
 * extractJob throughput over the real corpus pages: pages per second on one core, the median of
 * several runs. `benchExtract()` returns the figures and prints a line; `node bench/extract.js`
 * runs it alone. Needs a build (`npm run build`).
 */
import fs from "node:fs";
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

export async function benchExtract({ runs = 5, corpusDir, distDir, print = true } = {}) {
  const corpus =
    corpusDir ?? process.env.JOBPIPE_CORPUS_DIR ?? path.resolve(here, "..", "..", "shared", "corpus");
  const dist = distDir ?? process.env.JOBPIPE_DIST_DIR ?? path.join(here, "..", "dist");
  const { extractJob } = await import(pathToFileURL(path.join(dist, "extract", "index.js")).href);
  const pages = loadPages(corpus);
  const bytes = pages.reduce((sum, page) => sum + page.html.length, 0);
  for (const page of pages) extractJob(page.html, { url: page.url }); // warm-up
  const rates = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    for (const page of pages) extractJob(page.html, { url: page.url });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(pages.length / seconds);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  const result = {
    name: "extractJob",
    pages: pages.length,
    megabytes: bytes / 1024 / 1024,
    runs,
    pagesPerSecond: median,
  };
  if (print) {
    console.log(
      `extractJob: ${median.toFixed(0)} pages/s (median of ${runs} runs over ${pages.length} pages, ${result.megabytes.toFixed(1)} MB)`,
    );
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchExtract();
