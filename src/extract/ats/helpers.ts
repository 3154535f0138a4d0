import type { Job } from "../../core/index.js";
import { isObject, type JsonObject } from "../schema-posting.js";
import { tidyJob } from "../tidy-job.js";

export { isObject, type JsonObject };

export function stringOf(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number") return String(value);
  return null;
}

/** Finds the posting in a detail response or a list response (by id, url or slug). */
export function pickFromList(
  list: unknown,
  postingId: string | null,
  idKeys: readonly string[],
): JsonObject | null {
  if (!Array.isArray(list)) return null;
  const items = list.filter(isObject);
  if (postingId) {
    const wanted = postingId.toLowerCase();
    const found = items.find((item) =>
      idKeys.some((key) => {
        const value = stringOf(item[key]);
        return (
          value !== null && (value.toLowerCase() === wanted || value.toLowerCase().includes(`/${wanted}`))
        );
      }),
    );
    if (found) return found;
    return null;
  }
  return items.length === 1 ? (items[0] ?? null) : null;
}

export function finishJob(job: Job): Job {
  return tidyJob(job);
}
