/**
 * Turns a profile into statements the offline writer can cite ("At Rakuten USA, where I work as a
 * Machine Learning Engineer, I built data pipelines…") and ranks them against the posting's
 * requirements. Statements are the résumé's own words: highlights, role summaries and the profile
 * summary, cleaned of Markdown. Nothing is paraphrased beyond grammar, so nothing is invented.
 */
import type { Profile, ProfileExperience } from "../../core/index.js";
import type { Requirement } from "./requirements.js";

export interface Statement {
  /** A clause that can follow "At Employer, …": "I built data pipelines…" */
  clause: string;
  experience: ProfileExperience | null;
  /** Requirements this statement is evidence for (indexes into the requirement list). */
  matches: number[];
  score: number;
}

export function matchesPattern(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

export function collectStatements(profile: Profile, requirements: Requirement[]): Statement[] {
  const statements: Statement[] = [];
  profile.experience.forEach((experience, position) => {
    const recency = Math.max(0, 1.5 - position * 0.25);
    const short = experience.highlights.map(cleanText).filter((text) => text !== "" && wordCount(text) < 4);
    const long = experience.highlights.map(cleanText).filter((text) => wordCount(text) >= 4);
    for (const text of long)
      statements.push(makeStatement(toClause(text), experience, requirements, recency));
    if (short.length > 0) {
      statements.push(
        makeStatement(`I worked with ${joinList(short)}`, experience, requirements, recency - 0.3),
      );
    }
    if (experience.summary) {
      for (const sentence of splitSentences(cleanText(experience.summary)).slice(0, 3)) {
        statements.push(makeStatement(toClause(sentence), experience, requirements, recency - 0.2));
      }
    }
  });
  return statements.filter((statement) => statement.clause.length > 12);
}

function makeStatement(
  clause: string,
  experience: ProfileExperience | null,
  requirements: Requirement[],
  bonus: number,
): Statement {
  const context = `${clause} ${experience?.title ?? ""}`;
  const matches = requirements.flatMap((requirement, index) =>
    matchesPattern(requirement.pattern, context) ? [index] : [],
  );
  const relevance = matches.reduce((sum, index) => sum + (requirements[index]?.weight ?? 0), 0);
  const concrete = /\d/.test(clause) ? 0.5 : 0;
  const words = wordCount(clause);
  const lengthFit = words >= 8 && words <= 40 ? 0.5 : words > 60 ? -1 : 0;
  return { clause, experience, matches, score: relevance + bonus + concrete + lengthFit };
}

/** Markdown and bullet residue out: links to their text, no emphasis marks, single spaces. */
export function cleanText(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[*_`]+/g, "")
    .replace(/^[\s\-•*+]+/, "")
    .replace(/\s+/g, " ")
    .replace(/[;,:\s]+$/, "")
    .trim();
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"“(])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

const verbs = new Set(
  `achieved added advocate advocated analysed analyzed architected assign assigned automated brought build built
  championed co-authored co-maintain co-maintained coached collaborate collaborated contributed containerized
  cooperate cooperated created cut debugged defined delivered deployed designed develop developed directed drove
  enhanced established expanded forged founded gave grew guide guided handled hosted identified implemented improved
  increased introduced launched lead led maintained managed mentor mentored migrated modernised modernized negotiated
  onboarded optimised optimized organised organized owned pair paired passed planned produced published ran reduced
  refactored released rewrote saved scaled screen screened set shipped simplified spearheaded standardised
  standardized streamlined taught teach tested trained transformed upgraded wrote write`.split(/\s+/),
);

/** "Built data pipelines" → "I built data pipelines"; "Python backend" → "my work included Python backend". */
export function toClause(text: string): string {
  let body = text.replace(/[.;,\s]+$/, "");
  const labelled = /^([A-Z][^:]{2,40}):\s+(.+)$/.exec(body);
  let prefix = "";
  if (labelled?.[1] && labelled[2]) {
    prefix = `on ${lowerFirst(labelled[1])}, `;
    body = labelled[2];
  }
  const firstWord = (body.split(/\s+/)[0] ?? "").toLowerCase();
  if (/^(i|i'm|i've|we)$/i.test(firstWord)) return `${prefix}${body.replace(/^we\b/i, "my team and I")}`;
  if (/^my\b/i.test(body)) return `${prefix}${lowerFirst(body)}`;
  if (verbs.has(firstWord) || (/^[a-z-]+ed$/.test(firstWord) && firstWord.length > 4)) {
    return `${prefix}I ${lowerFirst(body)}`;
  }
  return `${prefix}my work included ${lowerFirst(body)}`;
}

/** Lower-cases the first letter unless the first word looks like a name or acronym ("GraphQL", "AWS"). */
export function lowerFirst(text: string): string {
  const firstWord = text.split(/\s+/)[0] ?? "";
  if (/[A-Z].*[A-Z]/.test(firstWord) || /\d/.test(firstWord)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Cuts a clause to about `maxWords`, at a sentence or clause boundary when one is near. */
export function shortenClause(clause: string, maxWords: number): string {
  const words = clause.split(/\s+/);
  if (words.length <= maxWords) return clause;
  const sentences = splitSentences(clause);
  let kept = "";
  for (const sentence of sentences) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (wordCount(next) > maxWords) break;
    kept = next;
  }
  if (kept && wordCount(kept) >= maxWords * 0.5) return kept.replace(/[.;,\s]+$/, "");
  const cut = words.slice(0, maxWords).join(" ");
  const boundary = Math.max(cut.lastIndexOf(","), cut.lastIndexOf(";"), cut.lastIndexOf(" and "));
  return (boundary > cut.length * 0.5 ? cut.slice(0, boundary) : cut).replace(/[.;,\s]+$/, "");
}
