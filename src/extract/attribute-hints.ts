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

const hintAttributes = ["class", "id", "data-automation", "data-automation-id", "data-testid", "itemprop"];

export function emptyHints(): AttributeHints {
  return new Map(hintWords.map((word) => [word, [] as Element[]]));
}

/** Files `element` under each hint word its attributes hold; true when it holds a description word. */
export function fileByHints(element: Element, hints: AttributeHints): boolean {
  const attributes = element.attribs;
  // Most elements match no word: test each value as it is before building the lower-case text.
  let text = "";
  for (const name of hintAttributes) {
    const value = attributes[name];
    if (value && anyHintWordAnyCase.test(value)) text += ` ${value.toLowerCase()}`;
  }
  if (text === "") return false;
  let description = false;
  for (const word of hintWords) {
    if (!text.includes(word)) continue;
    hints.get(word)?.push(element);
    if ((descriptionHintWords as readonly string[]).includes(word)) description = true;
  }
  return description;
}
