import { describe, expect, it } from "vitest";
import type { Job } from "../../src/core/index.js";
import {
  formatCardDescription,
  formatCardName,
  formatSalary,
  keyRequirements,
  postingUrlFromDescription,
  trelloDescriptionLimit,
} from "../../src/tracker/index.js";

const base: Job = {
  title: "Data Engineer",
  company: "Beta GmbH",
  location: null,
  workplace: null,
  employmentType: null,
  salary: null,
  datePosted: null,
  validThrough: null,
  description: "",
  applyUrl: null,
  url: "https://jobs.beta.example/42",
  source: "html",
};

describe("formatCardName", () => {
  it("joins title and company with an em dash", () => {
    expect(formatCardName(base)).toBe("Data Engineer — Beta GmbH");
  });

  it("falls back when title or company is missing", () => {
    expect(formatCardName({ ...base, company: null })).toBe("Data Engineer");
    expect(formatCardName({ ...base, title: "  " })).toBe("Job at Beta GmbH");
    expect(formatCardName({ ...base, title: null, company: null })).toBe("Job posting at jobs.beta.example");
  });

  it("collapses whitespace and bounds the length", () => {
    expect(formatCardName({ ...base, title: "Data\n  Engineer" })).toBe("Data Engineer — Beta GmbH");
    expect(formatCardName({ ...base, title: "x".repeat(2000) }).length).toBe(512);
  });
});

describe("formatCardDescription", () => {
  it("stays within Trello's limit and keeps the marker for a huge posting", () => {
    const description = Array.from(
      { length: 3000 },
      (_, index) => `- requirement ${index} ${"y".repeat(200)}`,
    ).join("\n");
    const text = formatCardDescription({ ...base, description: `Requirements\n${description}` }, base.url);
    expect(text.length).toBeLessThanOrEqual(trelloDescriptionLimit);
    expect(postingUrlFromDescription(text)).toBe(base.url);
  });

  it("truncates a body that is too long but keeps the marker", () => {
    const text = formatCardDescription({ ...base, location: "z".repeat(500) }, base.url, 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(postingUrlFromDescription(text)).toBe(base.url);
  });

  it("uses an excerpt when the posting has no bullet list", () => {
    const text = formatCardDescription(
      { ...base, description: "We need a data engineer.\n\nJoin us." },
      base.url,
    );
    expect(text).toContain("### About the role\nWe need a data engineer.\n\nJoin us.");
    expect(text).not.toContain("Key requirements");
  });

  it("shows the apply link when it differs from the posting", () => {
    const text = formatCardDescription({ ...base, applyUrl: "https://apply.example/42" }, base.url);
    expect(text).toContain("**Apply:** https://apply.example/42");
  });
});

describe("keyRequirements", () => {
  it("prefers bullets under a requirements heading", () => {
    const text =
      "Responsibilities\n- Build pipelines\n\nWhat you'll need\n- SQL\n* Python\n1. Airflow\n\nPerks\n- Bike";
    expect(keyRequirements(text)).toEqual(["SQL", "Python", "Airflow"]);
  });

  it("falls back to the first bullets", () => {
    expect(keyRequirements("Duties\n- Build\n- Ship")).toEqual(["Build", "Ship"]);
  });
});

describe("formatSalary", () => {
  it("formats ranges, open ends and single values", () => {
    expect(formatSalary({ min: 50000, max: 60000, currency: "USD", period: "year" })).toBe(
      "USD 50,000–60,000 per year",
    );
    expect(formatSalary({ min: 40, max: null, currency: "EUR", period: "hour" })).toBe(
      "EUR from 40 per hour",
    );
    expect(formatSalary({ min: null, max: 90000, currency: null, period: null })).toBe("up to 90,000");
    expect(formatSalary({ min: 70000, max: 70000, currency: "GBP", period: "year" })).toBe(
      "GBP 70,000 per year",
    );
    expect(formatSalary({ min: null, max: null, currency: "GBP", period: "year" })).toBeNull();
  });
});

describe("postingUrlFromDescription", () => {
  it("reads the marker, with or without backticks", () => {
    expect(postingUrlFromDescription("x\n`jobpipe:posting https://a.example/1`")).toBe("https://a.example/1");
    expect(postingUrlFromDescription("jobpipe:posting https://a.example/2\nmore")).toBe(
      "https://a.example/2",
    );
    expect(postingUrlFromDescription("nothing here")).toBeNull();
  });
});
