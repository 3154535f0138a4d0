/**
 * Text of a PDF résumé via pdfjs-dist (the legacy build runs in Node without a DOM). Text items
 * are joined into lines: a new line starts where pdf.js marks an end of line or the baseline moves;
 * pages are separated by a blank line. Bullet glyphs become "- " so the text parser sees lists.
 */
import { profileUnreadable } from "./profile-error.js";

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
}

export async function extractPdfText(bytes: Buffer, path: string): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw profileUnreadable(path, `not a readable PDF (${reason})`, error);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(joinLines(content.items as TextItem[]));
    }
    const text = pages.join("\n\n").trim();
    if (text === "") {
      throw profileUnreadable(
        path,
        "the PDF has no text layer (a scanned image?); export it as text or Markdown",
      );
    }
    return text;
  } finally {
    await document.destroy();
  }
}

function joinLines(items: TextItem[]): string {
  const lines: string[] = [];
  let current = "";
  let lastY: number | null = null;
  for (const item of items) {
    if (typeof item.str !== "string") continue;
    const y = item.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && current.trim() !== "") {
      lines.push(current);
      current = "";
    }
    current += item.str;
    if (y !== null) lastY = y;
    if (item.hasEOL) {
      lines.push(current);
      current = "";
    }
  }
  if (current.trim() !== "") lines.push(current);
  return lines
    .map((line) =>
      line
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^[•●▪◦·]\s*/, "- "),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}
