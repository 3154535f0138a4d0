/** Small hand-written jobs, profiles and letters for the document tests, plus readers for the output files. */
import { inflateSync } from "node:zlib";
import JSZip from "jszip";
import type { Job, Profile } from "../../src/core/index.js";

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    title: "Senior Platform Engineer",
    company: "Ørsted Digital",
    location: "Berlin, Germany",
    workplace: "hybrid",
    employmentType: "full_time",
    salary: null,
    datePosted: "2025-03-01",
    validThrough: null,
    description:
      "We are looking for an engineer to build and run our platform. You will work with a small team and own the delivery of services that our customers use every day.",
    applyUrl: null,
    url: "https://jobs.example.com/orsted/123",
    source: "json-ld",
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    name: "Zoë Łukasz-Дмитрий",
    label: "Platform engineer",
    email: "zoe@example.com",
    phone: "+49 30 1234567",
    city: "Berlin",
    links: [
      { label: "LinkedIn", url: "https://www.linkedin.com/in/zoe-example/" },
      { label: "GitHub", url: "https://github.com/zoe-example" },
    ],
    summary: null,
    experience: [],
    education: [],
    skills: [],
    text: "",
    contentHash: "0".repeat(64),
    sourcePath: "/tmp/profile.json",
    ...overrides,
  };
}

export const fullLetter = `Dear Hiring Manager,

I am writing to apply for the Senior Platform Engineer role at Ørsted Digital. For six years I have built
and run platforms that other engineers rely on every day.

At my current employer I moved forty services onto a shared deployment pipeline, cutting release time
from days to minutes. I care about boring, dependable systems and clear documentation.

I would welcome the chance to talk about how I can help your team.

Sincerely,
Zoë Łukasz-Дмитрий
zoe@example.com`;

export const bodyOnlyLetter = `I am writing to apply for the Senior Platform Engineer role.

I have built platforms for six years.`;

/** A letter long enough to need more than one page. */
export function longLetter(paragraphCount: number): string {
  const paragraphs = Array.from(
    { length: paragraphCount },
    (_, index) =>
      `Paragraph ${index + 1}: I have led the migration of many services to a shared platform, written the runbooks that on-call engineers use at night, and mentored colleagues through their first incidents with patience and care.`,
  );
  return `Dear Hiring Manager,\n\n${paragraphs.join("\n\n")}\n\nKind regards,\nZoë`;
}

export const fixedDate = new Date("2025-03-07T10:00:00Z");

export interface DocxContents {
  documentXml: string;
  stylesXml: string;
  coreXml: string;
  /** Each paragraph of the body: its style id and its text (line breaks as "\n"). */
  paragraphs: Array<{ style: string | null; text: string }>;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

export async function readDocx(buffer: Buffer): Promise<DocxContents> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} missing from the DOCX`);
    return file.async("string");
  };
  const documentXml = await read("word/document.xml");
  const body = documentXml.slice(documentXml.indexOf("<w:body>"));
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((match) => (match[0] === "<w:br/>" ? "\n" : decodeXml(match[1] ?? "")))
      .join("");
    return { style, text };
  });
  return {
    documentXml,
    stylesXml: await read("word/styles.xml"),
    coreXml: await read("docProps/core.xml"),
    paragraphs,
  };
}

export interface PdfContents {
  pages: string[];
  text: string;
  info: Record<string, unknown>;
  fontNames: string[];
}

export async function readPdf(buffer: Buffer): Promise<PdfContents> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  const pages: string[] = [];
  const fontNames = new Set<string>();
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let pageText = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      pageText += item.str + (item.hasEOL ? "\n" : "");
      const style = content.styles[item.fontName];
      if (style?.fontFamily) fontNames.add(style.fontFamily);
    }
    pages.push(pageText);
  }
  const metadata = await document.getMetadata();
  await document.destroy();
  return {
    pages,
    text: pages.join("\n"),
    info: metadata.info as Record<string, unknown>,
    fontNames: [...fontNames],
  };
}

/** The names of the fonts embedded as TrueType programs (FontFile2), read from the raw PDF. */
export function embeddedTrueTypeFonts(buffer: Buffer): string[] {
  const raw = buffer.toString("latin1");
  const names = new Set<string>();
  for (const match of raw.matchAll(/\/FontName \/([A-Z]{6}\+[^\s/>]+)[\s\S]{0,400}?\/FontFile2/g)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names];
}

/** The TrueType programs embedded in a PDF (each FontFile2 stream, inflated), read from the raw PDF. */
export function embeddedFontPrograms(buffer: Buffer): Buffer[] {
  const raw = buffer.toString("latin1");
  return [...raw.matchAll(/\/FontFile2 (\d+) 0 R/g)].map(([, id]) => {
    const object = new RegExp(`\\n${id} 0 obj\\n<<([\\s\\S]*?)>>\\nstream\\n`).exec(raw);
    if (!object) throw new Error(`font object ${id} not found`);
    const length = Number(/\/Length (\d+)/.exec(object[1] ?? "")?.[1]);
    const start = object.index + object[0].length;
    const data = buffer.subarray(start, start + length);
    return /\/FlateDecode/.test(object[1] ?? "") ? inflateSync(data) : Buffer.from(data);
  });
}
