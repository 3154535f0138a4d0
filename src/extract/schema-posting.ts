/** Maps a schema.org JobPosting object (from JSON-LD, microdata or app state) to a Job. */
import type { Job } from "../core/index.js";
import { toIsoDate } from "./normalise/dates.js";
import { mapEmploymentType } from "./normalise/employment.js";
import { applicantLocationText, locationFromSchema } from "./normalise/location.js";
import { salaryFromSchema } from "./normalise/salary.js";
import { cleanLine, htmlToText } from "./normalise/text.js";
import { workplaceFromSchema, workplaceFromText } from "./normalise/workplace.js";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when a JSON-LD node's @type names JobPosting. */
export function isJobPostingNode(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const type = value["@type"] ?? value.type;
  const types = Array.isArray(type) ? type : [type];
  return types.some((entry) => typeof entry === "string" && /(^|[/:])JobPosting$/i.test(entry.trim()));
}

function organizationName(value: unknown): string | null {
  if (typeof value === "string") return cleanLine(value);
  if (Array.isArray(value)) return organizationName(value[0]);
  if (isObject(value)) return cleanLine(value.name) ?? cleanLine(value.legalName);
  return null;
}

function applyTarget(posting: JsonObject): string | null {
  const action = posting.potentialAction;
  const actions = Array.isArray(action) ? action : [action];
  for (const entry of actions) {
    if (!isObject(entry)) continue;
    const target = entry.target;
    if (typeof target === "string") return target;
    if (isObject(target) && typeof target.urlTemplate === "string") return target.urlTemplate;
  }
  for (const key of ["applyUrl", "applicationUrl", "directApplyUrl"]) {
    if (typeof posting[key] === "string") return posting[key] as string;
  }
  return typeof posting.url === "string" && /^https?:/i.test(posting.url) ? posting.url : null;
}

export function jobFromSchemaPosting(posting: JsonObject, url: string, source: string): Job {
  const title = cleanLine(posting.title) ?? cleanLine(posting.name);
  const descriptionRaw = typeof posting.description === "string" ? posting.description : "";
  const description = htmlToText(descriptionRaw);
  let location = locationFromSchema(posting.jobLocation);
  const requirements = applicantLocationText(posting.applicantLocationRequirements);
  let workplace = workplaceFromSchema(posting);
  if (workplace === "remote" && !location) location = requirements ? `Remote (${requirements})` : "Remote";
  if (!location && requirements) location = requirements;
  workplace ??= workplaceFromText(`${title ?? ""} ${location ?? ""}`);
  const currency = typeof posting.salaryCurrency === "string" ? posting.salaryCurrency.toUpperCase() : null;
  return {
    title,
    company: organizationName(posting.hiringOrganization) ?? organizationName(posting.organization),
    location,
    workplace,
    employmentType: mapEmploymentType(posting.employmentType),
    salary:
      salaryFromSchema(posting.baseSalary, currency) ?? salaryFromSchema(posting.estimatedSalary, currency),
    datePosted: toIsoDate(posting.datePosted),
    validThrough: toIsoDate(posting.validThrough),
    description,
    applyUrl: applyTarget(posting),
    url,
    source,
  };
}
