/**
 * Reads the candidate's résumé (JOBPIPE_PROFILE) into a Profile. The format follows the extension:
 * `.json` JSON Resume (validated against the schema), `.md`/`.markdown`/`.txt` by heuristics,
 * `.pdf` and `.docx` through their text. Every failure is a JOBPIPE_ERR_PROFILE_UNREADABLE naming
 * the file and the reason.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Profile } from "../core/index.js";
import { extractDocxText } from "./docx-text.js";
import { parseJsonResume } from "./json-resume.js";
import { extractPdfText } from "./pdf-text.js";
import { profileUnreadable } from "./profile-error.js";
import { parseTextProfile } from "./text-profile.js";

export const supportedProfileExtensions = [".json", ".md", ".markdown", ".txt", ".pdf", ".docx"] as const;

export async function loadProfile(path: string): Promise<Profile> {
  const extension = extname(path).toLowerCase();
  if (!(supportedProfileExtensions as readonly string[]).includes(extension)) {
    throw profileUnreadable(
      path,
      `unsupported file type "${extension || "(none)"}"; use ${supportedProfileExtensions.join(", ")}`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === "ENOENT"
        ? "the file does not exist"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a directory, not a file"
            : `it could not be read (${code ?? String(error)})`;
    throw profileUnreadable(path, reason, error);
  }
  if (
    bytes.length === 0 ||
    (extension !== ".pdf" && extension !== ".docx" && bytes.toString("utf8").trim() === "")
  ) {
    throw profileUnreadable(path, "the file is empty");
  }
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  switch (extension) {
    case ".json":
      return parseJsonResume(stripBom(bytes.toString("utf8")), path, contentHash);
    case ".pdf":
      return parseTextProfile(await extractPdfText(bytes, path), path, contentHash);
    case ".docx":
      return parseTextProfile(await extractDocxText(bytes, path), path, contentHash);
    default:
      return parseTextProfile(stripBom(bytes.toString("utf8")), path, contentHash);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
