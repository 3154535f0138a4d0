/**
 * extractJob(html, { url }): pure, never throws. Extractors run in registry order; the first whose
 * job has a title wins and names the `source`. Fields it left empty are filled from the extractors
 * after it (e.g. company from the page title when JSON-LD omits hiringOrganization).
 */
import type { Job } from "../core/index.js";
import { createContext, type ExtractContext } from "./context.js";
import { extractors } from "./registry.js";
import type { Extractor } from "./sources/extractor.js";
import { tidyJob } from "./tidy-job.js";

export interface ExtractJobOptions {
  url: string;
}

export function emptyJob(url: string, source = "html"): Job {
  return {
    title: null,
    company: null,
    location: null,
    workplace: null,
    employmentType: null,
    salary: null,
    datePosted: null,
    validThrough: null,
    description: "",
    applyUrl: null,
    url,
    source,
  };
}

/** A job is usable when it has a title. */
export function isUsableJob(job: Job): boolean {
  return typeof job.title === "string" && job.title.trim() !== "";
}

function runSafely(extractor: Extractor, context: ExtractContext): Job | null {
  try {
    return extractor.extract(context);
  } catch {
    return null;
  }
}

export function mergeJobs(primary: Job, secondary: Job): Job {
  const merged: Job = { ...primary };
  for (const key of Object.keys(primary) as Array<keyof Job>) {
    if (key === "source" || key === "url") continue;
    const value = primary[key];
    if (value === null || value === "") (merged as unknown as Record<string, unknown>)[key] = secondary[key];
  }
  return merged;
}

/** Every field the page heuristics could add is already there. */
function isComplete(job: Job): boolean {
  return Boolean(job.company && job.location && job.description && job.salary && job.workplace);
}

export function extractJob(html: string, options: ExtractJobOptions): Job {
  const url = options.url;
  if (typeof html !== "string" || html.trim() === "") return emptyJob(url);
  let context: ExtractContext;
  try {
    context = createContext(html, url);
  } catch {
    return emptyJob(url);
  }
  let winner: Job | null = null;
  for (const extractor of extractors) {
    const job = runSafely(extractor, context);
    if (!job) continue;
    winner = winner ? mergeJobs(winner, job) : isUsableJob(job) ? job : null;
    // Structured data that gave everything: no need for the slower page heuristics after it.
    if (winner && isComplete(winner)) break;
  }
  return tidyJob(winner ?? emptyJob(url));
}
