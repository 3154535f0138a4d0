/** What every extractor gets: the page parsed once, and the URL it came from. */
import { type CheerioAPI, load } from "cheerio";
import type { AttributeHints } from "./attribute-hints.js";
import { collectSegments, type PageSegments } from "./page/segments.js";

export interface ExtractContext {
  html: string;
  url: string;
  $: CheerioAPI;
  /** Elements filed by class/id words (from the segment walk). */
  hints(): AttributeHints;
  /** Visible text segments in document order, computed on first use. */
  segments(): PageSegments;
}

export function createContext(html: string, url: string): ExtractContext {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  let segments: PageSegments | null = null;
  return {
    html,
    url,
    $,
    hints: () => {
      segments ??= collectSegments($);
      return segments.hints;
    },
    segments: () => {
      segments ??= collectSegments($);
      return segments;
    },
  };
}
