/** Lever postings API: /v0/postings/{site}/{id}?mode=json (or the site's list). */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { salaryFromSchema } from "../normalise/salary.js";
import { htmlToText, tidyText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function leverJob(data: unknown, postingId: string | null, url: string): Job | null {
  const posting: JsonObject | null =
    isObject(data) && "text" in data ? data : pickFromList(data, postingId, ["id", "hostedUrl"]);
  if (!posting) return null;
  const categories = isObject(posting.categories) ? posting.categories : {};
  const lists = Array.isArray(posting.lists) ? posting.lists.filter(isObject) : [];
  const parts = [htmlToText(stringOf(posting.description) ?? stringOf(posting.descriptionPlain) ?? "")];
  for (const list of lists)
    parts.push(`${stringOf(list.text) ?? ""}\n${htmlToText(`<ul>${stringOf(list.content) ?? ""}</ul>`)}`);
  parts.push(htmlToText(stringOf(posting.additional) ?? stringOf(posting.additionalPlain) ?? ""));
  const location = stringOf(categories.location);
  const salaryRange = isObject(posting.salaryRange) ? posting.salaryRange : null;
  const interval = stringOf(salaryRange?.interval) ?? "";
  return finishJob({
    title: stringOf(posting.text),
    company: null,
    location,
    workplace: workplaceFromText(stringOf(posting.workplaceType) ?? location),
    employmentType: mapEmploymentType(categories.commitment),
    salary: salaryRange
      ? salaryFromSchema({
          currency: salaryRange.currency,
          value: {
            minValue: salaryRange.min,
            maxValue: salaryRange.max,
            unitText: interval.replace(/^per-/, "").toUpperCase(),
          },
        })
      : null,
    datePosted: toIsoDate(posting.createdAt),
    validThrough: null,
    description: tidyText(parts.filter(Boolean).join("\n\n")),
    applyUrl: stringOf(posting.applyUrl) ?? stringOf(posting.hostedUrl),
    url,
    source: "lever",
  });
}
