/**
 * schema.org JobPosting in `<script type="application/ld+json">`: a single object, an array, an
 * `@graph`, or nested under another node (mainEntity, itemListElement…). Broken JSON is repaired.
 * With several postings on a page, the one whose url/@id matches the page URL wins.
 */
import type { ExtractContext } from "../context.js";
import { parseLooseJson } from "../normalise/json-repair.js";
import { textOf } from "../page/segments.js";
import { isJobPostingNode, isObject, type JsonObject, jobFromSchemaPosting } from "../schema-posting.js";
import type { Extractor } from "./extractor.js";

export function findJobPostings(value: unknown, found: JsonObject[] = [], depth = 0): JsonObject[] {
  if (depth > 12 || value === null || typeof value !== "object") return found;
  if (Array.isArray(value)) {
    for (const entry of value) findJobPostings(entry, found, depth + 1);
    return found;
  }
  if (isJobPostingNode(value)) {
    found.push(value);
    return found;
  }
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === "object") findJobPostings(child, found, depth + 1);
  }
  return found;
}

export function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname.replace(/^www\./, "")}${parsed.pathname.replace(/\/+$/, "")}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase().replace(/\/+$/, "");
  }
}

/** The posting for this URL among several, else the richest one. */
export function pickPosting(postings: JsonObject[], url: string): JsonObject | undefined {
  if (postings.length <= 1) return postings[0];
  const target = comparableUrl(url);
  const matching = postings.find((posting) =>
    [posting.url, posting["@id"], posting.sameAs].some(
      (candidate) => typeof candidate === "string" && comparableUrl(candidate) === target,
    ),
  );
  if (matching) return matching;
  return [...postings].sort((a, b) => Object.keys(b).length - Object.keys(a).length)[0];
}

const jsonLdTypes = new Set(["application/ld+json", "application/ld+json; charset=utf-8"]);

export function readJsonLdBlocks(context: ExtractContext): unknown[] {
  const blocks: unknown[] = [];
  for (const script of context.segments().scripts) {
    if (!jsonLdTypes.has(script.attribs.type?.trim().toLowerCase() ?? "")) continue;
    const text = textOf(script);
    if (!text.trim()) continue;
    const parsed = parseLooseJson(text);
    if (parsed !== undefined) blocks.push(parsed);
  }
  return blocks;
}

export const jsonLdExtractor: Extractor = {
  name: "json-ld",
  extract(context) {
    const postings = findJobPostings(readJsonLdBlocks(context));
    const posting = pickPosting(postings, context.url);
    if (!posting || !isObject(posting)) return null;
    return jobFromSchemaPosting(posting, context.url, "json-ld");
  },
};
