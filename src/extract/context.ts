/** What every extractor gets: the page parsed once, and the URL it came from. */
import { type CheerioAPI, load } from "cheerio";
import { type AttributeHints, collectAttributeHints } from "./attribute-hints.js";
import { collectSegments, type PageSegments } from "./page/segments.js";

export interface ExtractContext {
  html: string;
  url: string;
  $: CheerioAPI;
  /** Elements filed by class/id words, computed on first use. */
  hints(): AttributeHints;
  /** Visible text segments in document order, computed on first use. */
  segments(): PageSegments;
}

export function createContext(html: string, url: string): ExtractContext {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  let hints: AttributeHints | null = null;
  let segments: PageSegments | null = null;
  return {
    html,
    url,
    $,
    hints: () => {
      hints ??= collectAttributeHints($);
      return hints;
    },
    segments: () => {
      segments ??= collectSegments($);
      return segments;
    },
  };
}
