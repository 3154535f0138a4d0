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

describe("extractJob: tidy fields", () => {
  const posting = (fields: Record<string, unknown>) =>
    `<script type="application/ld+json">${JSON.stringify({ "@type": "JobPosting", description: "<p>Work.</p>", ...fields })}</script>`;

  it("drops a trailing location and separator junk from the title", () => {
    const job = extractJob(
      posting({
        title: "Litigation Paralegal, - New York",
        hiringOrganization: { name: "Sullivan & Cromwell |" },
        jobLocation: { address: { addressLocality: "New York" } },
      }),
      { url: "https://law.example/j/1" },
    );
    expect(job.title).toBe("Litigation Paralegal");
    expect(job.company).toBe("Sullivan & Cromwell");
    expect(job.location).toBe("New York");
  });

  it.each([
    ["[Job - 24974] Senior React Developer, Brazil", "Brazil", "[Job - 24974] Senior React Developer"],
    ["Consultoría - Diseño visual - La Paz, Bolivia", "Bolivia", "Consultoría - Diseño visual"],
    ["Export Manager, Distributor Sales - Copenhagen", "Copenhagen", "Export Manager, Distributor Sales"],
  ])("drops the last piece of %j when it is the location", (title, place, want) => {
    const job = extractJob(posting({ title, jobLocation: { address: { addressLocality: place } } }), {
      url: "https://n.example/j/4",
    });
    expect(job.title).toBe(want);
  });

  it("keeps a place that is part of the title, and parentheses", () => {
    const job = extractJob(
      posting({ title: "PR Coordinator - Japan", jobLocation: { address: { addressLocality: "Tokyo" } } }),
      { url: "https://n.example/j/2" },
    );
    expect(job.title).toBe("PR Coordinator - Japan");
    const brussels = extractJob(
      posting({
        title: "Legal Secretary (Brussels)",
        jobLocation: { address: { addressLocality: "Brussels" } },
      }),
      { url: "https://n.example/j/3" },
    );
    expect(brussels.title).toBe("Legal Secretary (Brussels)");
  });

  it("trims separators around each place of a location", () => {
    const html = `<html><head><title>Front End Developer | Smart Co</title></head><body>
      <h1>Front End Developer</h1><div class="location">| Romania /; Bulgaria /</div>
      <p>${"We build web apps. ".repeat(20)}</p></body></html>`;
    expect(extractJob(html, { url: "https://smart.example/j" }).location).toBe("Romania; Bulgaria");
  });
});

describe("extractJob: description without paragraphs", () => {
  it("takes the block of div and line-break text over a short list of facts", () => {
    const duty = "Draft letters to constituents and research bills before the committee hearings. ";
    const html = `<html><head><title>Legislative Aide | State Senate</title></head><body>
      <h1>Legislative Aide</h1><ul><li>Posted 1 May</li><li>Full time</li></ul>
      <div class="body-text">About the job<br>${duty.repeat(8)}<br><b>Duties</b><br>${duty.repeat(4)}</div>
      <footer><a href="/privacy">Privacy</a></footer></body></html>`;
    const job = extractJob(html, { url: "https://senate.example/jobs/530" });
    expect(job.description).toContain("About the job");
    expect(job.description).toContain("Duties");
    expect(job.description).not.toContain("Posted 1 May");
  });
});

describe("extractJob: labelled location", () => {
  const page = (facts: string, menu = "") =>
    `<html><head><title>Special Projects Lawyer | K&amp;L Gates</title></head><body><nav>${menu}</nav>
    <h1>Special Projects Lawyer</h1><p>${"We are seeking a lawyer for our energy practice. ".repeat(8)}</p>
    <dl>${facts}</dl></body></html>`;

  it("reads a bare 'Office' label with a short place after it", () => {
    const facts = "<dt>Department</dt><dd>Lawyers</dd><dt>Office</dt><dd>Ft. Worth</dd>";
    expect(extractJob(page(facts), { url: "https://klgates.example/jobs/1" }).location).toBe("Ft. Worth");
  });

  it("does not take a menu's bare 'Office' heading followed by a long line", () => {
    const menu = "<b>Office</b><span>supplies and furniture for your home, delivered next week</span>";
    expect(extractJob(page("", menu), { url: "https://klgates.example/jobs/2" }).location).toBeNull();
  });
});
