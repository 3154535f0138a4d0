/**
 * Text of a DOCX résumé via mammoth. Converted to Markdown (Word headings become `#` headings and
 * Word lists become bullets), which the text parser reads best; mammoth's Markdown escapes are undone.
 */
import mammoth from "mammoth";
import { profileUnreadable } from "./profile-error.js";

type ConvertToMarkdown = (input: { buffer: Buffer }) => Promise<{ value: string }>;

export async function extractDocxText(bytes: Buffer, path: string): Promise<string> {
  let markdown: string;
  try {
    const convert = (mammoth as unknown as { convertToMarkdown?: ConvertToMarkdown }).convertToMarkdown;
    const result = convert
      ? await convert({ buffer: bytes })
      : await mammoth.extractRawText({ buffer: bytes });
    markdown = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw profileUnreadable(path, `not a readable DOCX file (${reason})`, error);
  }
  const text = markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1")
    .replace(/__([^_]+)__/g, "**$1**")
    .replace(/<a id="[^"]*"><\/a>/g, "")
    .trim();
  if (text === "") throw profileUnreadable(path, "the DOCX document has no text");
  return text;
}
