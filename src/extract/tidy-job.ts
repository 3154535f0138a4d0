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

/** Separators and stray punctuation at either end: "| Sacramento, CA", "Romania /", "Paralegal, -". */
function trimSeparators(value: string | null): string | null {
  const text = value?.replace(/^[\s|,;:·•/–—-]+|[\s|,;:·•/–—-]+$/g, "") ?? null;
  return text ? text : null;
}

/** "Litigation Paralegal, - New York" with location "New York" → "Litigation Paralegal". */
function titleWithoutLocation(title: string | null, location: string | null): string | null {
  if (!title || !location) return title;
  const places = [location, location.split(/[,;]/)[0] ?? ""].map((place) => place.trim().toLowerCase());
  // Only after a separator: "Legal Secretary (Brussels)" is how the firm titles the job.
  const match = /^(.+?)[\s,;]*(?:\s[|–—-]|,)\s*([^|–—,(-][^|–—(]*)$/.exec(title);
  const tail = match?.[2]?.trim().toLowerCase();
  if (!match?.[1] || !tail || !places.includes(tail)) return title;
  return trimSeparators(match[1]) ?? title;
}

export function tidyJob(job: Job): Job {
  const location =
    cleanField(job.location)
      ?.split(/\s*;\s*/)
      .map(trimSeparators)
      .filter(Boolean)
      .join("; ") || null;
  const title = trimSeparators(cleanField(job.title));
  return {
    ...job,
    title: titleWithoutLocation(title, location),
    company: trimSeparators(cleanField(job.company)),
    location,
    description: tidyText(job.description ?? ""),
    applyUrl: absoluteUrl(job.applyUrl, job.url),
  };
}
