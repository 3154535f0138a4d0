/**
 * The glue between fetching and extracting a posting:
 *   fetchPosting     URL → PostingSource: the ATS's JSON API when the URL belongs to one (falling
 *                    back to the HTML page when the API fails), else the HTML page;
 *   extractPosting   PostingSource → Job (ATS parser or extractJob), or JOBPIPE_ERR_NOT_A_JOB_PAGE;
 *   postingFromUserInput  `--html FILE` / `--text FILE` content → PostingSource.
 */
import type { Logger } from "pino";
import { AppError, isAppError, type Job, type Page } from "../core/index.js";
import {
  type AtsName,
  atsEndpointFor,
  emptyJob,
  extractFromAtsResponse,
  extractJob,
  isUsableJob,
} from "../extract/index.js";
import { tidyText } from "../extract/normalise/text.js";
import type { PageFetcher } from "../fetch/page-fetcher.js";

export interface PostingSource {
  kind: "html" | "ats" | "text";
  source?: AtsName;
  page: Page;
  attempts: number;
}

export interface FetchPostingDeps {
  fetcher: PageFetcher;
  atsBaseUrls?: Partial<Record<AtsName, string>>;
  logger: Logger;
  signal?: AbortSignal;
}

export async function fetchPosting(url: string, deps: FetchPostingDeps): Promise<PostingSource> {
  const endpoint = atsEndpointFor(url, deps.atsBaseUrls);
  let apiAttempts = 0;
  if (endpoint) {
    try {
      const apiPage = await deps.fetcher.fetchPage(endpoint.apiUrl, { signal: deps.signal, accept: "json" });
      apiAttempts = apiPage.attempts;
      const { attempts, ...page } = apiPage;
      const job = extractFromAtsResponse(endpoint.source, page.body, { url, postingId: endpoint.postingId });
      if (job)
        return { kind: "ats", source: endpoint.source, page: { ...page, requestedUrl: url }, attempts };
      deps.logger.info(
        { url, source: endpoint.source },
        "ATS API response held no matching posting; reading the page instead",
      );
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      // Only a private-address refusal is final; the API might be down while the page works.
      if (isAppError(error) && error.code === "JOBPIPE_ERR_PRIVATE_ADDRESS") throw error;
      deps.logger.warn(
        { url, source: endpoint.source, error: isAppError(error) ? error.toString() : String(error) },
        "ATS API failed; reading the page instead",
      );
    }
  }
  const fetched = await deps.fetcher.fetchPage(url, { signal: deps.signal, accept: "html" });
  const { attempts, ...page } = fetched;
  return { kind: "html", page, attempts: attempts + apiAttempts };
}

export function extractPosting(posting: PostingSource): Job {
  const url = posting.page.requestedUrl;
  let job: Job | null = null;
  if (posting.kind === "ats" && posting.source) {
    job = extractFromAtsResponse(posting.source, posting.page.body, { url });
  } else if (posting.kind === "text") {
    job = jobFromText(posting.page.body, url);
  } else {
    job = extractJob(posting.page.body, { url: posting.page.finalUrl || url });
    job = { ...job, url };
  }
  if (!job || !isUsableJob(job)) {
    throw new AppError("JOBPIPE_ERR_NOT_A_JOB_PAGE", `No job posting could be read from ${url}`, {
      details: { url },
    });
  }
  return job;
}

export function postingFromUserInput(url: string, content: string, kind: "html" | "text"): PostingSource {
  return {
    kind,
    page: {
      requestedUrl: url,
      finalUrl: url,
      status: null,
      contentType: kind === "html" ? "text/html" : "text/plain",
      body: content,
    },
    attempts: 0,
  };
}

/**
 * A pasted posting as plain text: the first meaningful line is the title (split on " at ", " - "
 * or " | " to find a company), the rest the description.
 */
export function jobFromText(text: string, url: string): Job {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line) => line.trim());
  const firstIndex = lines.findIndex((line) => line !== "");
  const job = emptyJob(url, "text");
  if (firstIndex === -1) return job;
  const first = (lines[firstIndex] ?? "").replace(/^(job title|title|position)\s*:\s*/i, "");
  let title = first;
  let company: string | null = null;
  const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(first);
  const separated = /^(.+?)\s+[-–|]\s+(.+)$/.exec(first);
  if (at) {
    title = at[1] ?? first;
    company = at[2] ?? null;
  } else if (separated) {
    title = separated[1] ?? first;
    company = separated[2] ?? null;
  }
  const rest = lines.slice(firstIndex + 1);
  const companyLine = rest.find((line) => /^(company|employer)\s*:/i.test(line));
  if (!company && companyLine) company = companyLine.replace(/^[^:]+:\s*/, "");
  const locationLine = rest.find((line) => /^(location|where)\s*:/i.test(line));
  return {
    ...job,
    title: title.slice(0, 200),
    company,
    location: locationLine ? locationLine.replace(/^[^:]+:\s*/, "") : null,
    description: tidyText(rest.join("\n")),
  };
}
