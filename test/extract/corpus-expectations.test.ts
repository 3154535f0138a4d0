/**
 * extractJob over every real page in ../shared/corpus/pages (JOBPIPE_CORPUS_DIR) against
 * corpus-expectations.json, read by hand off each page: title, company and location must come out
 * right on at least 95 % of the pages that state them, the salary (min, max, currency, period)
 * exactly on at least 95 % of the pages that state one and absent on those that state none, and
 * pages without a posting give no title.
 * Skipped when the corpus is missing.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Salary } from "../../src/core/index.js";
import { extractJob } from "../../src/extract/index.js";

const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");
const pagesDir = path.join(corpusDir, "pages");

interface Expected {
  title?: string | null;
  company?: string | null;
  location?: string | null;
  salary?: Salary | null;
  noPosting?: boolean;
  /** Title and company must be exactly the strings above. */
  exact?: boolean;
}

const { _comment, ...expectations } = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "corpus-expectations.json"), "utf8"),
) as Record<string, Expected>;

/** The URL the page was saved from: SOURCES.tsv, else its canonical link or og:url. */
function sourceUrls(): Map<string, string> {
  const urls = new Map<string, string>();
  const file = path.join(corpusDir, "SOURCES.tsv");
  if (!fs.existsSync(file)) return urls;
  for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
    const columns = line.split("\t");
    const match = /https?:\/\/[^\s)'",;]+/.exec(columns[5] ?? "");
    if (columns[0] && match) urls.set(columns[0], match[0].replace(/[.)]+$/, ""));
  }
  return urls;
}

function pageUrl(html: string, fromSources: string | undefined, page: string): string {
  const head = html.slice(0, 200_000);
  const canonical =
    /<link[^>]+rel=["']canonical["'][^>]+href=["'](https?:[^"']+)["']/i.exec(head)?.[1] ??
    /<link[^>]+href=["'](https?:[^"']+)["'][^>]+rel=["']canonical["']/i.exec(head)?.[1] ??
    /<meta[^>]+property=["']og:url["'][^>]+content=["'](https?:[^"']+)["']/i.exec(head)?.[1];
  const [site, file] = page.split("/");
  return fromSources ?? canonical?.replace(/&amp;/g, "&") ?? `https://${site}.example/${file}`;
}

const fields = ["title", "company", "location"] as const;

describe.skipIf(!fs.existsSync(pagesDir))("extractJob against the hand-read corpus expectations", () => {
  const urls = sourceUrls();
  const results = Object.entries(expectations).map(([page, expected]) => {
    const html = fs.readFileSync(path.join(pagesDir, page), "utf8");
    return { page, expected, job: extractJob(html, { url: pageUrl(html, urls.get(`pages/${page}`), page) }) };
  });

  it("covers every saved page", () => {
    const saved = fs.readdirSync(pagesDir).flatMap((site) =>
      fs.statSync(path.join(pagesDir, site)).isDirectory()
        ? fs
            .readdirSync(path.join(pagesDir, site))
            .filter((file) => /\.html?$/i.test(file))
            .map((file) => `${site}/${file}`)
        : [],
    );
    expect(saved.filter((page) => !(page in expectations))).toEqual([]);
  });

  it("gives no title on pages that hold no posting", () => {
    const wrong = results.filter((row) => row.expected.noPosting && row.job.title !== null);
    expect(wrong.map((row) => `${row.page}: ${row.job.title}`)).toEqual([]);
  });

  it.each(fields)("gets %s right on at least 95 %% of the pages that state it", (field) => {
    const stated = results.filter(
      (row) => !row.expected.noPosting && typeof row.expected[field] === "string",
    );
    const misses = stated
      .filter((row) => {
        const got = row.job[field];
        return !got?.toLowerCase().includes(String(row.expected[field]).toLowerCase());
      })
      .map(
        (row) =>
          `${row.page}: want ~${JSON.stringify(row.expected[field])}, got ${JSON.stringify(row.job[field])}`,
      );
    const right = stated.length - misses.length;
    if (misses.length > 0)
      console.info(`${field}: ${right}/${stated.length}; misses:\n  ${misses.join("\n  ")}`);
    expect(stated.length).toBeGreaterThan(40);
    expect(right / stated.length, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  const withPosting = () => results.filter((row) => !row.expected.noPosting);

  it("gives exactly the pinned title and company, and a description, on every posting", () => {
    const pinned = withPosting().filter((row) => row.expected.exact);
    expect(pinned.length).toBeGreaterThan(15);
    expect(pinned.map((row) => `${row.page}: ${row.job.title} / ${row.job.company}`)).toEqual(
      pinned.map((row) => `${row.page}: ${row.expected.title} / ${row.expected.company}`),
    );
    const short = withPosting().filter((row) => row.job.description.length <= 100);
    expect(short.map((row) => row.page)).toEqual([]);
  });

  it("gets the salary right on at least 95 % of the pages that state one", () => {
    const stated = withPosting().filter((row) => row.expected.salary);
    const misses = stated
      .filter((row) => JSON.stringify(row.job.salary) !== JSON.stringify(row.expected.salary))
      .map(
        (row) =>
          `${row.page}: want ${JSON.stringify(row.expected.salary)}, got ${JSON.stringify(row.job.salary)}`,
      );
    expect(stated.length).toBeGreaterThan(20);
    expect((stated.length - misses.length) / stated.length, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  it("gives no salary on pages that state none (bonuses, stipends, other jobs' pay)", () => {
    const unstated = withPosting().filter((row) => row.expected.salary === null);
    const wrong = unstated
      .filter((row) => row.job.salary !== null)
      .map((row) => `${row.page}: ${JSON.stringify(row.job.salary)}`);
    expect(unstated.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});
