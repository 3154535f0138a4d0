/**
 * Text clean-up shared by every extractor: entity decoding, whitespace tidying, and HTML → plain
 * text that keeps paragraphs (blank lines) and list items ("- ").
 */
import { type Cheerio, load } from "cheerio";
import type { AnyNode } from "domhandler";

const namedEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  bull: "•",
  middot: "·",
  euro: "€",
  pound: "£",
  yen: "¥",
  copy: "©",
  reg: "®",
  trade: "™",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  aacute: "á",
  ccedil: "ç",
  ouml: "ö",
  uuml: "ü",
  auml: "ä",
  oslash: "ø",
  aring: "å",
  aelig: "æ",
  szlig: "ß",
  ntilde: "ñ",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ecirc: "ê",
  ocirc: "ô",
  acirc: "â",
  icirc: "î",
  ucirc: "û",
  Eacute: "É",
  Ouml: "Ö",
  Uuml: "Ü",
  Auml: "Ä",
  Oslash: "Ø",
  Aring: "Å",
  AElig: "Æ",
  shy: "",
};

/** Decodes HTML entities (named, decimal, hex), repeatedly for double-escaped text. */
export function decodeEntities(text: string): string {
  let current = text;
  for (let round = 0; round < 3 && /&(#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(current); round++) {
    current = current.replace(/&(#\d+|#x[\da-f]+|[a-z]+\d*);/gi, (whole, body: string) => {
      if (body[0] === "#") {
        const code =
          body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return namedEntities[body] ?? namedEntities[body.toLowerCase()] ?? whole;
    });
  }
  return current;
}

/** Collapses whitespace on one line of text; null for empty. */
export function cleanLine(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = decodeEntities(String(value))
    .replace(/<[^>]*>/g, " ")
    .replace(/[\s\u200b]{2,}|[^\S ]|\u200b/g, " ")
    .trim();
  return text === "" ? null : text;
}

const blockTags = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "table",
  "tr",
  "blockquote",
  "pre",
  "dl",
  "dt",
  "dd",
  "form",
  "fieldset",
  "figure",
  "hr",
]);
const skipTags = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "button",
  "select",
  "input",
  "textarea",
  "head",
  "nav",
]);

/** Converts an HTML fragment (or text that may hold escaped HTML) to clean plain text. */
export function htmlToText(html: string): string {
  let source = html;
  if (!/<[a-z!/]/i.test(source) && /&lt;[a-z/]/i.test(source)) source = decodeEntities(source);
  if (!/<[a-z!/]/i.test(source)) return tidyText(decodeEntities(source));
  const $ = load(source, { xml: { xmlMode: false, decodeEntities: true } });
  return nodesToText($.root().contents());
}

/** Plain text of already-parsed nodes. */
export function nodesToText(nodes: Cheerio<AnyNode> | readonly AnyNode[]): string {
  const parts: string[] = [];
  const walk = (node: AnyNode, listDepth: number) => {
    if (node.type === "text") {
      const data = (node as unknown as { data: string }).data;
      // Most text nodes hold no whitespace to collapse: test before replacing (no new string).
      parts.push(/[^\S ]| {2}/.test(data) ? data.replace(/[\s\u00a0]+/g, " ") : data);
      return;
    }
    if (node.type !== "tag" && node.type !== "root") return;
    const element = node as unknown as { name?: string; children?: AnyNode[] };
    const name = element.name?.toLowerCase() ?? "";
    if (skipTags.has(name)) return;
    if (name === "br") {
      parts.push("\n");
      return;
    }
    if (name === "li") {
      parts.push("\n- ");
      for (const child of element.children ?? []) walk(child, listDepth + 1);
      parts.push("\n");
      return;
    }
    const block = blockTags.has(name);
    if (block) parts.push("\n\n");
    for (const child of element.children ?? [])
      walk(child, name === "ul" || name === "ol" ? listDepth + 1 : listDepth);
    if (block) parts.push("\n\n");
    else if (name === "td" || name === "th") parts.push(" ");
  };
  for (const node of Array.isArray(nodes) ? nodes : (nodes as Cheerio<AnyNode>).toArray()) walk(node, 0);
  // A list item whose content starts with a block ("<li><p>…") keeps its text on the bullet line.
  return tidyText(parts.join("").replace(/\n- [ \t]*(?:\n[ \t]*)+/g, "\n- "));
}

let lastTidied = "";

/**
 * Tidies plain text: trims lines, at most one blank line, bullets normalised to "- ". Tidy text
 * comes back as it is, so the last result is remembered: descriptions are tidied when extracted
 * and again in the job's last pass.
 */
export function tidyText(text: string): string {
  if (text === lastTidied) return text;
  lastTidied = tidyOnce(text);
  return lastTidied;
}

function tidyOnce(text: string): string {
  // Whole-text passes (cheaper than a handful of replacements per line); ` *` never crosses a line.
  // Each pattern matches only what it changes (a lone space, a bare newline or "- " stay put):
  // a match per space or line would rebuild the whole text piece by piece.
  const lines = text
    .replace(/\r\n?/g, "\n")
    .replace(
      /[ \t\f\v\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\f\v\u00a0\u200b\u2000-\u200a\u202f\u205f\u3000]/g,
      " ",
    )
    .replace(/ +\n *|\n +/g, "\n")
    .trim()
    .replace(/^[•·▪◦●■*–] */gm, "- ")
    .replace(/^-(?: *-)+ +/gm, "- ")
    .split("\n");
  const out: string[] = [];
  for (const line of lines) {
    if (line === "-" || line === "- ") continue;
    if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    const previous = out[out.length - 1];
    // Consecutive bullets stay together; a bullet after a paragraph gets no blank line removed.
    if (previous === "" && line.startsWith("- ") && out[out.length - 2]?.startsWith("- ")) out.pop();
    out.push(line);
  }
  while (out[out.length - 1] === "") out.pop();
  return out.join("\n");
}
