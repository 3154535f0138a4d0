/**
 * Finds a posting's key requirements in its plain-text description, deterministically:
 *   1. skills and topics from the lexicon, counted, with lines under a requirements-like heading
 *      ("Requirements", "What you'll bring", "About you", "Qualifications"…) weighing triple;
 *   2. phrases after cues like "experience with", "knowledge of", "proficiency in";
 *   3. as a fallback, the most frequent content words.
 * Returns the strongest first; ties keep the order of first appearance.
 */
import { stopWords } from "../text-tools.js";
import { skillLexicon } from "./skill-lexicon.js";

export interface Requirement {
  /** How to say it in a sentence: "Python", "data pipelines", "distributed systems". */
  phrase: string;
  /** How to find it in résumé text. */
  pattern: RegExp;
  weight: number;
}

const requirementHeading =
  /^(?:#+\s*)?(requirements?|qualifications?|(?:minimum|preferred|basic) qualifications|what (?:you(?:'ll| will)? (?:bring|need|have)|we(?:'re| are) looking for)|who you are|about you|you (?:have|bring|are|might be)|skills|must[- ]haves?|nice[- ]to[- ]haves?|your (?:profile|skills|experience|background)|ideal candidate|experience)\b/i;
const otherHeading =
  /^(?:#+\s*)?(about (?:us|the company|the team)|benefits|perks|what we offer|compensation|salary|equal opportunity|how to apply|our (?:values|culture))\b/i;

const cuePattern =
  /\b(?:experience (?:with|in|building|designing|running)|knowledge of|proficien(?:cy|t) (?:in|with)|familiarity with|familiar with|background in|expertise in|understanding of|skilled in|fluent in|track record (?:of|in))\s+([^.;:\n()]{3,80})/gi;

export function extractRequirements(description: string, limit = 6): Requirement[] {
  const lines = description.split(/\n/);
  const weighted: Array<{ text: string; factor: number }> = [];
  let factor = 1;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    const isShort = line.length < 60 && !/[.!?]$/.test(line.replace(/:$/, ""));
    if (isShort && requirementHeading.test(line)) factor = 3;
    else if (isShort && otherHeading.test(line)) factor = 0.3;
    weighted.push({ text: line, factor });
  }

  const scores = new Map<string, { requirement: Requirement; score: number; firstSeen: number }>();
  const add = (phrase: string, pattern: RegExp, score: number, position: number) => {
    const key = phrase.toLowerCase();
    const existing = scores.get(key);
    if (existing) existing.score += score;
    else scores.set(key, { requirement: { phrase, pattern, weight: 0 }, score, firstSeen: position });
  };

  weighted.forEach((line, index) => {
    for (const entry of skillLexicon) {
      entry.pattern.lastIndex = 0;
      const hits = line.text.match(entry.pattern)?.length ?? 0;
      if (hits > 0) add(entry.name, entry.pattern, hits * line.factor * 2, index);
    }
    for (const match of line.text.matchAll(cuePattern)) {
      const phrase = tidyPhrase(match[1] ?? "");
      if (phrase && !coveredByLexicon(phrase)) add(phrase, phrasePattern(phrase), 1.5 * line.factor, index);
    }
  });

  if (scores.size < 3) {
    const counts = new Map<string, number>();
    for (const word of description.toLowerCase().match(/[\p{L}][\p{L}+#-]{3,}/gu) ?? []) {
      if (!stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    [...counts.entries()]
      .filter(([, count]) => count >= 2)
      .sort((first, second) => second[1] - first[1])
      .slice(0, limit)
      .forEach(([word, count], index) => {
        add(word, phrasePattern(word), count * 0.5, 10_000 + index);
      });
  }

  return [...scores.values()]
    .sort((first, second) => second.score - first.score || first.firstSeen - second.firstSeen)
    .slice(0, limit)
    .map((entry) => ({ ...entry.requirement, weight: entry.score }));
}

/** "React, Node and AWS (preferred)" → "React, Node and AWS"; drops trailing filler words. */
function tidyPhrase(text: string): string | null {
  const words = text.replace(/\s+/g, " ").trim().split(" ").slice(0, 7);
  while (words.length > 0 && stopWords.has((words[words.length - 1] ?? "").toLowerCase())) words.pop();
  const phrase = words.join(" ").replace(/[,\s]+$/, "");
  const content = words.filter((word) => !stopWords.has(word.toLowerCase()));
  return content.length > 0 && phrase.length >= 3 ? phrase : null;
}

function coveredByLexicon(phrase: string): boolean {
  return skillLexicon.some((entry) => {
    entry.pattern.lastIndex = 0;
    const match = phrase.match(entry.pattern)?.[0];
    return match !== undefined && match.length >= phrase.length * 0.6;
  });
}

/** Matches text that contains most of the phrase's content words (simple stemming). */
function phrasePattern(phrase: string): RegExp {
  const stems = phrase
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((word) => word.length > 2 && !stopWords.has(word))
    .map((word) => word.replace(/(?:ing|ed|es|s)$/, ""))
    .filter((stem) => stem.length > 2)
    .map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (stems.length === 0) return /(?!)/;
  // Every content stem must appear, in any order.
  return new RegExp(stems.map((stem) => `(?=[\\s\\S]*\\b${stem})`).join(""), "i");
}
