/** schema.org JobPosting in microdata (itemscope / itemprop), turned into the JSON-LD shape. */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { Element } from "domhandler";
import { type JsonObject, jobFromSchemaPosting } from "../schema-posting.js";
import type { Extractor } from "./extractor.js";
import { pickPosting } from "./json-ld.js";

function propertyValue($: CheerioAPI, element: Cheerio<Element>, name: string): unknown {
  if (element.attr("itemscope") !== undefined) return readItem($, element);
  const content = element.attr("content") ?? element.attr("datetime");
  if (content !== undefined) return content;
  const tag = (element.prop("tagName") as string | undefined)?.toLowerCase();
  if (tag === "a" || tag === "link") return element.attr("href") ?? element.text();
  if (tag === "img") return element.attr("src") ?? "";
  if (tag === "meta") return element.attr("content") ?? "";
  return name === "description" ? (element.html() ?? "") : element.text();
}

function readItem($: CheerioAPI, scope: Cheerio<Element>): JsonObject {
  const item: JsonObject = { "@type": scope.attr("itemtype") ?? "" };
  const visit = (parent: Cheerio<Element>) => {
    parent.children().each((_, child) => {
      const node = $(child);
      const names = (node.attr("itemprop") ?? "").split(/\s+/).filter(Boolean);
      for (const name of names) {
        const value = propertyValue($, node, name);
        const existing = item[name];
        if (existing === undefined) item[name] = value;
        else item[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
      }
      if (node.attr("itemscope") === undefined) visit(node);
    });
  };
  visit(scope);
  return item;
}

export const microdataExtractor: Extractor = {
  name: "microdata",
  extract(context) {
    const items = context.segments().postingItems;
    if (items.length === 0) return null;
    const $ = context.$;
    const postings = items.map((element) => readItem($, $(element)));
    const posting = pickPosting(postings, context.url);
    return posting ? jobFromSchemaPosting(posting, context.url, "microdata") : null;
  },
};
