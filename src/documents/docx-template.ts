/**
 * A DOCX letter made from a template that docx packs once per paper size.
 *
 * docx spends about 11 ms turning its object tree into XML and zipping it, nearly all of it on parts
 * that are the same for every letter (styles, numbering, theme, settings, footnotes, relationships).
 * So docx's public `Packer` makes one template whose per-letter text is marker words; the template is
 * unzipped, and each part is either kept ready-compressed (no marker) or split at its markers. A
 * letter then costs its paragraphs' XML (docx-xml.ts), a few string joins and compressing four small
 * parts.
 *
 * This depends on docx writing each marker word unchanged where it was given, and on the template
 * having one body paragraph to swap for the letter's. `docxTemplate` checks both and fails with
 * JOBPIPE_ERR_DOCX_RENDER if a docx release changes that; a test compares the output with docx's own.
 * The creation and modification dates are the letter's, so the same letter gives the same bytes.
 */
import { Packer, Paragraph } from "docx";
import { AppError } from "../core/index.js";
import { createDocx, docxPropertiesOf, letterBlocks } from "./docx-document.js";
import { blocksXml, escapeXml } from "./docx-xml.js";
import type { LetterDocument } from "./letter-document.js";
import { readZip, writeZip, type ZipEntry, zipEntry } from "./zip-archive.js";

const markers = {
  body: "JOBPIPEMARKBODY",
  locale: "JOBPIPEMARKLOCALE",
  title: "JOBPIPEMARKTITLE",
  subject: "JOBPIPEMARKSUBJECT",
  creator: "JOBPIPEMARKCREATOR",
  keywords: "JOBPIPEMARKKEYWORDS",
  description: "JOBPIPEMARKDESCRIPTION",
  footerPrefix: "JOBPIPEMARKFOOTERPREFIX",
  date: "JOBPIPEMARKDATE",
} as const;

type MarkerName = keyof typeof markers;
/** The XML-ready text for each marker. */
type MarkerValues = Record<MarkerName, string>;

const markerNames = new Map<string, MarkerName>(
  Object.entries(markers).map(([name, word]) => [word, name as MarkerName]),
);
const markerPattern = /(JOBPIPEMARK[A-Z]+)/;

/** A template part: ready-compressed, or literal text alternating with marker names. */
type TemplatePart =
  | { path: string; entry: ZipEntry }
  | { path: string; segments: Array<string | MarkerName>; markers: Set<MarkerName> };

export interface DocxTemplate {
  /** The DOCX bytes of this letter. */
  fill(letter: LetterDocument): Buffer;
}

function templateError(problem: string): AppError {
  return new AppError(
    "JOBPIPE_ERR_DOCX_RENDER",
    `Building the DOCX template failed: ${problem} (has the docx package changed how it writes documents?)`,
  );
}

/** Swaps the whole marker paragraph `<w:p>…BODY…</w:p>` for the bare body marker. */
function markBody(documentXml: string): string {
  const at = documentXml.indexOf(markers.body);
  if (at < 0 || documentXml.indexOf(markers.body, at + 1) >= 0) {
    throw templateError("word/document.xml does not hold the body marker exactly once");
  }
  const start = Math.max(documentXml.lastIndexOf("<w:p>", at), documentXml.lastIndexOf("<w:p ", at));
  const end = documentXml.indexOf("</w:p>", at);
  if (start < 0 || end < 0) throw templateError("the body marker is not inside a <w:p> paragraph");
  return documentXml.slice(0, start) + markers.body + documentXml.slice(end + "</w:p>".length);
}

/** Puts the date marker where docx wrote the time it packed the template. */
function markDates(coreXml: string): string {
  let count = 0;
  const marked = coreXml.replace(
    /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_match, open: string, _name: string, close: string) => {
      count++;
      return `${open}${markers.date}${close}`;
    },
  );
  if (count !== 2) throw templateError("docProps/core.xml lacks its created and modified dates");
  return marked;
}

function splitAtMarkers(text: string): { segments: Array<string | MarkerName>; markers: Set<MarkerName> } {
  const found = new Set<MarkerName>();
  const segments = text.split(markerPattern).map((piece, index) => {
    if (index % 2 === 0) return piece;
    const name = markerNames.get(piece);
    if (!name) throw templateError(`unknown marker ${piece}`);
    found.add(name);
    return name;
  });
  return { segments, markers: found };
}

async function buildTemplate(paperSize: LetterDocument["paperSize"]): Promise<DocxTemplate> {
  const packed = await Packer.toBuffer(
    createDocx({
      paperSize,
      locale: markers.locale,
      title: markers.title,
      subject: markers.subject,
      creator: markers.creator,
      keywords: markers.keywords,
      description: markers.description,
      footerPrefix: markers.footerPrefix,
      paragraphs: [new Paragraph({ text: markers.body })],
    }),
  );
  const decoder = new TextDecoder();
  const parts: TemplatePart[] = [];
  const seen = new Set<MarkerName>();
  for (const [path, bytes] of readZip(packed)) {
    let text = path.endsWith(".xml") || path.endsWith(".rels") ? decoder.decode(bytes) : null;
    if (text === null || !markerPattern.test(text)) {
      parts.push({ path, entry: zipEntry(path, bytes) });
      continue;
    }
    if (path === "word/document.xml") text = markBody(text);
    if (path === "docProps/core.xml") text = markDates(text);
    const split = splitAtMarkers(text);
    for (const name of split.markers) seen.add(name);
    parts.push({ path, ...split });
  }
  const missing = (Object.keys(markers) as MarkerName[]).filter((name) => !seen.has(name));
  if (missing.length > 0) throw templateError(`no place found for ${missing.join(", ")}`);
  return new FilledTemplate(parts);
}

/** Compressed parts that depend only on the language, such as styles.xml, kept per locale. */
const maxLocaleEntries = 64;

class FilledTemplate implements DocxTemplate {
  private readonly localeEntries = new Map<string, ZipEntry>();

  constructor(private readonly parts: readonly TemplatePart[]) {}

  fill(letter: LetterDocument): Buffer {
    const values = markerValues(letter);
    const entries = this.parts.map((part) => {
      if ("entry" in part) return part.entry;
      const text = part.segments.map((segment, index) =>
        index % 2 ? values[segment as MarkerName] : segment,
      );
      if (part.markers.size !== 1 || !part.markers.has("locale")) return zipEntry(part.path, text.join(""));
      return this.localeEntry(part.path, values.locale, () => text.join(""));
    });
    return writeZip(entries, letter.metadata.createdAt);
  }

  private localeEntry(path: string, locale: string, text: () => string): ZipEntry {
    const key = `${path}\u0000${locale}`;
    let entry = this.localeEntries.get(key);
    if (!entry) {
      entry = zipEntry(path, text());
      if (this.localeEntries.size >= maxLocaleEntries) this.localeEntries.clear();
      this.localeEntries.set(key, entry);
    }
    return entry;
  }
}

function markerValues(letter: LetterDocument): MarkerValues {
  const properties = docxPropertiesOf(letter);
  return {
    body: blocksXml(letterBlocks(letter)),
    locale: escapeXml(properties.locale),
    title: escapeXml(properties.title),
    subject: escapeXml(properties.subject),
    creator: escapeXml(properties.creator),
    keywords: escapeXml(properties.keywords),
    description: escapeXml(properties.description),
    footerPrefix: escapeXml(properties.footerPrefix),
    date: letter.metadata.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

const templates = new Map<LetterDocument["paperSize"], Promise<DocxTemplate>>();

/** The template for a paper size, packed on first use and kept for the life of the process. */
export function docxTemplate(paperSize: LetterDocument["paperSize"]): Promise<DocxTemplate> {
  let template = templates.get(paperSize);
  if (!template) {
    template = buildTemplate(paperSize);
    templates.set(paperSize, template);
    // A failed build is not kept, so the next letter tries again.
    template.catch(() => templates.delete(paperSize));
  }
  return template;
}
