/**
 * One walk over the document that files elements by the words in their class, id and data
 * attributes ("job-description", "location", "company-name"…). The readable-HTML extractor looks
 * elements up here instead of running many `[class*=…]` selectors, each a full document scan.
 */
import type { CheerioAPI } from "cheerio";
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

/** One test before the per-word loop: most elements match no word at all. */
const anyHintWord = /description|posting|location|__place|compan|employer|advertiser|job-?title|jobposting/;

const hintAttributes = ["class", "id", "data-automation", "data-automation-id", "data-testid", "itemprop"];

export function collectAttributeHints($: CheerioAPI): AttributeHints {
  const hints: AttributeHints = new Map(hintWords.map((word) => [word, [] as Element[]]));
  const visit = (nodes: readonly unknown[]) => {
    for (const node of nodes as Element[]) {
      if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
      if (node.type !== "tag") continue;
      const attributes = node.attribs;
      let text = "";
      for (const name of hintAttributes) {
        const value = attributes[name];
        if (value) text += ` ${value.toLowerCase()}`;
      }
      if (text !== "" && anyHintWord.test(text)) {
        for (const word of hintWords) if (text.includes(word)) hints.get(word)?.push(node);
      }
      if (node.children.length > 0) visit(node.children);
    }
  };
  visit($.root().toArray()[0]?.children ?? []);
  return hints;
}
