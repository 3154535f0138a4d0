import { beforeAll, describe, expect, it } from "vitest";
import type { Job, Profile } from "../../src/core/index.js";
import {
  checkLetter,
  countWords,
  createOfflineLetterWriter,
  extractRequirements,
  findPlaceholders,
  missingProfileWarning,
} from "../../src/letter/index.js";
import { loadProfile } from "../../src/profile/index.js";
import { corpusJob, corpusJobs, corpusResumes } from "./helpers.js";

const resumes = {
  "Thomas Davis (JSON Resume)": corpusResumes.thomasDavis,
  "Wei Lee (Markdown)": corpusResumes.weiLee,
  "Chad Ostrowski (Markdown)": corpusResumes.chadOstrowski,
};
const profiles = new Map<string, Profile>();
const writer = createOfflineLetterWriter();

beforeAll(async () => {
  for (const [name, file] of Object.entries(resumes)) profiles.set(name, await loadProfile(file));
});

/** Résumé facts a letter may cite: employers, titles and highlight fragments. */
function citedFacts(text: string, profile: Profile): string[] {
  const facts = profile.experience.flatMap((item) => [
    item.employer,
    ...item.highlights.map((highlight) => highlight.slice(0, 25)),
  ]);
  return facts.filter((fact) => fact.length > 3 && text.includes(fact));
}

describe("offline writer: 3 corpus résumés × 3 corpus postings", () => {
  for (const name of Object.keys(resumes)) {
    for (const job of corpusJobs()) {
      it(`${name} × ${job.company} ${job.title}`, async () => {
        const profile = profiles.get(name) as Profile;
        const draft = await writer.write({ job, profile, tone: "formal" });
        const words = countWords(draft.text);
        expect(words).toBeGreaterThanOrEqual(250);
        expect(words).toBeLessThanOrEqual(400);
        expect(draft.text).toContain(job.company as string);
        expect(draft.text).toContain((job.title as string).split(",")[0] as string);
        expect(findPlaceholders(draft.text)).toEqual([]);
        expect(checkLetter(draft.text, { job, profile })).toEqual([]);
        expect(draft.warnings).toEqual([]);
        expect(citedFacts(draft.text, profile).length).toBeGreaterThanOrEqual(2);
        expect(draft.text).toContain(profile.name as string);
        if (profile.email) expect(draft.text).toContain(profile.email);
        expect(draft).toMatchObject({ provider: "offline", model: null, usage: null, attempts: 1 });
      });
    }
  }
});

describe("offline writer", () => {
  it("is deterministic", async () => {
    const profile = profiles.get("Wei Lee (Markdown)") as Profile;
    const job = corpusJob("openai-fullstack");
    const first = await writer.write({ job, profile, tone: "warm" });
    const second = await writer.write({ job, profile, tone: "warm" });
    expect(first.text).toBe(second.text);
  });

  it("cites the résumé evidence that matches the posting's requirements", async () => {
    const profile = profiles.get("Thomas Davis (JSON Resume)") as Profile;
    const draft = await writer.write({ job: corpusJob("papercut-devops"), profile, tone: "formal" });
    // PaperCut asks for cloud providers (GCP, AWS, Azure); Thomas moved Earbits from Heroku to AWS.
    expect(draft.text).toMatch(/AWS/);
    expect(draft.text).toContain("Earbits");
  });

  it("changes wording with the tone", async () => {
    const profile = profiles.get("Chad Ostrowski (Markdown)") as Profile;
    const job = corpusJob("vercel-observability");
    const formal = await writer.write({ job, profile, tone: "formal" });
    const warm = await writer.write({ job, profile, tone: "warm" });
    const concise = await writer.write({ job, profile, tone: "concise" });
    expect(new Set([formal.text, warm.text, concise.text]).size).toBe(3);
    for (const draft of [formal, warm, concise])
      expect(checkLetter(draft.text, { job, profile })).toEqual([]);
  });

  it("without a profile writes an honest shorter letter and warns about JOBPIPE_PROFILE", async () => {
    const job = corpusJob("papercut-devops");
    const draft = await writer.write({ job, profile: null, tone: "formal" });
    expect(draft.warnings).toEqual([missingProfileWarning]);
    expect(draft.warnings[0]).toContain("JOBPIPE_PROFILE");
    const words = countWords(draft.text);
    expect(words).toBeGreaterThanOrEqual(100);
    expect(words).toBeLessThan(250);
    expect(draft.text).toContain("PaperCut Software");
    expect(draft.text).toContain("Senior DevOps Engineer");
    expect(findPlaceholders(draft.text)).toEqual([]);
    expect(draft.text).not.toMatch(/\bI (built|led|managed|worked)\b/);
  });

  it("phrases around an unknown company and title, never a placeholder", async () => {
    const job: Job = { ...corpusJob("vercel-observability"), company: null, title: null };
    const profile = profiles.get("Wei Lee (Markdown)") as Profile;
    for (const draft of [
      await writer.write({ job, profile, tone: "formal" }),
      await writer.write({ job, profile: null, tone: "formal" }),
    ]) {
      expect(findPlaceholders(draft.text)).toEqual([]);
      expect(draft.text).toMatch(/^Dear Hiring Team,/);
      expect(draft.text).toContain("the position described in your posting");
    }
  });
});

describe("extractRequirements", () => {
  it("finds the skills a posting asks for, requirements sections first", () => {
    const phrases = extractRequirements(corpusJob("openai-fullstack").description).map(
      (requirement) => requirement.phrase,
    );
    expect(phrases).toEqual(expect.arrayContaining(["JavaScript", "React", "Python", "PostgreSQL"]));
  });

  it("falls back to frequent words for a posting outside the lexicon", () => {
    const description =
      "We need a pastry chef.\nRequirements:\n- Croissant lamination\n- Croissant shaping and sourdough baking\n- Sourdough starters";
    const phrases = extractRequirements(description).map((requirement) => requirement.phrase);
    expect(phrases).toEqual(expect.arrayContaining(["croissant", "sourdough"]));
  });
});
