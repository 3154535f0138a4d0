/** Greenhouse job boards API: /v1/boards/{board}/jobs/{id}?content=true (or the jobs list). */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { salaryFromText } from "../normalise/salary.js";
import { htmlToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function greenhouseJob(data: unknown, postingId: string | null, url: string): Job | null {
  const posting: JsonObject | null =
    isObject(data) && "title" in data
      ? data
      : isObject(data)
        ? pickFromList(data.jobs, postingId, ["id", "absolute_url", "internal_job_id"])
        : null;
  if (!posting) return null;
  const location = isObject(posting.location) ? stringOf(posting.location.name) : stringOf(posting.location);
  const description = htmlToText(stringOf(posting.content) ?? "");
  const payRanges = Array.isArray(posting.pay_input_ranges) ? posting.pay_input_ranges.filter(isObject) : [];
  const pay = payRanges[0];
  const salary = pay
    ? {
        min: Number(pay.min_cents) / 100 || null,
        max: Number(pay.max_cents) / 100 || null,
        currency: stringOf(pay.currency_type),
        period: "year" as const,
      }
    : salaryFromText(
        description.split("\n").find((line) => /[$€£]\s?\d/.test(line) && line.length < 200) ?? null,
      );
  return finishJob({
    title: stringOf(posting.title),
    company: stringOf(posting.company_name),
    location,
    workplace: workplaceFromText(location),
    employmentType: null,
    salary,
    datePosted: toIsoDate(posting.first_published ?? posting.updated_at),
    validThrough: toIsoDate(posting.application_deadline),
    description,
    applyUrl: stringOf(posting.absolute_url),
    url,
    source: "greenhouse",
  });
}
