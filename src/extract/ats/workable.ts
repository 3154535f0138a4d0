/** Workable widget API: /api/v1/widget/accounts/{account}?details=true (list) or a v2/v3 job detail. */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { htmlToText, tidyText } from "../normalise/text.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function workableJob(data: unknown, postingId: string | null, url: string): Job | null {
  const company = isObject(data) ? stringOf(data.name) : null;
  const posting: JsonObject | null =
    isObject(data) && "title" in data && "shortcode" in data
      ? data
      : isObject(data)
        ? pickFromList(data.jobs, postingId, ["shortcode", "url", "shortlink"])
        : null;
  if (!posting) return null;
  const locationObject = isObject(posting.location) ? posting.location : posting;
  const location = [
    locationObject.city,
    locationObject.state ?? locationObject.region,
    locationObject.country,
  ]
    .map(stringOf)
    .filter((part): part is string => part !== null)
    .join(", ");
  const remote =
    posting.telecommuting === true || posting.remote === true || locationObject.telecommuting === true;
  const description = tidyText(
    [posting.description, posting.requirements, posting.benefits]
      .map((part) => htmlToText(stringOf(part) ?? ""))
      .filter(Boolean)
      .join("\n\n"),
  );
  return finishJob({
    title: stringOf(posting.title),
    company,
    location: location || (remote ? "Remote" : null),
    workplace: remote ? "remote" : stringOf(posting.workplace) === "hybrid" ? "hybrid" : null,
    employmentType: mapEmploymentType(posting.employment_type ?? posting.type),
    salary: null,
    datePosted: toIsoDate(posting.published_on ?? posting.published ?? posting.created_at),
    validThrough: null,
    description,
    applyUrl: stringOf(posting.application_url) ?? stringOf(posting.url),
    url,
    source: "workable",
  });
}
