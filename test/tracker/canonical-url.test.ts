import { describe, expect, it } from "vitest";
import { canonicalPostingUrl } from "../../src/core/canonical-url.js";

describe("canonicalPostingUrl", () => {
  it("drops utm_* and other tracking parameters", () => {
    expect(
      canonicalPostingUrl(
        "https://boards.greenhouse.io/acme/jobs/123?utm_source=linkedin&utm_medium=social&gh_src=abc&fbclid=x&gclid=y",
      ),
    ).toBe("https://boards.greenhouse.io/acme/jobs/123");
    expect(
      canonicalPostingUrl("https://jobs.lever.co/acme/abc-def?lever-source=LinkedIn&lever-origin=applied"),
    ).toBe("https://jobs.lever.co/acme/abc-def");
    expect(
      canonicalPostingUrl(
        "https://example.com/job?ref=hn&source=x&src=y&mc_cid=1&mc_eid=2&trk=3&trackingId=4&refId=5",
      ),
    ).toBe("https://example.com/job");
  });

  it("keeps parameters that identify the job", () => {
    expect(canonicalPostingUrl("https://acme.com/careers?gh_jid=4567&utm_campaign=x")).toBe(
      "https://acme.com/careers?gh_jid=4567",
    );
    expect(canonicalPostingUrl("https://www.indeed.com/viewjob?jk=abc123&from=serp&vjs=3")).toBe(
      "https://www.indeed.com/viewjob?from=serp&jk=abc123&vjs=3",
    );
    expect(
      canonicalPostingUrl("https://www.linkedin.com/jobs/search/?currentJobId=3900&refId=zz&trackingId=yy"),
    ).toBe("https://www.linkedin.com/jobs/search?currentJobId=3900");
    expect(canonicalPostingUrl("https://x.com/p?jobId=9&id=3")).toBe("https://x.com/p?id=3&jobId=9");
  });

  it("lower-cases scheme and host, drops the default port, the fragment and a trailing slash", () => {
    expect(canonicalPostingUrl("HTTPS://Jobs.Example.COM:443/Careers/Engineer/#apply")).toBe(
      "https://jobs.example.com/Careers/Engineer",
    );
    expect(canonicalPostingUrl("http://example.com:80/a")).toBe("http://example.com/a");
    expect(canonicalPostingUrl("http://example.com:8080/a")).toBe("http://example.com:8080/a");
  });

  it("keeps the root path and non-default ports", () => {
    expect(canonicalPostingUrl("https://example.com/")).toBe("https://example.com/");
    expect(canonicalPostingUrl("https://example.com")).toBe("https://example.com/");
  });

  it("sorts the remaining query so parameter order does not matter", () => {
    const a = canonicalPostingUrl("https://example.com/job?b=2&a=1&utm_source=x");
    const b = canonicalPostingUrl("https://example.com/job?a=1&b=2");
    expect(a).toBe(b);
    expect(a).toBe("https://example.com/job?a=1&b=2");
  });

  it("keeps hash routes that address a posting on single-page career sites", () => {
    expect(canonicalPostingUrl("https://careers.acme.com/#/jobs/42")).toBe(
      "https://careers.acme.com/#/jobs/42",
    );
    expect(canonicalPostingUrl("https://careers.acme.com/#!/jobs/42/")).toBe(
      "https://careers.acme.com/#!/jobs/42",
    );
  });

  it("is idempotent", () => {
    const once = canonicalPostingUrl("HTTPS://Example.com/jobs/7/?utm_source=a&z=1&a=2#top");
    expect(canonicalPostingUrl(once)).toBe(once);
  });

  it("treats tracking parameter names case-insensitively", () => {
    expect(canonicalPostingUrl("https://example.com/j?UTM_Source=x&TrackingId=1&keep=1")).toBe(
      "https://example.com/j?keep=1",
    );
  });

  it("rejects something that is not a URL with a coded error", () => {
    expect(() => canonicalPostingUrl("not a url")).toThrowError(
      expect.objectContaining({ code: "JOBPIPE_ERR_INVALID_URL" }),
    );
  });
});
