/**
 * The letter's paragraphs written straight to WordprocessingML, byte for byte as docx writes the same
 * `Paragraph`s (a test compares the two), without building docx's object tree for every letter.
 */
import type { DocxBlock } from "./docx-document.js";

const escapes: Record<string, string> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * Text or an attribute value made safe for XML, as docx escapes it: the five XML specials become
 * entities and control characters XML 1.0 forbids are dropped.
 */
export function escapeXml(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (character) => escapes[character] ?? "");
}

function runXml(line: string, index: number): string {
  const lineBreak = index === 0 ? "" : "<w:br/>";
  return `<w:r>${lineBreak}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`;
}

function blockXml(block: DocxBlock): string {
  const spacing = block.spacingAfter === undefined ? "" : `<w:spacing w:after="${block.spacingAfter}"/>`;
  const properties = `<w:pPr><w:pStyle w:val="${escapeXml(block.style)}"/>${spacing}</w:pPr>`;
  return `<w:p>${properties}${block.lines.map(runXml).join("")}</w:p>`;
}

/** The `<w:p>` elements of the letter's body, in order. */
export function blocksXml(blocks: readonly DocxBlock[]): string {
  return blocks.map(blockXml).join("");
}
