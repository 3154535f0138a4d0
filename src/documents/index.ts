/** Letter documents: one model, DOCX and PDF renderers, safe file names. Pure apart from reading fonts. */
export { documentFileName, fileNamePart } from "./file-name.js";
export { defaultPdfFontPaths, findSystemCjkFont, type PdfFontPaths } from "./fonts.js";
export {
  type BuildLetterDocumentInput,
  buildLetterDocument,
  type LetterDocument,
  type LetterMetadata,
  type LetterParagraph,
  type LetterSender,
} from "./letter-document.js";
export { type ParsedLetterText, parseLetterText } from "./letter-text.js";
export { guessLocale } from "./locale-guess.js";
export { buildDocx, docxStyleIds, renderDocx } from "./render-docx.js";
export { type RenderPdfOptions, renderPdf } from "./render-pdf.js";
