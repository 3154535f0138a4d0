/**
 * LetterDocument → docx `Document`. Every paragraph carries a named style (Sender Name, Sender Contact,
 * Date, Recipient, Subject, Salutation, Body Text, List Bullet, Closing, Signature) defined once in
 * styles.xml, so the letter edits cleanly in Word and LibreOffice: change a style, not 20 paragraphs.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IParagraphStyleOptions,
  LevelFormat,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import type { LetterDocument } from "./letter-document.js";

/** Twentieths of a point, the unit of Word's page geometry and spacing. */
export const twips = (points: number): number => Math.round(points * 20);
/** Half-points, the unit of Word's font sizes. */
const halfPoints = (points: number): number => Math.round(points * 2);

const bodyFont = "Georgia";
const bodySize = 11;
const mutedColor = "555555";

const bulletNumbering = "letter-bullets";

const pageSizes = {
  a4: { width: 11906, height: 16838, margin: 1418 },
  letter: { width: 12240, height: 15840, margin: 1440 },
} as const;

export const docxStyleIds = {
  senderName: "SenderName",
  senderContact: "SenderContact",
  date: "Date",
  recipient: "Recipient",
  subject: "Subject",
  salutation: "Salutation",
  body: "BodyText",
  bullet: "ListBullet",
  closing: "Closing",
  signature: "Signature",
  footer: "Footer",
} as const;

function style(
  id: string,
  name: string,
  paragraph: IParagraphStyleOptions["paragraph"],
  run: IParagraphStyleOptions["run"] = {},
): IParagraphStyleOptions {
  return { id, name, basedOn: "Normal", next: docxStyleIds.body, quickFormat: true, paragraph, run };
}

function paragraphStyles(): IParagraphStyleOptions[] {
  return [
    style(
      docxStyleIds.senderName,
      "Sender Name",
      { spacing: { after: twips(2) }, keepNext: true },
      { bold: true, size: halfPoints(16) },
    ),
    style(
      docxStyleIds.senderContact,
      "Sender Contact",
      {
        spacing: { after: twips(24) },
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "999999", space: 6 } },
      },
      { size: halfPoints(9.5), color: mutedColor },
    ),
    style(docxStyleIds.date, "Date", { spacing: { after: twips(18) } }),
    style(docxStyleIds.recipient, "Recipient", { spacing: { after: twips(18) } }),
    style(docxStyleIds.subject, "Subject", { spacing: { after: twips(14) }, keepNext: true }, { bold: true }),
    style(docxStyleIds.salutation, "Salutation", { spacing: { after: twips(10) }, keepNext: true }),
    style(docxStyleIds.body, "Body Text", { spacing: { after: twips(10), line: 276 } }),
    {
      ...style(docxStyleIds.bullet, "List Bullet", {
        spacing: { after: twips(4), line: 276 },
        // The bullet lives in the style, so a new item typed in Word or LibreOffice gets one too.
        numbering: { reference: bulletNumbering, level: 0 },
      }),
      basedOn: docxStyleIds.body,
      next: docxStyleIds.bullet,
    },
    style(docxStyleIds.closing, "Closing", {
      spacing: { before: twips(4), after: 0 },
      keepNext: true,
      keepLines: true,
    }),
    style(docxStyleIds.signature, "Signature", { spacing: { before: twips(36) } }),
    style(
      docxStyleIds.footer,
      "Footer",
      { alignment: AlignmentType.RIGHT },
      { size: halfPoints(9), color: mutedColor },
    ),
  ];
}

/** One paragraph of the letter: its style, its lines, and a spacing-after override in twips. */
export interface DocxBlock {
  style: string;
  /** Lines of one block in one paragraph, separated by line breaks (Shift+Enter), as a person types an address. */
  lines: string[];
  spacingAfter?: number;
}

/** The letter's paragraphs in order; both the docx objects and the fast XML writer are made from these. */
export function letterBlocks(letter: LetterDocument): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  if (letter.sender.name) blocks.push({ style: docxStyleIds.senderName, lines: [letter.sender.name] });
  if (letter.sender.contactLines.length > 0) {
    blocks.push({ style: docxStyleIds.senderContact, lines: letter.sender.contactLines });
  }
  blocks.push({ style: docxStyleIds.date, lines: [letter.date] });
  if (letter.recipientLines.length > 0) {
    blocks.push({ style: docxStyleIds.recipient, lines: letter.recipientLines });
  }
  blocks.push({ style: docxStyleIds.subject, lines: [letter.subject] });
  blocks.push({ style: docxStyleIds.salutation, lines: [letter.salutation] });
  letter.paragraphs.forEach((paragraph, index) => {
    const next = letter.paragraphs[index + 1];
    if (!paragraph.bullet) {
      blocks.push({ style: docxStyleIds.body, lines: [paragraph.text] });
      return;
    }
    const endsList = next === undefined || !next.bullet;
    blocks.push({
      style: docxStyleIds.bullet,
      lines: [paragraph.text],
      ...(endsList ? { spacingAfter: twips(10) } : {}),
    });
  });
  blocks.push({ style: docxStyleIds.closing, lines: [letter.closing] });
  if (letter.signature) blocks.push({ style: docxStyleIds.signature, lines: [letter.signature] });
  return blocks;
}

function blockParagraph(block: DocxBlock): Paragraph {
  return new Paragraph({
    style: block.style,
    spacing: block.spacingAfter === undefined ? undefined : { after: block.spacingAfter },
    children: block.lines.map((line, index) => new TextRun({ text: line, break: index === 0 ? 0 : 1 })),
  });
}

function letterParagraphs(letter: LetterDocument): Paragraph[] {
  return letterBlocks(letter).map(blockParagraph);
}

/** Pages after the first show "<name> · <page number>" at the foot; the first page stays clean. */
function continuationFooter(prefix: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: docxStyleIds.footer,
        children: [new TextRun({ children: [prefix, PageNumber.CURRENT] })],
      }),
    ],
  });
}

/** The text of a DOCX letter outside its body: page, language, properties and footer. */
export interface DocxProperties {
  paperSize: LetterDocument["paperSize"];
  locale: string;
  title: string;
  subject: string;
  /** Author, also written as the last person to modify the document. */
  creator: string;
  keywords: string;
  description: string;
  /** Text before the page number in the footer of pages after the first ("Jane Doe · "). */
  footerPrefix: string;
}

/** Everything a DOCX letter is made of: its properties and its paragraphs. */
export interface DocxParts extends DocxProperties {
  paragraphs: Paragraph[];
}

export function docxPropertiesOf(letter: LetterDocument): DocxProperties {
  return {
    paperSize: letter.paperSize,
    locale: letter.locale,
    title: letter.metadata.title,
    subject: letter.metadata.subject,
    creator: letter.metadata.author ?? letter.metadata.creator,
    keywords: letter.metadata.keywords.join(", "),
    description: `${letter.metadata.subject} (${letter.isoDate})`,
    footerPrefix: letter.sender.name ? `${letter.sender.name} · ` : "",
  };
}

export function docxPartsOf(letter: LetterDocument): DocxParts {
  return { ...docxPropertiesOf(letter), paragraphs: letterParagraphs(letter) };
}

/** The docx `Document` for these parts: named styles, bullet numbering, A4 or Letter page, footers. */
export function createDocx(parts: DocxParts): Document {
  const page = pageSizes[parts.paperSize];
  return new Document({
    title: parts.title,
    subject: parts.subject,
    creator: parts.creator,
    lastModifiedBy: parts.creator,
    keywords: parts.keywords,
    description: parts.description,
    revision: 1,
    styles: {
      default: {
        document: {
          run: { font: bodyFont, size: halfPoints(bodySize), language: { value: parts.locale } },
          paragraph: { spacing: { after: 0, line: 264 } },
        },
      },
      paragraphStyles: paragraphStyles(),
    },
    numbering: {
      config: [
        {
          reference: bulletNumbering,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: twips(22), hanging: twips(14) } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: page.width, height: page.height },
            margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin },
          },
        },
        footers: {
          default: continuationFooter(parts.footerPrefix),
          first: new Footer({ children: [] }),
        },
        children: parts.paragraphs,
      },
    ],
  });
}

/** The letter as a docx `Document`, for callers that want to change it before packing. */
export function buildDocx(letter: LetterDocument): Document {
  return createDocx(docxPartsOf(letter));
}
