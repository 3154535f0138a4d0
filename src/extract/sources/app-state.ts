/**
 * Application state that single-page sites embed in scripts (`__NEXT_DATA__`, `window.__X__ = {…}`,
 * `<script type="application/json">`). We search the JSON for the object that looks most like a job
 * posting — a short title next to a long description — and map its common field names.
 */
import type { Job } from "../../core/index.js";
import type { ExtractContext } from "../context.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { parseLooseJson } from "../normalise/json-repair.js";
import { locationFromSchema } from "../normalise/location.js";
import { salaryFromSchema, salaryFromText } from "../normalise/salary.js";
import { cleanLine, htmlToText, tidyText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { textOf } from "../page/segments.js";
import { isJobPostingNode, isObject, type JsonObject, jobFromSchemaPosting } from "../schema-posting.js";
import type { Extractor } from "./extractor.js";
import { findJobPostings, pickPosting } from "./json-ld.js";

const titleKeys = ["title", "jobTitle", "job_title", "positionTitle", "postingTitle", "name", "text"];
const descriptionKeys = [
  "description",
  "descriptionHtml",
  "jobDescription",
  "job_description",
  "content",
  "descriptionPlain",
  "body",
];

function readStateBlobs(context: ExtractContext): unknown[] {
  const blobs: unknown[] = [];
  for (const script of context.segments().scripts) {
    const { id, type, src } = script.attribs;
    const json = id === "__NEXT_DATA__" || type?.toLowerCase() === "application/json";
    if (!json && (src !== undefined || type !== undefined)) continue;
    const text = textOf(script);
    if (text.length < 200) continue;
    if (json) {
      const parsed = parseLooseJson(text);
      if (parsed !== undefined) blobs.push(parsed);
      continue;
    }
    for (const match of text.matchAll(/(?:window\.)?__[A-Z0-9_]+__\s*=\s*/gi)) {
      const start = (match.index ?? 0) + match[0].length;
      const opener = text[start];
      if (opener !== "{" && opener !== "[") continue;
      const end = matchingBracket(text, start);
      if (end === -1) continue;
      const parsed = parseLooseJson(text.slice(start, end + 1));
      if (parsed !== undefined) blobs.push(parsed);
    }
  }
  return blobs;
}

/** Index of the bracket closing the one at `start`, string-aware; -1 when unbalanced. */
function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let inString: string | null = null;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === inString) inString = null;
      continue;
    }
    if (char === '"' || char === "'") inString = char;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** Contentful-style rich text ({nodeType, content, value}) or HTML/plain text → plain text. */
export function richText(value: unknown): string {
  if (typeof value === "string") return htmlToText(value);
  if (!isObject(value) && !Array.isArray(value)) return "";
  const lines: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child, prefix);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.value === "string" && node.nodeType === "text") {
      lines.push(node.value);
      return;
    }
    const type = String(node.nodeType ?? "");
    if (type === "list-item") lines.push("\n- ");
    else if (/paragraph|heading|document|list$/.test(type)) lines.push("\n\n");
    walk(node.content, prefix);
  };
  walk(value, "");
  return tidyText(lines.join(""));
}

function descriptionOf(candidate: JsonObject): string {
  for (const key of descriptionKeys) {
    const text = richText(candidate[key]);
    if (text.length > 0) return text;
  }
  return "";
}

function textLength(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (isObject(value) && value.nodeType === "document") return JSON.stringify(value).length / 2;
  return 0;
}

function score(candidate: JsonObject): number {
  const title = titleKeys.map((key) => candidate[key]).find((value) => typeof value === "string") as
    | string
    | undefined;
  if (!title || title.length > 200 || title.trim() === "") return 0;
  const descriptionLength = Math.max(0, ...descriptionKeys.map((key) => textLength(candidate[key])));
  if (descriptionLength < 150) return 0;
  let points = Math.min(descriptionLength, 5000) / 100;
  for (const key of [
    "location",
    "locations",
    "jobLocation",
    "department",
    "departments",
    "employmentType",
    "company",
    "companyName",
    "datePosted",
    "publishedAt",
  ]) {
    if (key in candidate) points += 10;
  }
  if ("title" in candidate || "jobTitle" in candidate) points += 20;
  return points;
}

function findCandidates(value: unknown, found: Array<[number, JsonObject]>, depth = 0): void {
  if (depth > 14 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const entry of value.slice(0, 200)) findCandidates(entry, found, depth + 1);
    return;
  }
  const points = score(value as JsonObject);
  if (points > 0) found.push([points, value as JsonObject]);
  for (const child of Object.values(value)) findCandidates(child, found, depth + 1);
}

function nameOf(value: unknown): string | null {
  if (typeof value === "string") return cleanLine(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => name !== null);
    return names.length > 0 ? [...new Set(names)].join("; ") : null;
  }
  if (isObject(value)) {
    if (value.address || value.addressLocality) return locationFromSchema(value);
    return cleanLine(value.name) ?? cleanLine(value.label) ?? cleanLine(value.city) ?? cleanLine(value.text);
  }
  return null;
}

function locationOf(candidate: JsonObject): string | null {
  for (const key of ["location", "locations", "locationName", "jobLocation", "city", "offices"]) {
    const name = nameOf(candidate[key]);
    if (name) return name;
  }
  const metadata = candidate.metadata;
  if (Array.isArray(metadata)) {
    for (const entry of metadata) {
      if (isObject(entry) && /location/i.test(String(entry.name ?? ""))) {
        const name = nameOf(entry.value);
        if (name) return name;
      }
    }
  }
  return null;
}

function companyOf(candidate: JsonObject): string | null {
  for (const key of [
    "companyName",
    "company",
    "hiringOrganization",
    "organization",
    "employer",
    "organizationName",
  ]) {
    const name = nameOf(candidate[key]);
    if (name) return name;
  }
  return null;
}

export function jobFromStateObject(candidate: JsonObject, url: string, source: string): Job {
  const title = titleKeys.map((key) => cleanLine(candidate[key])).find((value) => value !== null) ?? null;
  const location = locationOf(candidate);
  const employment =
    candidate.employmentType ?? candidate.commitment ?? candidate.jobType ?? candidate.timeType;
  const compensation = candidate.compensation ?? candidate.salary ?? candidate.baseSalary;
  return {
    title,
    company: companyOf(candidate),
    location,
    workplace: workplaceFromText(
      `${String(candidate.workplaceType ?? candidate.remote ?? "")} ${location ?? ""} ${title ?? ""}`,
    ),
    employmentType: mapEmploymentType(typeof employment === "string" ? employment : nameOf(employment)),
    salary:
      salaryFromSchema(compensation) ??
      salaryFromText(typeof compensation === "string" ? compensation : null),
    datePosted: toIsoDate(
      candidate.datePosted ??
        candidate.publishedAt ??
        candidate.postedDate ??
        candidate.createdAt ??
        candidate.updated_at,
    ),
    validThrough: toIsoDate(candidate.validThrough ?? candidate.expiresAt),
    description: descriptionOf(candidate),
    applyUrl: typeof candidate.applyUrl === "string" ? candidate.applyUrl : null,
    url,
    source,
  };
}

export const appStateExtractor: Extractor = {
  name: "app-state",
  extract(context) {
    const blobs = readStateBlobs(context);
    if (blobs.length === 0) return null;
    const postings = findJobPostings(blobs).filter(isJobPostingNode);
    const posting = pickPosting(postings, context.url);
    if (posting) return jobFromSchemaPosting(posting, context.url, "app-state");
    const candidates: Array<[number, JsonObject]> = [];
    findCandidates(blobs, candidates);
    candidates.sort((a, b) => b[0] - a[0]);
    const best = candidates[0]?.[1];
    return best ? jobFromStateObject(best, context.url, "app-state") : null;
  },
};
