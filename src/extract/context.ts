/** What every extractor gets: the page parsed once, and the URL it came from. */
import { type CheerioAPI, load } from "cheerio";

export interface ExtractContext {
  html: string;
  url: string;
  $: CheerioAPI;
}

export function createContext(html: string, url: string): ExtractContext {
  return { html, url, $: load(html, { xml: { xmlMode: false, decodeEntities: true } }) };
}
