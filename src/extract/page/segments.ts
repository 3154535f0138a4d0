/**
 * One walk over the page body that keeps its visible text as short segments in document order
 * (one per text node), plus copyright lines and the bodies of mailto: share links. Labelled
 * fields ("Location" → "Berlin"), the text next to the job title, and company names spelled on the
 * page are all read from these segments instead of scanning the whole document text again.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";

export interface PageSegments {
  texts: string[];
  copyright: string[];
  mailtoBodies: string[];
  /** Elements by tag name, for h1, h2, article and main (collected in the same walk). */
  elements: Record<"h1" | "h2" | "article" | "main", Element[]>;
  /** "Acme" from `<img alt="Acme logo">`. */
  logoNames: string[];
}

const skipped = new Set([
  "script",
  "style",
  "noscript",
  "svg",
  "template",
  "iframe",
  "select",
  "option",
  "textarea",
  "head",
]);
const maxSegments = 6000;

export function collectSegments($: CheerioAPI): PageSegments {
  const texts: string[] = [];
  const copyright: string[] = [];
  const mailtoBodies: string[] = [];
  const logoNames: string[] = [];
  const elements: PageSegments["elements"] = { h1: [], h2: [], article: [], main: [] };
  const visit = (nodes: readonly AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") {
        if (texts.length >= maxSegments) continue;
        const raw = (node as unknown as { data: string }).data;
        if (!/\S/.test(raw)) continue;
        const text = raw.replace(/[\s\u00a0\u200b]+/g, " ").trim();
        if (text === "") continue;
        texts.push(text);
        if (/©|\bcopyright\b/i.test(text) && copyright.length < 5) copyright.push(text);
        continue;
      }
      if (node.type !== "tag") continue;
      const element = node as Element;
      if (skipped.has(element.name)) continue;
      const name = element.name;
      if (name === "h1" || name === "h2" || name === "article" || name === "main")
        elements[name].push(element);
      if (element.name === "img" && logoNames.length < 5) {
        const logo = /^(.{2,60}?)\s+logo$/i.exec(element.attribs.alt?.trim() ?? "")?.[1];
        if (logo) logoNames.push(logo);
      } else if (element.name === "a" || element.attribs["data-href"]) {
        const href = element.attribs.href ?? element.attribs["data-href"];
        if (href?.startsWith("mailto:") && mailtoBodies.length < 5) {
          const body = /[?&]body=([^&]*)/i.exec(href)?.[1];
          if (body) mailtoBodies.push(safeDecode(body));
        }
      }
      if (element.children.length > 0) visit(element.children);
    }
  };
  const body = $("body").toArray()[0] as Element | undefined;
  visit(body ? body.children : ($.root().toArray()[0]?.children ?? []));
  return { texts, copyright, mailtoBodies, logoNames, elements };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
