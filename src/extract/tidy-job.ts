/** Last pass over every Job: tidy strings, drop "null"-ish values, keep URLs absolute. */
import type { Job } from "../core/index.js";
import { cleanLine, tidyText } from "./normalise/text.js";

function absoluteUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function cleanField(value: string | null): string | null {
  const text = cleanLine(value);
  if (!text || /^(null|undefined|n\/a|-)$/i.test(text)) return null;
  return text;
}

export function tidyJob(job: Job): Job {
  return {
    ...job,
    title: cleanField(job.title),
    company: cleanField(job.company),
    location: cleanField(job.location),
    description: tidyText(job.description ?? ""),
    applyUrl: absoluteUrl(job.applyUrl, job.url),
  };
}
