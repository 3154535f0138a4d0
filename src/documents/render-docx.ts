/** LetterDocument → DOCX bytes, through a template packed once per paper size (see docx-template.ts). */
import { AppError } from "../core/index.js";
import { docxTemplate } from "./docx-template.js";
import type { LetterDocument } from "./letter-document.js";

export { buildDocx, docxStyleIds } from "./docx-document.js";

/**
 * The letter as DOCX bytes. The parts that are the same for every letter (styles, numbering, theme,
 * settings, relationships) come from a template docx packs once per paper size; each letter only
 * writes its paragraphs, footer, language and properties into it.
 */
export async function renderDocx(document: LetterDocument): Promise<Buffer> {
  try {
    const template = await docxTemplate(document.paperSize);
    return template.fill(document);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("JOBPIPE_ERR_DOCX_RENDER", `Rendering the DOCX letter failed: ${String(error)}`, {
      cause: error,
    });
  }
}
