import { beforeAll, describe, expect, it } from "vitest";
import type { Profile } from "../../src/core/index.js";
import { checkLetter, createOfflineLetterWriter, findPlaceholders } from "../../src/letter/index.js";
import { loadProfile } from "../../src/profile/index.js";
import { corpusJob, corpusResumes } from "./helpers.js";

const job = corpusJob("openai-fullstack");
let profile: Profile;
let good: string;

beforeAll(async () => {
  profile = await loadProfile(corpusResumes.thomasDavis);
  good = (await createOfflineLetterWriter().write({ job, profile, tone: "formal" })).text;
});

describe("checkLetter", () => {
  it("accepts a grounded letter of the right length naming role and company", () => {
    expect(checkLetter(good, { job, profile })).toEqual([]);
  });

  it.each([
    ["[Your Name]"],
    ["{company}"],
    ["{{ company_name }}"],
    ["<Hiring Manager>"],
    ["Hiring Manager Name"],
    ["[Company Name]"],
  ])("rejects the placeholder %s", (placeholder) => {
    const problems = checkLetter(`${good}\n${placeholder}`, { job, profile });
    expect(problems.some((problem) => problem.includes("placeholder"))).toBe(true);
  });

  it("finds placeholders but not ordinary text", () => {
    expect(findPlaceholders("Dear Hiring Manager, I am Thomas (Melbourne).")).toEqual([]);
    expect(findPlaceholders("Dear [Name], see <link>")).toEqual(["[Name]", "<link>"]);
  });

  it("rejects a letter that is too short or too long", () => {
    const short = "Dear OpenAI team,\n\nI would like the Software Engineer job.\n\nThomas Davis";
    expect(checkLetter(short, { job, profile }).join()).toMatch(/too short: \d+ words, at least 250/);
    const long = `${good}\n\n${good}`;
    expect(checkLetter(long, { job, profile }).join()).toMatch(/too long: \d+ words, at most 400/);
  });

  it("allows a shorter letter when there is no résumé", () => {
    const words = Array.from({ length: 110 }, () => "word").join(" ");
    const letter = `Dear OpenAI Hiring Team,\n\nI apply for the Software Engineer role at OpenAI. ${words}`;
    expect(checkLetter(letter, { job, profile: null })).toEqual([]);
  });

  it("rejects a letter that doesn't name the company", () => {
    const letter = good.replaceAll("OpenAI", "the company");
    expect(checkLetter(letter, { job, profile })).toContain('does not name the company "OpenAI"');
  });

  it("rejects a letter that doesn't name the role", () => {
    const letter = good.replaceAll("Software Engineer", "position");
    expect(checkLetter(letter, { job, profile }).join()).toMatch(
      /does not name the role "Software Engineer"/,
    );
  });

  it("accepts the company without its legal suffix", () => {
    const acme = { ...job, company: "OpenAI, Inc." };
    expect(checkLetter(good, { job: acme, profile })).toEqual([]);
  });

  it("rejects an employer absent from the résumé", () => {
    const letter = good.replace(
      "Thank you for your time",
      "At Atlassian, I led the Jira team. Thank you for your time",
    );
    expect(checkLetter(letter, { job, profile })).toContain(
      'mentions the employer "Atlassian", which is not in the résumé',
    );
  });

  it("does not flag employers that are in the résumé, or the target company", () => {
    const letter = good.replace(
      "Thank you for your time",
      "My time at Earbits and my work for Listium prepared me for OpenAI. Thank you for your time",
    );
    expect(checkLetter(letter, { job, profile })).toEqual([]);
  });

  it("rejects a degree absent from the résumé", () => {
    const letter = good.replace(
      "Thank you for your time",
      "I hold a PhD in Computer Science. Thank you for your time",
    );
    expect(checkLetter(letter, { job, profile })).toContain(
      "mentions a doctoral (PhD) degree, which is not in the résumé",
    );
    const master = good.replace(
      "Thank you for your time",
      "My MSc taught me rigour. Thank you for your time",
    );
    expect(checkLetter(master, { job, profile })).toContain(
      "mentions a master's degree, which is not in the résumé",
    );
  });

  it("accepts a degree the résumé has", () => {
    // Thomas Davis's résumé lists a (incomplete) Bachelors.
    const letter = good.replace(
      "Thank you for your time",
      "My bachelor's studies covered software engineering. Thank you for your time",
    );
    expect(checkLetter(letter, { job, profile })).toEqual([]);
  });
});
