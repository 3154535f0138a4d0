#!/usr/bin/env node
/**
 * Extraction evaluation over the real saved pages in $JOBPIPE_CORPUS_DIR/pages (default
 * ../shared/corpus/pages). For each page it finds the original URL (canonical link, og:url, or the
 * URL SOURCES.tsv gives), runs extractJob, then prints how many pages per site and per field
 * yielded a value, a per-page table (title | company | location | salary) to check by eye, and the
 * score against test/extract/corpus-expectations.json (read by hand off each page): per field, and
 * "right on N of M pages with a posting". Pages that hold no job are counted as "no posting on page".
 *
 *   npm run eval:extract            (builds first)
 *   node scripts/eval-extract.js --json   machine-readable rows
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = process.env.JOBPIPE_DIST_DIR ?? path.join(here, "..", "dist");
const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve(here, "..", "..", "shared", "corpus");
const { extractJob } = await import(pathToFileURL(path.join(distDir, "extract", "index.js")).href);

const fields = [
  "title",
  "company",
  "location",
  "workplace",
  "employmentType",
  "salary",
  "datePosted",
  "description",
];

/** Every saved page with the URL it was saved from. */
export function loadCorpusPages(root = corpusDir) {
  const pagesDir = path.join(root, "pages");
  const sourceUrls = readSourceUrls(path.join(root, "SOURCES.tsv"));
  const pages = [];
  for (const site of fs.readdirSync(pagesDir).sort()) {
    const siteDir = path.join(pagesDir, site);
    if (!fs.statSync(siteDir).isDirectory()) continue;
    for (const file of fs.readdirSync(siteDir).sort()) {
      if (!/\.html?$/i.test(file)) continue;
      const html = fs.readFileSync(path.join(siteDir, file), "utf8");
      const relative = `pages/${site}/${file}`;
      pages.push({ site, file, html, url: pageUrl(html, sourceUrls.get(relative), site, file) });
    }
  }
  return pages;
}

function readSourceUrls(file) {
  const urls = new Map();
  if (!fs.existsSync(file)) return urls;
  for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
    const [localPath, , , , , what = ""] = line.split("\t");
    const match = /https?:\/\/[^\s)'",;]+/.exec(what);
    if (localPath && match) urls.set(localPath, match[0].replace(/[.)]+$/, ""));
  }
  return urls;
}

function pageUrl(html, fromSources, site, file) {
  const head = html.slice(0, 200_000);
  const canonical =
    /<link[^>]+rel=["']canonical["'][^>]+href=["'](https?:[^"']+)["']/i.exec(head)?.[1] ??
    /<link[^>]+href=["'](https?:[^"']+)["'][^>]+rel=["']canonical["']/i.exec(head)?.[1] ??
    /<meta[^>]+property=["']og:url["'][^>]+content=["'](https?:[^"']+)["']/i.exec(head)?.[1];
  return fromSources ?? canonical?.replace(/&amp;/g, "&") ?? `https://${site}.example/${file}`;
}

function hasValue(value) {
  return value !== null && value !== undefined && value !== "";
}

/** Flags values that look wrong: generic words, very long, or the site's name as a title. */
function suspicion(job) {
  const reasons = [];
  if (!hasValue(job.title)) reasons.push("no title");
  else if (job.title.length > 120) reasons.push("long title");
  else if (/^(careers?|jobs?|home|apply|job details?|candidate portal|sign in)$/i.test(job.title))
    reasons.push("generic title");
  if (!hasValue(job.company)) reasons.push("no company");
  else if (/careers|jobs|hiring|apply|\||linkedin/i.test(job.company) || job.company.length > 60)
    reasons.push("odd company");
  if (!hasValue(job.location)) reasons.push("no location");
  if (job.description.length < 200) reasons.push("short description");
  return reasons;
}

const expectationsFile = path.join(here, "..", "test", "extract", "corpus-expectations.json");

/** Expected substrings per page (see the file's _comment); {} when the file is missing. */
export function loadExpectations(file = expectationsFile) {
  if (!fs.existsSync(file)) return {};
  const { _comment, ...expectations } = JSON.parse(fs.readFileSync(file, "utf8"));
  return expectations;
}

const checkedFields = ["title", "company", "location"];

/** Per field: "ok", "wrong", "missing" (expected but empty), "n/a" (page does not state it). */
export function compareJob(job, expected) {
  const verdicts = { salary: compareSalary(job.salary, expected?.salary) };
  for (const field of checkedFields) {
    const want = expected?.[field];
    const got = job[field];
    if (want === null || want === undefined) verdicts[field] = "n/a";
    else if (!hasValue(got)) verdicts[field] = "missing";
    else verdicts[field] = got.toLowerCase().includes(want.toLowerCase()) ? "ok" : "wrong";
  }
  return verdicts;
}

/** Salary: exact min, max, currency and period; where the page states none, any salary is "wrong". */
function compareSalary(got, want) {
  if (want === undefined) return "n/a";
  if (want === null) return got ? "wrong" : "none";
  if (!got) return "missing";
  return JSON.stringify(got) === JSON.stringify(want) ? "ok" : "wrong";
}

function salaryText(salary) {
  if (!salary) return "";
  const range = salary.min === salary.max ? `${salary.min}` : `${salary.min}-${salary.max}`;
  return `${salary.currency ?? "?"} ${range}/${salary.period ?? "?"}`;
}

function cut(text, width) {
  const value = text ?? "";
  return value.length > width ? `${value.slice(0, width - 1)}…` : value;
}

function printScore(rows, expectations) {
  const perField = Object.fromEntries(checkedFields.map((field) => [field, { ok: 0, stated: 0 }]));
  const salary = { ok: 0, stated: 0, none: 0, noneRight: 0 };
  let withPosting = 0;
  let rightPages = 0;
  let noPosting = 0;
  let noPostingRight = 0;
  let unchecked = 0;
  const misses = [];
  for (const row of rows) {
    const expected = expectations[`${row.site}/${row.file}`];
    if (!expected) {
      unchecked++;
      continue;
    }
    if (expected.noPosting) {
      noPosting++;
      if (!hasValue(row.job.title)) noPostingRight++;
      else
        misses.push(
          `${row.site}/${row.file}: no posting on page, but title=${JSON.stringify(row.job.title)}`,
        );
      continue;
    }
    withPosting++;
    const verdicts = compareJob(row.job, expected);
    for (const field of checkedFields) {
      if (verdicts[field] === "n/a") continue;
      perField[field].stated++;
      if (verdicts[field] === "ok") perField[field].ok++;
      else
        misses.push(
          `${row.site}/${row.file}: ${field} ${verdicts[field]} (want ~${JSON.stringify(expected[field])}, got ${JSON.stringify(row.job[field])})`,
        );
    }
    if (checkedFields.every((field) => verdicts[field] !== "missing" && verdicts[field] !== "wrong"))
      rightPages++;
    if (expected.salary === null) {
      salary.none++;
      if (verdicts.salary === "none") salary.noneRight++;
    } else if (expected.salary) {
      salary.stated++;
      if (verdicts.salary === "ok") salary.ok++;
    }
    if (verdicts.salary === "wrong" || verdicts.salary === "missing")
      misses.push(
        `${row.site}/${row.file}: salary ${verdicts.salary} (want ${JSON.stringify(expected.salary)}, got ${JSON.stringify(row.job.salary)})`,
      );
  }
  console.log("\nAgainst test/extract/corpus-expectations.json:");
  for (const field of checkedFields) {
    const { ok, stated } = perField[field];
    console.log(
      `  ${field.padEnd(9)} right on ${ok} of ${stated} pages that state it (${((100 * ok) / Math.max(stated, 1)).toFixed(1)}%)`,
    );
  }
  console.log(
    `  salary    right on ${salary.ok} of ${salary.stated} pages that state one (${((100 * salary.ok) / Math.max(salary.stated, 1)).toFixed(1)}%); none given on ${salary.noneRight} of ${salary.none} pages that state none`,
  );
  console.log(`  right on ${rightPages} of ${withPosting} pages with a posting (title, company, location)`);
  console.log(`  no posting on page: ${noPosting} (${noPostingRight} correctly gave no title)`);
  if (unchecked > 0) console.log(`  pages without expectations: ${unchecked}`);
  if (misses.length > 0) console.log(`\nMisses:\n  ${misses.join("\n  ")}`);
}

function printPageTable(rows) {
  console.log("\nPer page (title | company | location | salary):");
  for (const row of rows) {
    const job = row.job;
    console.log(
      `  ${cut(`${row.site}/${row.file}`, 46).padEnd(46)} | ${cut(job.title, 44).padEnd(44)} | ${cut(job.company, 22).padEnd(22)} | ${cut(job.location, 32).padEnd(32)} | ${salaryText(job.salary)}`,
    );
  }
}

export function evaluate(pages) {
  return pages.map((page) => ({ ...page, job: extractJob(page.html, { url: page.url }) }));
}

function main() {
  const rows = evaluate(loadCorpusPages());
  if (process.argv.includes("--json")) {
    for (const row of rows)
      console.log(
        JSON.stringify({
          site: row.site,
          file: row.file,
          url: row.url,
          job: { ...row.job, description: row.job.description.slice(0, 200) },
        }),
      );
    return;
  }
  const bySite = new Map();
  for (const row of rows) bySite.set(row.site, [...(bySite.get(row.site) ?? []), row]);
  const header = ["site", "pages", "source", ...fields];
  const table = [header];
  for (const [site, siteRows] of bySite) {
    const sources = [...new Set(siteRows.map((row) => row.job.source))].join(",");
    table.push([
      site,
      String(siteRows.length),
      sources,
      ...fields.map((field) => String(siteRows.filter((row) => hasValue(row.job[field])).length)),
    ]);
  }
  table.push([
    "TOTAL",
    String(rows.length),
    "",
    ...fields.map((field) => String(rows.filter((row) => hasValue(row.job[field])).length)),
  ]);
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join("  "));

  const bySource = new Map();
  for (const row of rows) bySource.set(row.job.source, (bySource.get(row.job.source) ?? 0) + 1);
  console.log(`\nby extractor: ${[...bySource].map(([source, count]) => `${source}=${count}`).join(", ")}`);

  printPageTable(rows);
  printScore(rows, loadExpectations());

  console.log("\nPages to look at:");
  for (const row of rows) {
    const reasons = suspicion(row.job);
    const important = reasons.filter((reason) => /title|company/.test(reason));
    if (important.length === 0 && !process.argv.includes("--all")) continue;
    console.log(`  ${row.site}/${row.file}: ${reasons.join(", ")}`);
    console.log(
      `     title=${JSON.stringify(row.job.title)} company=${JSON.stringify(row.job.company)} location=${JSON.stringify(row.job.location)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
