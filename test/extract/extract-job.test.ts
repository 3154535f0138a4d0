import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractJob, isUsableJob } from "../../src/extract/index.js";

const fixture = (name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "pages", name), "utf8");

describe("extractJob: JSON-LD", () => {
  it("picks the posting for this URL out of an @graph and normalises every field", () => {
    const job = extractJob(fixture("json-ld-graph.html"), { url: "https://acme.example/jobs/1" });
    expect(job).toMatchObject({
      source: "json-ld",
      title: "Senior Backend Engineer & Lead",
      company: "Acme GmbH",
      location: "Berlin, DE; Munich, Bavaria, DE",
      employmentType: "full_time",
      datePosted: "2024-03-05",
      validThrough: "2024-05-01",
      salary: { min: 70000, max: 90000, currency: "EUR", period: "year" },
      url: "https://acme.example/jobs/1",
    });
    expect(job.description).toBe("We build things.\n\n- Go\n- Postgres");
  });

  it("picks the other posting for the other URL", () => {
    expect(extractJob(fixture("json-ld-graph.html"), { url: "https://acme.example/jobs/2" }).title).toBe(
      "Other Job",
    );
  });

  it("repairs broken JSON (comments, CDATA, raw newlines, trailing commas)", () => {
    const job = extractJob(fixture("json-ld-broken.html"), { url: "https://foo.example/j" });
    expect(job.source).toBe("json-ld");
    expect(job.title).toBe("Data Analyst");
    expect(job.company).toBe("Foo Ltd");
    expect(job.workplace).toBe("remote");
    expect(job.location).toBe("Remote (United Kingdom)");
    expect(job.salary).toEqual({ min: 25, max: 25, currency: "GBP", period: "hour" });
    expect(job.employmentType).toBe("contract");
    expect(job.description).toBe("Line one line two");
  });

  it("reads a JSON-LD array and a nested mainEntity", () => {
    const array = `<script type="application/ld+json">[{"@type":"Organization","name":"X"},{"@type":"JobPosting","title":"Cook"}]</script>`;
    expect(extractJob(array, { url: "https://x.example" }).title).toBe("Cook");
    const nested = `<script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"http://schema.org/JobPosting","title":"Baker","hiringOrganization":{"name":"Bread Co"}}}</script>`;
    expect(extractJob(nested, { url: "https://x.example" })).toMatchObject({
      title: "Baker",
      company: "Bread Co",
    });
  });
});

describe("extractJob: other sources", () => {
  it("reads microdata", () => {
    const job = extractJob(fixture("microdata.html"), { url: "https://hospital.example/jobs/9" });
    expect(job).toMatchObject({
      source: "microdata",
      title: "Night Nurse",
      company: "City Hospital",
      location: "Leeds, United Kingdom",
      datePosted: "2023-11-02",
      employmentType: "part_time",
    });
    expect(job.description).toBe("Care for patients.\n\nNights only.");
  });

  it("reads __NEXT_DATA__ app state", () => {
    const job = extractJob(fixture("next-data.html"), { url: "https://nimbus.example/careers/42" });
    expect(job).toMatchObject({
      source: "app-state",
      title: "Platform Engineer",
      company: "Nimbus",
      location: "Remote - Europe",
      workplace: "remote",
      employmentType: "full_time",
      datePosted: "2024-01-15",
    });
    expect(job.description).toContain("- Kubernetes\n- Terraform");
  });

  it("falls back to readable HTML with title heuristics", () => {
    const job = extractJob(fixture("plain-html.html"), { url: "https://lumen.example/jobs/designer" });
    expect(job).toMatchObject({
      source: "html",
      title: "Product Designer",
      company: "Lumen Labs",
      location: "Lisbon, Portugal (Hybrid)",
      workplace: "hybrid",
      salary: { min: 50000, max: 60000, currency: "EUR", period: "year" },
    });
    expect(job.description).toBe(
      "Design calm software.\n\nPay: €50.000 - €60.000 brutto/Jahr\n\n- Figma\n- User research",
    );
  });

  it("reads 'Company hiring Title in Place' titles", () => {
    const job = extractJob(fixture("linkedin-like.html"), { url: "https://www.linkedin.com/jobs/view/1" });
    expect(job).toMatchObject({
      title: "Staff Engineer",
      company: "Orbit",
      location: "Toronto, Ontario, Canada",
    });
  });
});

describe("extractJob on garbage", () => {
  it.each([
    ["", "empty"],
    ["<<<>>>", "angle soup"],
    ["\u0000\u0001binary", "binary"],
    ["<script type=application/ld+json>{{{</script>", "broken JSON-LD"],
  ])("never throws (%s, %s)", (html) => {
    const job = extractJob(html, { url: "https://x.example" });
    expect(job.url).toBe("https://x.example");
    expect(isUsableJob(job)).toBe(false);
  });
});
