/**
 * LetterDocument → PDF bytes with PDFKit.
 *
 * Flow: letterhead (name, contact lines, a hairline rule), date, recipient block, subject, salutation,
 * body, then closing and name kept together on one page. Text wraps inside fixed margins and flows
 * onto new pages; pages after the first get a small "<name> · Page n of N" footer. Fonts are Unicode
 * TTFs embedded as subsets (Latin, Greek, Cyrillic from DejaVu; runs of CJK switch to the CJK font
 * when one is configured). The creation date is the letter's, so the same letter gives the same bytes.
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { AppError } from "../core/index.js";
import { defaultPdfFontPaths } from "./fonts.js";
import { withLayoutCache } from "./layout-cache.js";
import type { LetterDocument } from "./letter-document.js";
import { phrasesFor } from "./phrases.js";
import { stripFontHinting } from "./strip-font-hinting.js";

export interface RenderPdfOptions {
  /** Regular Unicode TTF; DejaVu Serif from the npm package when absent. */
  fontPath?: string;
  boldFontPath?: string;
  /** A font with CJK glyphs (TTF, OTF or TTC); a system one is looked for when absent. */
  cjkFontPath?: string;
  /** PostScript name of the face inside a TTC collection. */
  cjkFontFamily?: string;
  /** Overrides the creation date written into the PDF (the letter's date by default). */
  creationDate?: Date;
}

type Pdf = PDFKit.PDFDocument;

const pageSizes = { a4: [595.28, 841.89], letter: [612, 792] } as const;
const margins = { top: 64, bottom: 72, left: 72, right: 72 };
const type = {
  body: 10.5,
  lineGap: 3.4,
  paragraphGap: 8,
  name: 16,
  contact: 8.75,
  footer: 8,
};
const colors = { text: "#1a1a1a", muted: "#555555", rule: "#9a9a9a" };
const fontNames = { regular: "LetterRegular", bold: "LetterBold", cjk: "LetterCjk" } as const;

const cjkPattern =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu;

/**
 * Fonts are read, stripped of TrueType hinting (strip-font-hinting.ts) and parsed once per process:
 * parsing DejaVu's tables costs more than laying out and writing a whole letter, and hinting was most
 * of what each subset copied. The shaped words are remembered across documents (layout-cache.ts).
 * PDFKit takes the parsed font and makes a fresh subset for each document.
 */
const fontCache = new Map<string, fontkit.Font>();

function loadFont(path: string, family?: string): fontkit.Font {
  const key = `${path}\u0000${family ?? ""}`;
  let font = fontCache.get(key);
  if (!font) {
    font = withLayoutCache(fontkit.create(stripFontHinting(readFileSync(path)), family));
    fontCache.set(key, font);
  }
  return font;
}

interface Fonts {
  hasCjk: boolean;
}

function registerFonts(pdf: Pdf, options: RenderPdfOptions): Fonts {
  const defaults = defaultPdfFontPaths(options.cjkFontPath);
  // PDFKit's types only know paths and buffers; at run time it takes a fontkit font as well.
  const register = (name: string, font: fontkit.Font): void => {
    pdf.registerFont(name, font as unknown as Buffer);
  };
  register(fontNames.regular, loadFont(options.fontPath ?? defaults.fontPath));
  register(fontNames.bold, loadFont(options.boldFontPath ?? defaults.boldFontPath));
  const cjkPath = options.cjkFontPath ?? defaults.cjkFontPath;
  if (!cjkPath) return { hasCjk: false };
  const family =
    options.cjkFontFamily ?? (options.cjkFontPath ? undefined : (defaults.cjkFontFamily ?? undefined));
  register(fontNames.cjk, loadFont(cjkPath, family));
  return { hasCjk: true };
}

/** Splits text into runs for the text font and the CJK font. */
function scriptRuns(text: string): Array<{ text: string; cjk: boolean }> {
  const runs: Array<{ text: string; cjk: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(cjkPattern)) {
    const start = match.index ?? 0;
    if (start > last) runs.push({ text: text.slice(last, start), cjk: false });
    runs.push({ text: match[0], cjk: true });
    last = start + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), cjk: false });
  return runs;
}

class LetterWriter {
  private readonly left = margins.left;
  private readonly width: number;

  constructor(
    private readonly pdf: Pdf,
    private readonly fonts: Fonts,
  ) {
    this.width = pdf.page.width - margins.left - margins.right;
  }

  private get bottom(): number {
    return this.pdf.page.height - margins.bottom;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  ensureRoom(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  space(points: number): void {
    this.pdf.y += points;
  }

  private lineHeight(size: number): number {
    return this.pdf.font(fontNames.regular).fontSize(size).currentLineHeight(true) + type.lineGap;
  }

  /**
   * Keeps a paragraph from leaving a lone line at the foot of a page: a short paragraph (three lines
   * or fewer) that does not fit moves whole to the next page; a longer one starts there only when
   * fewer than two of its lines would fit here.
   */
  keepParagraphTogether(value: string, indent = 0): void {
    const { pdf } = this;
    pdf.font(fontNames.regular).fontSize(type.body);
    const height = pdf.heightOfString(value, { width: this.width - indent, lineGap: type.lineGap });
    const remaining = this.bottom - pdf.y;
    if (height <= remaining) return;
    const line = this.lineHeight(type.body);
    if (height <= 3 * line + 1 || remaining < 2 * line) pdf.addPage();
  }

  /** One block of text in the given font, wrapping within the margins (or from `indent`). */
  text(
    value: string,
    options: { bold?: boolean; size?: number; color?: string; indent?: number; gapAfter?: number } = {},
  ): void {
    const { pdf } = this;
    const size = options.size ?? type.body;
    const x = this.left + (options.indent ?? 0);
    const width = this.width - (options.indent ?? 0);
    const runs = this.fonts.hasCjk ? scriptRuns(value) : [{ text: value, cjk: false }];
    this.ensureRoom(size * 1.2 + type.lineGap);
    pdf.fillColor(options.color ?? colors.text).fontSize(size);
    runs.forEach((run, index) => {
      pdf.font(run.cjk ? fontNames.cjk : options.bold ? fontNames.bold : fontNames.regular);
      const continued = index < runs.length - 1;
      const layout = { width, lineGap: type.lineGap, continued };
      if (index === 0) pdf.text(run.text, x, pdf.y, layout);
      else pdf.text(run.text, layout);
    });
    pdf.x = this.left;
    if (options.gapAfter) this.space(options.gapAfter);
  }

  lines(values: string[], options: { size?: number; color?: string; gapAfter?: number } = {}): void {
    values.forEach((value, index) => {
      this.text(value, { ...options, gapAfter: index === values.length - 1 ? options.gapAfter : 0 });
    });
  }

  bullet(value: string, gapAfter: number): void {
    this.keepParagraphTogether(value, 20);
    const top = this.pdf.y;
    this.pdf.font(fontNames.regular).fontSize(type.body).fillColor(colors.text);
    this.pdf.text("•", this.left + 6, top, { width: 10, lineBreak: false });
    this.pdf.y = top;
    this.text(value, { indent: 20, gapAfter });
  }

  rule(gapBefore: number, gapAfter: number): void {
    const y = this.pdf.y + gapBefore;
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(colors.rule)
      .stroke();
    this.pdf.y = y + gapAfter;
  }

  /** Height the closing, signing space and name take, so they can be kept together. */
  closingHeight(hasSignature: boolean): number {
    const line = type.body * 1.2 + type.lineGap;
    return hasSignature ? line + 30 + line : line;
  }
}

function writeLetter(pdf: Pdf, letter: LetterDocument, fonts: Fonts): void {
  const writer = new LetterWriter(pdf, fonts);
  pdf.y = margins.top;
  if (letter.sender.name) writer.text(letter.sender.name, { bold: true, size: type.name, gapAfter: 3 });
  writer.lines(letter.sender.contactLines, { size: type.contact, color: colors.muted });
  writer.rule(6, 26);

  writer.text(letter.date, { gapAfter: 18 });
  if (letter.recipientLines.length > 0) writer.lines(letter.recipientLines, { gapAfter: 18 });
  writer.text(letter.subject, { bold: true, gapAfter: 12 });
  writer.text(letter.salutation, { gapAfter: type.paragraphGap });

  letter.paragraphs.forEach((paragraph, index) => {
    const next = letter.paragraphs[index + 1];
    if (paragraph.bullet) {
      writer.bullet(paragraph.text, next?.bullet ? 3 : type.paragraphGap);
    } else {
      writer.keepParagraphTogether(paragraph.text);
      writer.text(paragraph.text, { gapAfter: type.paragraphGap });
    }
  });

  writer.space(4);
  writer.ensureRoom(writer.closingHeight(letter.signature !== null));
  writer.text(letter.closing);
  if (letter.signature) {
    writer.space(30);
    writer.text(letter.signature);
  }
}

/** "Jane Doe · Page 2 of 3" at the foot of every page after the first. */
function writeFooters(pdf: Pdf, letter: LetterDocument): void {
  const range = pdf.bufferedPageRange();
  if (range.count < 2) return;
  const phrases = phrasesFor(letter.language);
  for (let index = 1; index < range.count; index++) {
    pdf.switchToPage(range.start + index);
    const label = [letter.sender.name, phrases.page(index + 1, range.count)].filter(Boolean).join(" · ");
    // Writing below the bottom margin would start a new page; lift the margin while we do.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(fontNames.regular)
      .fontSize(type.footer)
      .fillColor(colors.muted)
      .text(label, margins.left, pdf.page.height - margins.bottom / 2 - type.footer, {
        width: pdf.page.width - margins.left - margins.right,
        align: "right",
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottomMargin;
  }
}

function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
}

export async function renderPdf(document: LetterDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  try {
    const creationDate = options.creationDate ?? document.metadata.createdAt;
    const pdf = new PDFDocument({
      size: [...pageSizes[document.paperSize]],
      // No default Helvetica: every font used is an embedded Unicode one.
      font: "",
      margins,
      bufferPages: true,
      pdfVersion: "1.7",
      lang: document.locale,
      displayTitle: true,
      info: {
        Title: document.metadata.title,
        // PDFKit reads every key it is given: an absent author must be left out, not undefined.
        ...(document.metadata.author ? { Author: document.metadata.author } : {}),
        Subject: document.metadata.subject,
        Keywords: document.metadata.keywords.join(", "),
        Creator: document.metadata.creator,
        Producer: "jobpipe (PDFKit)",
        CreationDate: creationDate,
        ModDate: creationDate,
      },
    });
    const output = collect(pdf);
    const fonts = registerFonts(pdf, options);
    writeLetter(pdf, document, fonts);
    writeFooters(pdf, document);
    pdf.end();
    return await output;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("JOBPIPE_ERR_PDF_RENDER", `Rendering the PDF letter failed: ${String(error)}`, {
      cause: error,
    });
  }
}
