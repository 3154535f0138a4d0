/** SmartRecruiters posting API: /v1/companies/{company}/postings/{id} (detail) or the postings list. */
import type { Job } from "../../core/index.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { htmlToText, tidyText } from "../normalise/text.js";
import { finishJob, isObject, type JsonObject, pickFromList, stringOf } from "./helpers.js";

export function smartRecruitersJob(data: unknown, postingId: string | null, url: string): Job | null {
  const posting: JsonObject | null =
    isObject(data) && ("jobAd" in data || "name" in data) && !("content" in data)
      ? data
      : isObject(data)
        ? pickFromList(data.content, postingId, ["id", "uuid", "ref"])
        : null;
  if (!posting) return null;
  const location = isObject(posting.location) ? posting.location : {};
  const locationText =
    stringOf(location.fullLocation) ??
    ([location.city, location.region, stringOf(location.country)?.toUpperCase()]
      .map(stringOf)
      .filter(Boolean)
      .join(", ") ||
      null);
  const sections = isObject(posting.jobAd) && isObject(posting.jobAd.sections) ? posting.jobAd.sections : {};
  const description = tidyText(
    ["jobDescription", "qualifications", "additionalInformation", "companyDescription"]
      .map((key) => (isObject(sections[key]) ? sections[key] : null))
      .filter((section): section is JsonObject => section !== null && stringOf(section.text) !== null)
      .map((section) => `${stringOf(section.title) ?? ""}\n\n${htmlToText(stringOf(section.text) ?? "")}`)
      .join("\n\n"),
  );
  const employment = isObject(posting.typeOfEmployment) ? posting.typeOfEmployment.label : null;
  return finishJob({
    title: stringOf(posting.name),
    company: isObject(posting.company) ? stringOf(posting.company.name) : null,
    location: locationText,
    workplace:
      location.remote === true
        ? "remote"
        : location.hybrid === true
          ? "hybrid"
          : locationText
            ? "onsite"
            : null,
    employmentType: mapEmploymentType(employment),
    salary: null,
    datePosted: toIsoDate(posting.releasedDate),
    validThrough: null,
    description,
    applyUrl: stringOf(posting.applyUrl) ?? stringOf(posting.postingUrl),
    url,
    source: "smartrecruiters",
  });
}
