/**
 * Checks on a letter before it is accepted (from a model or the offline writer). Each returns a
 * problem in plain words, so it can be sent back to the model as the reason for a rewrite and shown
 * to the user as a warning. Best-effort heuristics: they catch the embarrassing cases (placeholders,
 * a wrong company, an invented employer or degree), not every possible fabrication.
 */
import type { Job, Profile } from "../core/index.js";
import { maximumLetterWords, minimumLetterWords } from "./prompts/system-prompt.js";
import {
  containsPhrase,
  coreTitle,
  countWords,
  normalise,
  shortCompanyName,
  stopWords,
} from "./text-tools.js";

/** Without a résumé the letter is honestly shorter. */
export const minimumWordsWithoutProfile = 100;

export function checkLetter(text: string, context: { job: Job; profile: Profile | null }): string[] {
  const problems: string[] = [];
  problems.push(...findPlaceholders(text).map((found) => `contains the placeholder "${found}"`));
  const words = countWords(text);
  const minimum = context.profile ? minimumLetterWords : minimumWordsWithoutProfile;
  if (words < minimum) problems.push(`is too short: ${words} words, at least ${minimum} needed`);
  if (words > maximumLetterWords)
    problems.push(`is too long: ${words} words, at most ${maximumLetterWords} allowed`);
  const { company, title } = context.job;
  if (company && !containsPhrase(text, shortCompanyName(company))) {
    problems.push(`does not name the company "${company}"`);
  }
  if (title && !namesRole(text, title)) problems.push(`does not name the role "${coreTitle(title)}"`);
  const resumeText = context.profile ? profileText(context.profile) : "";
  for (const employer of findClaimedEmployers(text, context)) {
    problems.push(`mentions the employer "${employer}", which is not in the résumé`);
  }
  for (const degree of findClaimedDegrees(text, resumeText)) {
    problems.push(`mentions a ${degree} degree, which is not in the résumé`);
  }
  return problems;
}

const placeholderPatterns: RegExp[] = [
  /\[[^\]\n]{1,60}\]/g,
  /\{\{?[^}\n]{1,60}\}\}?/g,
  /<[^>\n]{1,60}>/g,
  /\b(hiring manager(?:'s)? name|your name|company name|job title|position title|insert [a-z ]{1,30}|lorem ipsum|xx+|tbd)\b/gi,
];

export function findPlaceholders(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of placeholderPatterns) {
    for (const match of text.matchAll(pattern)) found.add(match[0]);
  }
  return [...found];
}

function namesRole(text: string, title: string): boolean {
  const core = coreTitle(title);
  if (containsPhrase(text, core)) return true;
  const letterWords = new Set(normalise(text).split(" "));
  const titleWords = normalise(core.replace(/[()]/g, " "))
    .split(" ")
    .filter((word) => word.length > 1 && !stopWords.has(word));
  return titleWords.length > 0 && titleWords.every((word) => letterWords.has(word));
}

/** Everything the résumé says, for "is this fact in the résumé?" look-ups. */
export function profileText(profile: Profile): string {
  return [
    profile.text,
    profile.name,
    profile.label,
    profile.summary,
    ...profile.experience.flatMap((item) => [item.employer, item.title, item.summary, ...item.highlights]),
    ...profile.education.flatMap((item) => [item.institution, item.area, item.studyType]),
    ...profile.skills,
  ]
    .filter(Boolean)
    .join("\n");
}

/** Cue words before an employer name, either case at the start ("At Acme", "…worked at Acme"). */
const employerCueWords = [
  "worked (?:at|for)",
  "working (?:at|for)",
  "employed (?:at|by)",
  "joined",
  "my (?:time|years|role|work|tenure) at",
  "while at",
  "(?:engineer|developer|scientist|manager|lead|analyst|designer|consultant|intern|director|architect|officer|founder|cofounder|co-founder|ceo|cto) at",
  "role at",
  "position at",
  "at",
].map((cue) =>
  /^[a-z]/.test(cue) ? `[${cue.charAt(0).toUpperCase()}${cue.charAt(0)}]${cue.slice(1)}` : cue,
);

const employerCue = new RegExp(
  `\\b(?:${employerCueWords.join("|")})\\s+((?:[A-Z][\\w&.'’-]*)(?:\\s+(?:[A-Z][\\w&.'’-]*|of|&|and)){0,4})`,
  "g",
);

const notEmployers = new Set(
  `the a an this that my our your its their i it january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday present`.split(/\s+/),
);

/** Proper nouns the letter presents as a past or present employer that the résumé never mentions. */
export function findClaimedEmployers(text: string, context: { job: Job; profile: Profile | null }): string[] {
  const resume = context.profile ? profileText(context.profile) : "";
  const company = context.job.company ?? "";
  const claimed = new Set<string>();
  for (const match of text.matchAll(employerCue)) {
    const phrase = (match[1] ?? "").replace(/[.,;:'’]+$/, "").replace(/\s+(?:of|and|&)$/, "");
    const firstWord = phrase.split(/\s+/)[0] ?? "";
    if (firstWord.length < 2 || notEmployers.has(firstWord.toLowerCase())) continue;
    if (containsPhrase(resume, firstWord) || containsPhrase(resume, phrase)) continue;
    if (company && (containsPhrase(company, firstWord) || containsPhrase(phrase, shortCompanyName(company))))
      continue;
    if (context.job.title && containsPhrase(context.job.title, firstWord)) continue;
    claimed.add(phrase);
  }
  return [...claimed];
}

const degreeKinds: Array<{ name: string; letter: RegExp; resume: RegExp }> = [
  {
    name: "doctoral (PhD)",
    letter: /\b(ph\.?\s?d\.?|doctorate|doctoral degree)\b/i,
    resume: /\b(ph\.?\s?d|doctor|doctorate|doctoral|dphil)\b/i,
  },
  { name: "MBA", letter: /\bm\.?b\.?a\b/i, resume: /\bm\.?b\.?a\b/i },
  {
    name: "master's",
    letter: /\b(master'?s?(?: degree)?|m\.?sc\.?|m\.s\.|m\.eng|mres)\b/i,
    resume: /\b(master|m\.?sc|m\.s\.|m\.?eng|mres|m\.?a\.|mphil|graduate degree)/i,
  },
  {
    name: "bachelor's",
    letter: /\b(bachelor'?s?(?: degree)?|b\.?sc\.?|b\.s\.|b\.a\.|b\.eng|undergraduate degree)\b/i,
    resume: /\b(bachelor|b\.?sc|b\.s\.|b\.a\.|b\.?eng|undergraduate|ba\b|bs\b)/i,
  },
];

/** Degree kinds the letter claims that the résumé shows no sign of. */
export function findClaimedDegrees(text: string, resumeText: string): string[] {
  return degreeKinds
    .filter((kind) => kind.letter.test(text) && !kind.resume.test(resumeText))
    .map((kind) => kind.name);
}
