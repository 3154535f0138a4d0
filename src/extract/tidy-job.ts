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

/**
 * "Litigation Paralegal, - New York" with location "New York" → "Litigation Paralegal"; also
 * "…, Brazil" and "… - La Paz, Bolivia" when the location is "Brazil" or "Bolivia". Only the last
 * piece, and only when it is (or ends with) the job's location.
 */
function titleWithoutLocation(title: string | null, location: string | null): string | null {
  if (!title || !location) return title;
  const places = [location, location.split(/[,;]/)[0] ?? ""]
    .map((place) => place.trim().toLowerCase())
    .filter(Boolean);
  const dashed = /^(.*[^\s,;])[\s,;]*\s[|–—-]\s*([^|–—]+)$/.exec(title);
  const dashTail = dashed?.[2]?.trim().toLowerCase() ?? "";
  if (
    dashed?.[1] &&
    dashTail.length <= 40 &&
    !/[[\]()]/.test(dashTail) &&
    places.some((place) => dashTail === place || dashTail.endsWith(`, ${place}`))
  )
    return trimSeparators(dashed[1]) ?? title;
  const comma = /^(.*[^\s,;]),\s*([^,|–—()[\]]+)$/.exec(title);
  if (comma?.[1] && places.includes(comma[2]?.trim().toLowerCase() ?? ""))
    return trimSeparators(comma[1]) ?? title;
  return title;
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
