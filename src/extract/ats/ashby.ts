/** Ashby posting API: /posting-api/job-board/{organization} (a list; we pick the posting by id). */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { salaryFromText } from "../normalise/salary.js";
import { htmlToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function ashbyJob(data: unknown, postingId: string | null, url: string): Job | null {
  const posting: JsonObject | null =
    isObject(data) && "title" in data
      ? data
      : isObject(data)
        ? pickFromList(data.jobs, postingId, ["id", "jobUrl"])
        : null;
  if (!posting) return null;
  const compensation = isObject(posting.compensation) ? posting.compensation : null;
  const location = stringOf(posting.location);
  return finishJob({
    title: stringOf(posting.title),
    company: null,
    location,
    workplace: workplaceFromText(
      stringOf(posting.workplaceType) ?? (posting.isRemote === true ? "remote" : location),
    ),
    employmentType: mapEmploymentType(stringOf(posting.employmentType)?.replace(/([a-z])([A-Z])/g, "$1 $2")),
    salary: salaryFromText(
      stringOf(compensation?.compensationTierSummary) ??
        stringOf(compensation?.scrapeableCompensationSalarySummary),
    ),
    datePosted: toIsoDate(posting.publishedAt),
    validThrough: null,
    description: htmlToText(stringOf(posting.descriptionHtml) ?? stringOf(posting.descriptionPlain) ?? ""),
    applyUrl: stringOf(posting.applyUrl) ?? stringOf(posting.jobUrl),
    url,
    source: "ashby",
  });
}
