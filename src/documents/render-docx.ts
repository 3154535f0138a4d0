/**
 * LetterDocument → DOCX bytes. Every paragraph carries a named style (Sender Name, Sender Contact,
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
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import { AppError } from "../core/index.js";
import type { LetterDocument } from "./letter-document.js";

/** Twentieths of a point, the unit of Word's page geometry and spacing. */
const twips = (points: number): number => Math.round(points * 20);
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

/** Lines of one block in one paragraph, separated by line breaks (Shift+Enter), as a person types an address. */
function linesParagraph(styleId: string, lines: string[]): Paragraph {
  return new Paragraph({
    style: styleId,
    children: lines.map((line, index) => new TextRun({ text: line, break: index === 0 ? 0 : 1 })),
  });
}

function bodyParagraphs(letter: LetterDocument): Paragraph[] {
  return letter.paragraphs.map((paragraph, index) => {
    const next = letter.paragraphs[index + 1];
    const endsList = paragraph.bullet && (next === undefined || !next.bullet);
    return paragraph.bullet
      ? new Paragraph({
          style: docxStyleIds.bullet,
          spacing: endsList ? { after: twips(10) } : undefined,
          text: paragraph.text,
        })
      : new Paragraph({ style: docxStyleIds.body, text: paragraph.text });
  });
}

function letterParagraphs(letter: LetterDocument): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (letter.sender.name)
    paragraphs.push(new Paragraph({ style: docxStyleIds.senderName, text: letter.sender.name }));
  if (letter.sender.contactLines.length > 0) {
    paragraphs.push(linesParagraph(docxStyleIds.senderContact, letter.sender.contactLines));
  }
  paragraphs.push(new Paragraph({ style: docxStyleIds.date, text: letter.date }));
  if (letter.recipientLines.length > 0)
    paragraphs.push(linesParagraph(docxStyleIds.recipient, letter.recipientLines));
  paragraphs.push(new Paragraph({ style: docxStyleIds.subject, text: letter.subject }));
  paragraphs.push(new Paragraph({ style: docxStyleIds.salutation, text: letter.salutation }));
  paragraphs.push(...bodyParagraphs(letter));
  paragraphs.push(new Paragraph({ style: docxStyleIds.closing, text: letter.closing }));
  if (letter.signature)
    paragraphs.push(new Paragraph({ style: docxStyleIds.signature, text: letter.signature }));
  return paragraphs;
}

/** Pages after the first show "<name> · <page number>" at the foot; the first page stays clean. */
function continuationFooter(letter: LetterDocument): Footer {
  const prefix = letter.sender.name ? `${letter.sender.name} · ` : "";
  return new Footer({
    children: [
      new Paragraph({
        style: docxStyleIds.footer,
        children: [new TextRun({ children: [prefix, PageNumber.CURRENT] })],
      }),
    ],
  });
}

export function buildDocx(letter: LetterDocument): Document {
  const page = pageSizes[letter.paperSize];
  return new Document({
    title: letter.metadata.title,
    subject: letter.metadata.subject,
    creator: letter.metadata.author ?? letter.metadata.creator,
    lastModifiedBy: letter.metadata.author ?? letter.metadata.creator,
    keywords: letter.metadata.keywords.join(", "),
    description: `${letter.metadata.subject} (${letter.isoDate})`,
    revision: 1,
    styles: {
      default: {
        document: {
          run: { font: bodyFont, size: halfPoints(bodySize), language: { value: letter.locale } },
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
        footers: { default: continuationFooter(letter), first: new Footer({ children: [] }) },
        children: letterParagraphs(letter),
      },
    ],
  });
}

export async function renderDocx(document: LetterDocument): Promise<Buffer> {
  try {
    return await Packer.toBuffer(buildDocx(document));
  } catch (error) {
    throw new AppError("JOBPIPE_ERR_DOCX_RENDER", `Rendering the DOCX letter failed: ${String(error)}`, {
      cause: error,
    });
  }
}
