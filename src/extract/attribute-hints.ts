/**
 * Class/id/data-attribute words ("job-description", "location", "company-name"…) that file an
 * element for the readable-HTML extractor. The page walk in `page/segments.ts` tests each element
 * once with `hintWordsOf` instead of running many `[class*=…]` selectors, each a full scan.
 */
import type { Element } from "domhandler";

export const hintWords = [
  "job-description",
  "jobdescription",
  "jobpostingdescription",
  "description",
  "posting",
  "location",
  "__place",
  "company-name",
  "__company",
  "companyname",
  "employer-name",
  "advertiser-name",
  "job-title",
  "jobtitle",
  "posting-headline",
  "jobpostingheader",
] as const;
export type HintWord = (typeof hintWords)[number];

export type AttributeHints = Map<HintWord, Element[]>;

/** Words that mark a block holding the job description. */
export const descriptionHintWords = [
  "job-description",
  "jobdescription",
  "jobpostingdescription",
  "description",
  "posting",
] as const satisfies readonly HintWord[];

const anyHintWordAnyCase =
  /description|posting|location|__place|compan|employer|advertiser|job-?title|jobposting/i;

const hintAttributes = new Set([
  "class",
  "id",
  "data-automation",
  "data-automation-id",
  "data-testid",
  "itemprop",
]);

/** True for the attributes whose words file an element (class, id, data-testid…). */
export function isHintAttribute(name: string): boolean {
  return hintAttributes.has(name);
}

/** The lower-case value to add to an element's hint text, or "" when it holds no hint word. */
export function hintPart(value: string | undefined): string {
  // Most values match no word: test them as they are before lower-casing.
  return value && anyHintWordAnyCase.test(value) ? ` ${value.toLowerCase()}` : "";
}

export function emptyHints(): AttributeHints {
  return new Map(hintWords.map((word) => [word, [] as Element[]]));
}

/**
 * Files `element` under each hint word in `text` (its hint attributes' `hintPart`s); true when it
 * holds a description word.
 */
export function fileByHints(element: Element, text: string, hints: AttributeHints): boolean {
  if (text === "") return false;
  let description = false;
  for (const word of hintWords) {
    if (!text.includes(word)) continue;
    hints.get(word)?.push(element);
    if ((descriptionHintWords as readonly string[]).includes(word)) description = true;
  }
  return description;
}
