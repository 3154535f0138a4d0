/** The page extractors, in the order they are tried: structured data first, readable HTML last. */
import { appStateExtractor } from "./sources/app-state.js";
import type { Extractor } from "./sources/extractor.js";
import { jsonLdExtractor } from "./sources/json-ld.js";
import { microdataExtractor } from "./sources/microdata.js";
import { readableHtmlExtractor } from "./sources/readable-html.js";

export const extractors: readonly Extractor[] = [
  jsonLdExtractor,
  microdataExtractor,
  appStateExtractor,
  readableHtmlExtractor,
];
