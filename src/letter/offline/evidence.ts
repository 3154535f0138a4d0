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
    const highlights = experience.highlights.map(cleanText).filter((text) => text !== "");
    const lists = highlights.filter((text) => isTechList(text));
    for (const text of highlights.filter((item) => !lists.includes(item))) {
      const clause = toClause(text, experience.employer);
      const plain = clause?.startsWith("my work included") ? -1.5 : 0;
      if (clause) statements.push(makeStatement(clause, experience, requirements, recency + plain, text));
    }
    if (lists.length > 0) {
      const items = lists.flatMap((text) => text.split(/\s*(?:,|\/|;|•)\s*/)).filter(Boolean);
      statements.push(
        makeStatement(
          `I worked with ${joinList([...new Set(items)])}`,
          experience,
          requirements,
          recency - 1,
        ),
      );
    }
    if (experience.summary) {
      for (const sentence of splitSentences(cleanText(experience.summary)).slice(0, 4)) {
        // Only first-person or verb-led sentences: "Tokenized is a Bitcoin wallet" describes the employer, not the work.
        const clause = toClause(sentence, experience.employer, { strict: true });
        if (clause) statements.push(makeStatement(clause, experience, requirements, recency - 0.2, sentence));
      }
    }
  });
  return statements.filter((statement) => statement.clause.length > 12);
}

/** "React", "Docker / Heroku / GCP", "React, Apollo, Styled Components": tools, not achievements. */
function isTechList(text: string): boolean {
  const words = wordCount(text);
  const startsWithVerb = verbs.has((text.split(/\s+/)[0] ?? "").toLowerCase());
  const items = text.split(/\s*(?:,|\/|;|•)\s*/).filter(Boolean);
  return (
    !startsWithVerb &&
    !/\b(is|was|are|were|for|with)\b/i.test(text) &&
    (words < 4 || (items.length > 1 && items.every((item) => wordCount(item) <= 3)))
  );
}

function makeStatement(
  clause: string,
  experience: ProfileExperience | null,
  requirements: Requirement[],
  bonus: number,
  original = "",
): Statement {
  const context = `${original} ${clause} ${experience?.title ?? ""}`;
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

/**
 * A résumé line as a clause that can follow "At Employer, …":
 * "Built data pipelines" → "I built data pipelines"; "Python backend" → "my work included Python backend";
 * "Mentoring: gave workshops…" → "I gave workshops…". With `strict`, lines that are neither
 * first-person nor verb-led give null (they describe something else, e.g. the employer).
 */
export function toClause(text: string, employer = "", options: { strict?: boolean } = {}): string | null {
  let body = text
    .replace(/[.;,\s]+$/, "")
    .replace(
      /\b(included?|includes) ([A-Z][a-z]+ing)\b/g,
      (_, verb: string, gerund: string) => `${verb} ${gerund.toLowerCase()}`,
    );
  const labelled = /^([A-Z][^:]{2,40}):\s+(.+)$/.exec(body);
  let label: string | null = null;
  if (labelled?.[1] && labelled[2]) {
    label = labelled[1];
    const sentences = splitSentences(labelled[2]);
    const firstPersonAt = sentences.findIndex((sentence) => leadKind(sentence, employer) !== "other");
    body = firstPersonAt >= 0 ? sentences.slice(firstPersonAt).join(" ") : labelled[2];
  }
  const kind = leadKind(body, employer);
  let clause: string | null;
  if (kind === "first-person") clause = body.replace(/^we\b/i, "my team and I");
  else if (kind === "my") clause = lowerFirst(body);
  else if (kind === "verb") clause = `I ${lowerFirst(body)}`;
  else clause = options.strict ? null : `my work included ${lowerFirst(body)}`;
  if (clause && label && !/^I\b/.test(clause)) clause = `I worked on ${lowerFirst(label)}, and ${clause}`;
  return clause?.replace(/[.;,\s]+$/, "") ?? null;
}

function leadKind(sentence: string, employer: string): "first-person" | "my" | "verb" | "other" {
  const [first = "", second = ""] = sentence.split(/\s+/);
  const word = first.toLowerCase();
  if (/^(i|i'm|i've|we)$/.test(word)) return "first-person";
  if (word === "my") return "my";
  if (/^(is|was|are|were|has|had)$/i.test(second) || word === employer.toLowerCase()) return "other";
  if (verbs.has(word) || (/^[a-z-]+ed$/.test(word) && word.length >= 4)) return "verb";
  return "other";
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
