import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { atsEndpointFor, extractFromAtsResponse } from "../../src/extract/index.js";

const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");
const recorded = (name: string) =>
  fs.readFileSync(path.join(corpusDir, "ats-api", "michaeldinhmai-job-agent", name), "utf8");

describe("atsEndpointFor", () => {
  it.each([
    [
      "https://boards.greenhouse.io/anthropic/jobs/4182383008",
      "greenhouse",
      "https://boards-api.greenhouse.io/v1/boards/anthropic/jobs/4182383008?content=true",
    ],
    [
      "https://job-boards.greenhouse.io/scaleai/jobs/4315289005?gh_src=x",
      "greenhouse",
      "https://boards-api.greenhouse.io/v1/boards/scaleai/jobs/4315289005?content=true",
    ],
    [
      "https://boards.greenhouse.io/embed/job_app?for=c3iot&token=6181786002",
      "greenhouse",
      "https://boards-api.greenhouse.io/v1/boards/c3iot/jobs/6181786002?content=true",
    ],
    [
      "https://jobs.lever.co/palantir/32579f9c-0088-40cb-bb0b-ed45a35bcb19/apply",
      "lever",
      "https://api.lever.co/v0/postings/palantir/32579f9c-0088-40cb-bb0b-ed45a35bcb19?mode=json",
    ],
    [
      "https://jobs.eu.lever.co/acme/32579f9c-0088-40cb-bb0b-ed45a35bcb19",
      "lever",
      "https://api.eu.lever.co/v0/postings/acme/32579f9c-0088-40cb-bb0b-ed45a35bcb19?mode=json",
    ],
    [
      "https://jobs.ashbyhq.com/render/558f18ed-c98c-4928-aa2b-2f9e297eea42",
      "ashby",
      "https://api.ashbyhq.com/posting-api/job-board/render?includeCompensation=true",
    ],
    [
      "https://apply.workable.com/vasion/j/74172297A5/",
      "workable",
      "https://apply.workable.com/api/v1/widget/accounts/vasion?details=true",
    ],
    [
      "https://jobs.smartrecruiters.com/AutomationAnywhere1/743999706414750-pricing-analyst",
      "smartrecruiters",
      "https://api.smartrecruiters.com/v1/companies/AutomationAnywhere1/postings/743999706414750",
    ],
    [
      "https://aikidosecurity.recruitee.com/o/customer-success-engineer-tel-aviv",
      "recruitee",
      "https://aikidosecurity.recruitee.com/api/offers/customer-success-engineer-tel-aviv",
    ],
  ])("%s → %s", (url, source, apiUrl) => {
    expect(atsEndpointFor(url)).toMatchObject({ source, apiUrl });
  });

  it("uses overridden base URLs and ignores other sites", () => {
    expect(
      atsEndpointFor("https://jobs.lever.co/x/32579f9c-0088-40cb-bb0b-ed45a35bcb19", {
        lever: "http://127.0.0.1:9/lever/",
      })?.apiUrl,
    ).toBe("http://127.0.0.1:9/lever/v0/postings/x/32579f9c-0088-40cb-bb0b-ed45a35bcb19?mode=json");
    expect(atsEndpointFor("https://example.com/jobs/1")).toBeNull();
    expect(atsEndpointFor("https://jobs.lever.co/palantir")).toBeNull();
  });
});

describe("extractFromAtsResponse on recorded responses", () => {
  it("Greenhouse list: picks the job by id and decodes escaped HTML", () => {
    const job = extractFromAtsResponse("greenhouse", recorded("greenhouse.json"), {
      url: "https://job-boards.greenhouse.io/honeycomb/jobs/5378630008",
    });
    expect(job).toMatchObject({
      source: "greenhouse",
      title: "Field Marketing Specialist",
      company: "Honeycomb.io",
      location: "Remote - United States",
      workplace: "remote",
    });
    expect(job?.description).not.toMatch(/&lt;|<div/);
    expect(job?.description.length).toBeGreaterThan(200);
  });

  it("Lever list: picks the posting by id", () => {
    const job = extractFromAtsResponse("lever", recorded("lever.json"), {
      url: "https://jobs.lever.co/jumpcloud/7d6cc0b4-a5f9-4f02-8542-7fc1eb5749e2",
    });
    expect(job).toMatchObject({
      source: "lever",
      title: "Account Executive, North America SMB - India",
      location: "Bangalore, India - Remote",
      workplace: "remote",
      employmentType: "full_time",
    });
    expect(job?.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("Ashby job board list", () => {
    const job = extractFromAtsResponse("ashby", recorded("ashby.json"), {
      url: "https://jobs.ashbyhq.com/render/558f18ed-c98c-4928-aa2b-2f9e297eea42",
    });
    expect(job).toMatchObject({
      source: "ashby",
      title: "Open Application",
      location: "Remote: United States",
      workplace: "remote",
      employmentType: "full_time",
    });
  });

  it("Workable widget list", () => {
    const job = extractFromAtsResponse("workable", recorded("workable.json"), {
      url: "https://apply.workable.com/vasion/j/74172297A5/",
    });
    expect(job).toMatchObject({
      source: "workable",
      title: "Account Executive (Partner First) - APAC",
      company: "Vasion",
      location: "New South Wales, Australia",
      workplace: "remote",
      datePosted: "2026-08-05",
    });
  });

  it("SmartRecruiters detail and list", () => {
    const url = "https://jobs.smartrecruiters.com/AutomationAnywhere1/743999706414750-pricing-analyst";
    // The recording is trimmed to its jobAd; with no name there is no usable job.
    expect(
      extractFromAtsResponse("smartrecruiters", recorded("smartrecruiters_detail.json"), { url }),
    ).toBeNull();
    const withName = {
      ...JSON.parse(recorded("smartrecruiters_detail.json")),
      name: "Pricing Analyst",
      company: { name: "Automation Anywhere" },
    };
    const detail = extractFromAtsResponse("smartrecruiters", JSON.stringify(withName), { url });
    expect(detail?.title).toBe("Pricing Analyst");
    expect(detail?.description).toContain("Pricing analysts work with complex data sets");
    const list = extractFromAtsResponse("smartrecruiters", recorded("smartrecruiters_page0.json"), { url });
    expect(list).toMatchObject({
      title: "Pricing Analyst",
      company: "Automation Anywhere",
      location: "San Jose, CA, United States",
      employmentType: "full_time",
    });
  });

  it("Recruitee offers list", () => {
    const job = extractFromAtsResponse("recruitee", recorded("recruitee.json"), {
      url: "https://aikidosecurity.recruitee.com/o/customer-success-engineer-tel-aviv",
    });
    expect(job).toMatchObject({
      source: "recruitee",
      title: "Customer Success Engineer Tel Aviv",
      company: "Aikido Security",
      location: "Tel Aviv, Israel",
      workplace: "remote",
    });
  });

  it("returns null when the posting is not in the response or the body is not JSON", () => {
    expect(
      extractFromAtsResponse("lever", recorded("lever.json"), {
        url: "https://jobs.lever.co/jumpcloud/00000000-0000-0000-0000-000000000000",
      }),
    ).toBeNull();
    expect(
      extractFromAtsResponse("greenhouse", "<html>", { url: "https://boards.greenhouse.io/a/jobs/1" }),
    ).toBeNull();
  });
});
