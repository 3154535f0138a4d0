/** Applicant-tracking-system APIs: URL → API endpoint, and API response → Job. Pure. */
import type { Job } from "../../core/index.js";
import { parseLooseJson } from "../normalise/json-repair.js";
import { ashbyJob } from "./ashby.js";
import type { AtsName } from "./ats-name.js";
import { atsEndpointFor } from "./endpoints.js";
import { greenhouseJob } from "./greenhouse.js";
import { leverJob } from "./lever.js";
import { recruiteeJob } from "./recruitee.js";
import { smartRecruitersJob } from "./smartrecruiters.js";
import { workableJob } from "./workable.js";

export { type AtsName, atsNames } from "./ats-name.js";
export { type AtsEndpoint, atsEndpointFor, defaultAtsBaseUrls } from "./endpoints.js";

const parsers: Record<AtsName, (data: unknown, postingId: string | null, url: string) => Job | null> = {
  greenhouse: greenhouseJob,
  lever: leverJob,
  ashby: ashbyJob,
  workable: workableJob,
  smartrecruiters: smartRecruitersJob,
  recruitee: recruiteeJob,
};

/** Reads the posting for `options.url` from an ATS API response body; null when it isn't there. */
export function extractFromAtsResponse(
  source: AtsName,
  body: string,
  options: { url: string; postingId?: string },
): Job | null {
  const data = parseLooseJson(body);
  if (data === undefined) return null;
  const postingId = options.postingId ?? atsEndpointFor(options.url)?.postingId ?? null;
  try {
    const job = parsers[source](data, postingId, options.url);
    return job?.title ? job : null;
  } catch {
    return null;
  }
}
