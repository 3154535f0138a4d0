/** Recruitee careers-site API: /api/offers/{slug} ({offer}) or /api/offers ({offers: [...]}). */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { salaryFromSchema } from "../normalise/salary.js";
import { htmlToText, tidyText } from "../normalise/text.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function recruiteeJob(data: unknown, postingId: string | null, url: string): Job | null {
  const posting: JsonObject | null = isObject(data)
    ? isObject(data.offer)
      ? data.offer
      : pickFromList(data.offers, postingId, ["slug", "id", "careers_url", "guid"])
    : null;
  if (!posting) return null;
  const location =
    [posting.city, posting.country].map(stringOf).filter(Boolean).join(", ") || stringOf(posting.location);
  const salary = isObject(posting.salary) ? posting.salary : null;
  return finishJob({
    title: stringOf(posting.title),
    company: stringOf(posting.company_name),
    location,
    workplace:
      posting.remote === true
        ? "remote"
        : posting.hybrid === true
          ? "hybrid"
          : posting.on_site === true
            ? "onsite"
            : null,
    employmentType: mapEmploymentType(stringOf(posting.employment_type_code)?.replace(/_/g, " ")),
    salary: salary
      ? salaryFromSchema({
          currency: salary.currency,
          value: {
            minValue: salary.min,
            maxValue: salary.max,
            unitText: stringOf(salary.period)?.toUpperCase(),
          },
        })
      : null,
    datePosted: toIsoDate(posting.published_at ?? posting.created_at),
    validThrough: toIsoDate(posting.close_at),
    description: tidyText(
      [htmlToText(stringOf(posting.description) ?? ""), htmlToText(stringOf(posting.requirements) ?? "")]
        .filter(Boolean)
        .join("\n\n"),
    ),
    applyUrl: stringOf(posting.careers_apply_url) ?? stringOf(posting.careers_url),
    url,
    source: "recruitee",
  });
}
