/**
 * Which applicant-tracking system a posting URL belongs to, and the public JSON API URL that holds
 * the same posting. Base URLs can be overridden (tests point them at a local server).
 */
import type { AtsName } from "./ats-name.js";

export interface AtsEndpoint {
  source: AtsName;
  apiUrl: string;
  /** The posting's id in that system, used to pick it out of list responses. */
  postingId: string;
}

export const defaultAtsBaseUrls: Record<AtsName, string> = {
  greenhouse: "https://boards-api.greenhouse.io",
  lever: "https://api.lever.co",
  ashby: "https://api.ashbyhq.com",
  workable: "https://apply.workable.com",
  smartrecruiters: "https://api.smartrecruiters.com",
  recruitee: "",
};

function trimSlash(base: string): string {
  return base.replace(/\/+$/, "");
}

export function atsEndpointFor(
  url: string,
  baseUrls: Partial<Record<AtsName, string>> = {},
): AtsEndpoint | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  const segments = parsed.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const base = (name: AtsName, fallback?: string) =>
    trimSlash(baseUrls[name] ?? fallback ?? defaultAtsBaseUrls[name]);

  if (/(^|\.)greenhouse\.io$/.test(host)) {
    const board = parsed.searchParams.get("for");
    const token = parsed.searchParams.get("token") ?? parsed.searchParams.get("gh_jid");
    if (board && token && /^\d+$/.test(token)) {
      return {
        source: "greenhouse",
        apiUrl: `${base("greenhouse")}/v1/boards/${encodeURIComponent(board)}/jobs/${token}?content=true`,
        postingId: token,
      };
    }
    const jobsIndex = segments.indexOf("jobs");
    const id = segments[jobsIndex + 1];
    const boardName = segments[jobsIndex - 1];
    if (jobsIndex > 0 && boardName && id && /^\d+$/.test(id)) {
      const fallback = host.includes(".eu.") ? "https://boards-api.eu.greenhouse.io" : undefined;
      return {
        source: "greenhouse",
        apiUrl: `${base("greenhouse", fallback)}/v1/boards/${encodeURIComponent(boardName)}/jobs/${id}?content=true`,
        postingId: id,
      };
    }
    return null;
  }
  if (host === "jobs.lever.co" || host === "jobs.eu.lever.co") {
    const [site, id] = segments;
    if (!site || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const fallback = host === "jobs.eu.lever.co" ? "https://api.eu.lever.co" : undefined;
    return {
      source: "lever",
      apiUrl: `${base("lever", fallback)}/v0/postings/${encodeURIComponent(site)}/${id}?mode=json`,
      postingId: id,
    };
  }
  if (host === "jobs.ashbyhq.com") {
    const [organization, id] = segments;
    if (!organization || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return {
      source: "ashby",
      apiUrl: `${base("ashby")}/posting-api/job-board/${encodeURIComponent(organization)}?includeCompensation=true`,
      postingId: id,
    };
  }
  if (host === "apply.workable.com") {
    const jIndex = segments.indexOf("j");
    const account = jIndex > 0 ? segments[0] : undefined;
    const shortcode = segments[jIndex + 1];
    if (!account || !shortcode || jIndex === -1) return null;
    return {
      source: "workable",
      apiUrl: `${base("workable")}/api/v1/widget/accounts/${encodeURIComponent(account)}?details=true`,
      postingId: shortcode,
    };
  }
  if (host === "jobs.smartrecruiters.com" || host === "careers.smartrecruiters.com") {
    const [company, slug] = segments;
    const id = slug ? /^(\d{6,})/.exec(slug)?.[1] : undefined;
    if (!company || !id) return null;
    return {
      source: "smartrecruiters",
      apiUrl: `${base("smartrecruiters")}/v1/companies/${encodeURIComponent(company)}/postings/${id}`,
      postingId: id,
    };
  }
  const recruitee = /^([a-z0-9-]+)\.recruitee\.com$/.exec(host);
  if (recruitee?.[1] && segments[0] === "o" && segments[1]) {
    const origin = base("recruitee", `https://${recruitee[1]}.recruitee.com`);
    return {
      source: "recruitee",
      apiUrl: `${origin}/api/offers/${encodeURIComponent(segments[1])}`,
      postingId: segments[1],
    };
  }
  return null;
}
