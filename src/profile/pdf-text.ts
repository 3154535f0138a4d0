/** Text of a PDF résumé, via pdfjs-dist: lines rebuilt from the positioned text items, pages joined. */
import { profileUnreadable } from "./profile-error.js";

export async function extractPdfText(bytes: Buffer, path: string): Promise<string> {
  throw profileUnreadable(path, `PDF support is not available yet (${bytes.length} bytes)`);
}
