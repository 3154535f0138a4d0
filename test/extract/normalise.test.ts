import { describe, expect, it } from "vitest";
import { toIsoDate } from "../../src/extract/normalise/dates.js";
import { mapEmploymentType } from "../../src/extract/normalise/employment.js";
import { parseLooseJson } from "../../src/extract/normalise/json-repair.js";
import {
  salaryFromSchema,
  salaryFromText,
  salaryInLines,
  salaryInText,
} from "../../src/extract/normalise/salary.js";
import { decodeEntities, htmlToText, tidyText } from "../../src/extract/normalise/text.js";

describe("salary", () => {
  it.each([
    ["$120k–$150k a year", { min: 120000, max: 150000, currency: "USD", period: "year" }],
    ["€50.000 - €60.000 brutto/Jahr", { min: 50000, max: 60000, currency: "EUR", period: "year" }],
    ["£25/hour", { min: 25, max: 25, currency: "GBP", period: "hour" }],
    ["USD 4,500 per month", { min: 4500, max: 4500, currency: "USD", period: "month" }],
    ["$45.50 - $60 hourly", { min: 45.5, max: 60, currency: "USD", period: "hour" }],
    ["A$140,000 – 160,000", { min: 140000, max: 160000, currency: "AUD", period: "year" }],
  ])("parses %s", (text, expected) => {
    expect(salaryFromText(text)).toEqual(expected);
  });
  it("needs a currency in text", () => {
    expect(salaryFromText("5 years of experience, 2 teams")).toBeNull();
  });
  it("reads schema.org amounts", () => {
    expect(
      salaryFromSchema({
        currency: "usd",
        value: { minValue: "100000", maxValue: 130000, unitText: "YEAR" },
      }),
    ).toEqual({
      min: 100000,
      max: 130000,
      currency: "USD",
      period: "year",
    });
    expect(salaryFromSchema({ currency: "EUR", value: 3500, unitText: "MONTH" })).toEqual({
      min: 3500,
      max: 3500,
      currency: "EUR",
      period: "month",
    });
    expect(salaryFromSchema({ currency: "EUR", value: { value: 0 } })).toBeNull();
  });
});

describe("text", () => {
  it("keeps paragraphs and bullets", () => {
    expect(
      htmlToText(
        "<h2>About</h2><p>One&nbsp;&amp; two</p><ul><li>A</li><li><p>B</p></li></ul><p>End<br>line</p>",
      ),
    ).toBe("About\n\nOne & two\n\n- A\n- B\n\nEnd\nline");
  });
  it("decodes escaped HTML and numeric entities", () => {
    expect(htmlToText("&lt;p&gt;Caf&#233; &#x2014; ok&lt;/p&gt;")).toBe("Café — ok");
    expect(decodeEntities("&amp;amp;")).toBe("&");
  });
  it("drops scripts and styles", () => {
    expect(htmlToText("<p>Hi</p><script>alert(1)</script><style>p{}</style>")).toBe("Hi");
  });
});

describe("dates and employment types", () => {
  it.each([
    ["2024-03-05T10:00:00Z", "2024-03-05"],
    ["2024/3/5", "2024-03-05"],
    ["05.03.2024", "2024-03-05"],
    ["5 March 2024", "2024-03-05"],
    ["March 5, 2024", "2024-03-05"],
    ["soon", null],
  ])("%s → %s", (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });
  it("converts epoch milliseconds", () => {
    expect(toIsoDate(1785339866689)).toBe("2026-07-29");
  });
  it.each([
    ["FULL_TIME", "full_time"],
    ["PART_TIME", "part_time"],
    ["CONTRACTOR", "contract"],
    ["TEMPORARY", "temporary"],
    ["INTERN", "internship"],
    ["CDI", "full_time"],
    ["Werkstudent", "internship"],
    ["VOLUNTEER", "other"],
  ])("%s → %s", (input, expected) => {
    expect(mapEmploymentType(input)).toBe(expected);
  });
});

describe("parseLooseJson", () => {
  it("repairs trailing commas, comments, control characters and entity-encoded quotes", () => {
    expect(parseLooseJson('{"a": [1, 2,], /* c */ "b": "x\ty",}')).toEqual({ a: [1, 2], b: "x\ty" });
    expect(parseLooseJson("{&quot;a&quot;: 1}")).toEqual({ a: 1 });
    expect(parseLooseJson('<!-- {"a": "http://x.example/y"} -->')).toEqual({ a: "http://x.example/y" });
    expect(parseLooseJson("{nope")).toBeUndefined();
  });
});

describe("salary stated in text", () => {
  it.each([
    ["$120k–$150k a year", { min: 120000, max: 150000, currency: "USD", period: "year" }],
    ["€50.000 - €60.000 brutto/Jahr", { min: 50000, max: 60000, currency: "EUR", period: "year" }],
    ["£25/hour", { min: 25, max: 25, currency: "GBP", period: "hour" }],
    ["USD 100,000 - 120,000 per annum", { min: 100000, max: 120000, currency: "USD", period: "year" }],
    ["Salary Range: $4,416 - $8,406 Per Month", { min: 4416, max: 8406, currency: "USD", period: "month" }],
    ["Salaire : 36K à 50K €", { min: 36000, max: 50000, currency: "EUR", period: "year" }],
    ["CHF 110'000 – 130'000 per year", { min: 110000, max: 130000, currency: "CHF", period: "year" }],
    ["A$130,000 - A$160,000 a year", { min: 130000, max: 160000, currency: "AUD", period: "year" }],
  ])("%s", (text, expected) => {
    expect(salaryFromText(text)).toEqual(expected);
  });

  it("picks the salary line of a posting, not a small stipend before it", () => {
    const posting = [
      "Benefits",
      "- Annual learning & development stipend ($1,500 per year)",
      "Annual Salary Range",
      "$160K – $385K",
      "Apply now",
    ].join("\n");
    expect(salaryInText(posting)).toEqual({ min: 160000, max: 385000, currency: "USD", period: "year" });
  });

  it("prefers a line that names the salary over another amount of money", () => {
    const posting =
      "Relocation bonus of $5,000.\nThe base salary range for this role is $146,000 - $197,600.\nWe offer 401(k).";
    expect(salaryInText(posting)).toEqual({ min: 146000, max: 197600, currency: "USD", period: "year" });
  });

  it("finds none where the text states no pay", () => {
    expect(salaryInText("5 years of experience\nTeams of 10 to 12\n2 days in the office")).toBeNull();
  });
});

describe("salary, and only a salary", () => {
  it("reads a range split over lines (amount, dash, amount with its currency)", () => {
    const page = [
      "The expected salary range for this position is:",
      "Annual Salary:",
      "$300,000",
      "—",
      "$425,000 USD",
      "Logistics",
    ];
    expect(salaryInLines(page)).toEqual({ min: 300000, max: 425000, currency: "USD", period: "year" });
  });

  it("reads 'between X and Y' and 'from X … up to Y'", () => {
    expect(salaryInText("The base pay range for this role is between $183,400 and $316,900.")).toEqual({
      min: 183400,
      max: 316900,
      currency: "USD",
      period: "year",
    });
    expect(
      salaryInText(
        "Base pay ranges from $115,000/year in our lowest geographic market up to $223,600/year in our highest.",
      ),
    ).toEqual({ min: 115000, max: 223600, currency: "USD", period: "year" });
  });

  it.each([
    "Fellowship recipients will receive a $25,000 bonus conditioned upon accepting an associate position.",
    "Annual learning & development stipend ($1,500 per year)",
    "Backed by nearly $100 million in funding, we are growing fast.",
    "A generous personal development budget of $2,500 per annum",
    "We raised $40,000,000 from leading investors.",
  ])("takes no salary from %s", (text) => {
    expect(salaryInText(text)).toBeNull();
  });

  it("keeps the salary when a bonus follows it", () => {
    expect(salaryInText("Compensation: $160K to $200K + bonus (depending on skills).")).toEqual({
      min: 160000,
      max: 200000,
      currency: "USD",
      period: "year",
    });
  });

  it("does not pair a salary with an unrelated number such as 401(k)", () => {
    expect(salaryInText("Salary: $95,000 per year, 401(k) matching")).toEqual({
      min: 95000,
      max: 95000,
      currency: "USD",
      period: "year",
    });
  });

  it("ignores other jobs' pay on untrusted lines unless salary words name it", () => {
    const cards = [
      "Senior Platform Engineer",
      "Halcyon Knights",
      "Melbourne, Victoria, Australia",
      "A$160,000.00",
      "-",
      "A$200,000.00",
    ];
    expect(salaryInLines(cards, () => false)).toBeNull();
    expect(salaryInLines(["Pay", "$130,000 - $160,000 a year"], () => false)).toEqual({
      min: 130000,
      max: 160000,
      currency: "USD",
      period: "year",
    });
  });
});

describe("tidyText", () => {
  it.each([
    ["- - - x", "- x"],
    ["* - x\n\n\n- y\n\n- z", "- x\n- y\n- z"],
    ["  a  \r\n\n\n b\t c ", "a\n\nb c"],
    ["–  item", "- item"],
  ])("tidies %j once and for all", (raw, tidy) => {
    expect(tidyText(raw)).toBe(tidy);
    expect(tidyText(`${tidy}\n`)).toBe(tidy);
  });
});
