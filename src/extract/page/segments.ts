/**
 * The one walk over the parsed page that every HTML heuristic reads from:
 * - visible body text as short segments in document order (one per text node), copyright lines,
 *   mailto: share-link bodies and logo names (`<img alt="Acme logo">`);
 * - every script, the JobPosting microdata items, h1, h2, article and main elements, the `<title>` text, every `<meta>` by name/property, and
 *   the hiringOrganization microdata names;
 * - elements filed by class/id hint words (see attribute-hints.ts);
 * - for the description scorer, each candidate block's paragraph/list text minus half its link
 *   text, and the paragraph text held by each parent of `<p>`/`<li>` elements.
 * Text lengths are counted with running totals (a subtree's length is the difference before and
 * after visiting it), so no element's text is read twice.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import {
  type AttributeHints,
  emptyHints,
  fileByHints,
  hintPart,
  isHintAttribute,
} from "../attribute-hints.js";

export interface PageSegments {
  texts: string[];
  copyright: string[];
  mailtoBodies: string[];
  /** Elements by tag name, for h1, h2, article and main (outside scripts, templates, forms). */
  elements: Record<"h1" | "h2" | "article" | "main", Element[]>;
  /** "Acme" from `<img alt="Acme logo">`. */
  logoNames: string[];
  hints: AttributeHints;
  /** Text of the first `<title>`. */
  documentTitle: string;
  /** `<meta>` content by lower-case property or name, first one wins. */
  metas: Map<string, string>;
  /** `[itemprop=hiringOrganization] [itemprop=name]` elements. */
  hiringOrganizationNames: Element[];
  /** Description-hinted, article and main elements: their `<p>`/`<li>` text (each ≤ 600) minus half their link text. */
  contentScores: Map<Element, number>;
  /** Parents of `<p>`/`<li>` (the list's parent for `<li>`) and the paragraph text they hold. */
  paragraphParents: Map<Element, number>;
  /** Every `<script>` element, in document order (JSON-LD and application state live there). */
  scripts: Element[];
  /** `[itemscope][itemtype*=JobPosting]` microdata items. */
  postingItems: Element[];
  /** Blocks (div, td, section…) and the visible text, outside links, that stands in them directly or in inline tags. */
  textBlocks: Map<Element, number>;
}

const blockNames = new Set([
  "div",
  "section",
  "td",
  "article",
  "main",
  "body",
  "dd",
  "blockquote",
  "form",
  "fieldset",
]);

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
const collectedNames = new Set(["h1", "h2", "article", "main"]);

function findBody(roots: readonly AnyNode[]): Element | null {
  for (const node of roots) {
    if (node.type !== "tag") continue;
    const element = node as Element;
    if (element.name === "body") return element;
    if (element.name === "html")
      for (const child of element.children)
        if (child.type === "tag" && (child as Element).name === "body") return child as Element;
  }
  return null;
}

export function collectSegments($: CheerioAPI): PageSegments {
  const roots = ($.root().toArray()[0]?.children ?? []) as AnyNode[];
  const body = findBody(roots) ?? (($("body").toArray()[0] as Element | undefined) || null);
  const page: PageSegments = {
    texts: [],
    copyright: [],
    mailtoBodies: [],
    logoNames: [],
    elements: { h1: [], h2: [], article: [], main: [] },
    hints: emptyHints(),
    documentTitle: "",
    metas: new Map(),
    hiringOrganizationNames: [],
    contentScores: new Map(),
    paragraphParents: new Map(),
    textBlocks: new Map(),
    scripts: [],
    postingItems: [],
  };
  let titleSeen = false;
  let inOrganization = 0;
  // Running totals over the walk: all text, paragraph/list text (each ≤ 600), link text.
  let textTotal = 0;
  let paragraphTotal = 0;
  let linkTotal = 0;
  // Visible text in blocks outside links, and how much of it nested blocks already hold.
  let blockTextTotal = 0;
  let claimedTotal = 0;

  /** `visible`: inside the body and outside skipped elements; `inBlock`: not inside a link or button. */
  const visit = (nodes: readonly AnyNode[], visible: boolean, inBlock: boolean) => {
    for (const node of nodes) {
      if (node.type === "text") {
        const raw = (node as unknown as { data: string }).data;
        textTotal += raw.length;
        if (visible) {
          collectText(page, raw);
          if (inBlock) blockTextTotal += raw.length;
        }
        continue;
      }
      if (node.type === "script" || node.type === "style") {
        if ((node as Element).name === "script") page.scripts.push(node as Element);
        for (const child of (node as Element).children)
          if (child.type === "text") textTotal += (child as unknown as { data: string }).data.length;
        continue;
      }
      if (node.type !== "tag") continue;
      const element = node as Element;
      const name = element.name;
      // Every attribute read in one pass: objects of many shapes make each named lookup slow.
      const attributes = element.attribs;
      let hintText = "";
      let itemprop: string | undefined;
      let itemscope = false;
      let itemtype = "";
      let dataHref: string | undefined;
      for (const key in attributes) {
        if (isHintAttribute(key)) hintText += hintPart(attributes[key]);
        if (key === "itemprop") itemprop = attributes[key];
        else if (key === "itemscope") itemscope = true;
        else if (key === "itemtype") itemtype = attributes[key] ?? "";
        else if (key === "data-href") dataHref = attributes[key];
      }
      const scored = fileByHints(element, hintText, page.hints) || name === "article" || name === "main";
      const childVisible = (visible || element === body) && !skipped.has(name);
      if (childVisible && (name === "img" || name === "a" || dataHref || collectedNames.has(name)))
        collectElement(page, element, name);
      if (name === "meta") collectMeta(page, element);
      else if (name === "title" && !titleSeen) {
        titleSeen = true;
        page.documentTitle = textOf(element);
      }
      if (itemscope && /jobposting/i.test(itemtype)) page.postingItems.push(element);
      if (itemprop === "name" && inOrganization > 0) page.hiringOrganizationNames.push(element);
      const organization = itemprop === "hiringOrganization";
      if (organization) inOrganization++;
      const textBefore = textTotal;
      const paragraphBefore = paragraphTotal;
      const linkBefore = linkTotal;
      const isBlock = blockNames.has(name);
      const blockTextBefore = blockTextTotal;
      const claimedBefore = claimedTotal;
      if (element.children.length > 0)
        visit(element.children, childVisible, name === "a" || name === "button" ? false : isBlock || inBlock);
      if (isBlock) {
        const inside = blockTextTotal - blockTextBefore;
        const direct = inside - (claimedTotal - claimedBefore);
        if (direct > 0) page.textBlocks.set(element, direct);
        claimedTotal = claimedBefore + inside;
      }
      if (organization) inOrganization--;
      const text = textTotal - textBefore;
      if (scored)
        page.contentScores.set(element, paragraphTotal - paragraphBefore - (linkTotal - linkBefore) * 0.5);
      if (name === "a") linkTotal += text;
      else if (name === "p" || name === "li") {
        paragraphTotal += Math.min(text, 600);
        const parent = element.parent as Element | null;
        const target =
          parent && (parent.name === "ul" || parent.name === "ol")
            ? (parent.parent as Element | null)
            : parent;
        if (target && target.type === "tag")
          page.paragraphParents.set(target, (page.paragraphParents.get(target) ?? 0) + text);
      }
    }
  };
  visit(roots, body === null, false);
  return page;
}

function collectText(page: PageSegments, raw: string): void {
  if (page.texts.length >= maxSegments) return;
  // Most text nodes only need trimming: collapse inner whitespace only where there is some to collapse.
  const trimmed = raw.trim();
  if (trimmed === "") return;
  const text = /\s\s|[^\S ]|\u200b/.test(trimmed) ? raw.replace(/[\s\u00a0\u200b]+/g, " ").trim() : trimmed;
  if (text === "") return;
  page.texts.push(text);
  if (page.copyright.length < 5 && /©|\bcopyright\b/i.test(text)) page.copyright.push(text);
}

function collectElement(page: PageSegments, element: Element, name: string): void {
  if (name === "h1" || name === "h2" || name === "article" || name === "main")
    page.elements[name].push(element);
  if (name === "img") {
    if (page.logoNames.length >= 5) return;
    const logo = /^(.{2,60}?)\s+logo$/i.exec(element.attribs.alt?.trim() ?? "")?.[1];
    if (logo) page.logoNames.push(logo);
  } else if (name === "a" || element.attribs["data-href"]) {
    const href = element.attribs.href ?? element.attribs["data-href"];
    if (href?.startsWith("mailto:") && page.mailtoBodies.length < 5) {
      const body = /[?&]body=([^&]*)/i.exec(href)?.[1];
      if (body) page.mailtoBodies.push(safeDecode(body));
    }
  }
}

function collectMeta(page: PageSegments, element: Element): void {
  const key = (element.attribs.property ?? element.attribs.name ?? "").toLowerCase();
  const content = element.attribs.content;
  if (key && content !== undefined && !page.metas.has(key)) page.metas.set(key, content);
}

/** All text under `node`, as cheerio's `.text()` gives it (script text included). */
export function textOf(node: AnyNode): string {
  if (node.type === "text") return (node as unknown as { data: string }).data;
  const children = (node as Element).children;
  if (!children || node.type === "comment") return "";
  let text = "";
  for (const child of children) text += textOf(child);
  return text;
}

/** Descendant elements named `name`, in document order. */
export function descendantsNamed(node: Element, name: string, found: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== "tag" && child.type !== "script" && child.type !== "style") continue;
    const element = child as Element;
    if (element.name === name) found.push(element);
    if (element.children.length > 0) descendantsNamed(element, name, found);
  }
  return found;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
