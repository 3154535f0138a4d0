/** Text of a DOCX résumé, via mammoth. */
import { profileUnreadable } from "./profile-error.js";

export async function extractDocxText(bytes: Buffer, path: string): Promise<string> {
  throw profileUnreadable(path, `DOCX support is not available yet (${bytes.length} bytes)`);
}
