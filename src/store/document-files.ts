/**
 * Writes a rendered letter document to `<dataDir>/documents/<applicationId>/v<version>/<fileName>`.
 *
 * The bytes go to a temporary file in the same directory, are flushed to disk, then renamed over the
 * final name, so a crash leaves either the old file or the new one, never half of one. Every path
 * part is checked, and the resolved directory (after symlinks) must lie inside the data directory.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, realpath, rename, rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/index.js";

export interface SaveDocumentFileOptions {
  dataDir: string;
  applicationId: string;
  letterVersion: number;
  fileName: string;
  content: Buffer;
}

const applicationIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/u;

function refuse(message: string, details: Record<string, unknown>): never {
  throw new AppError("JOBPIPE_ERR_INVALID_INPUT", message, { details });
}

function checkFileName(fileName: string): void {
  const unsafe =
    fileName === "" ||
    fileName === "." ||
    fileName === ".." ||
    fileName.startsWith(".") ||
    fileName !== path.basename(fileName) ||
    /[/\\\p{Cc}]/u.test(fileName) ||
    Buffer.byteLength(fileName, "utf8") > 255;
  if (unsafe) refuse(`Refusing to save a document as ${JSON.stringify(fileName)}: not a plain file name`, {});
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Saves the document and returns its absolute path. */
export async function saveDocumentFile(options: SaveDocumentFileOptions): Promise<string> {
  const { applicationId, letterVersion, fileName, content } = options;
  if (!applicationIdPattern.test(applicationId)) {
    refuse(`Refusing to save a document for application id ${JSON.stringify(applicationId)}`, {});
  }
  if (!Number.isSafeInteger(letterVersion) || letterVersion < 1) {
    refuse(`Refusing to save a document for letter version ${String(letterVersion)}`, {});
  }
  checkFileName(fileName);

  const dataDir = path.resolve(options.dataDir);
  const directory = path.join(dataDir, "documents", applicationId, `v${letterVersion}`);
  const target = path.join(directory, fileName);
  if (!isInside(dataDir, target))
    refuse(`Refusing to save a document outside the data directory`, { fileName });

  const realDirectory = await makeDirectoryInside(dataDir, ["documents", applicationId, `v${letterVersion}`]);
  const finalPath = path.join(realDirectory, fileName);
  const temporaryPath = path.join(realDirectory, `.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temporaryPath, "wx", 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, finalPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw new AppError("JOBPIPE_ERR_INTERNAL", `Writing the document ${finalPath} failed`, { cause: error });
  }
  await syncDirectory(realDirectory);
  return finalPath;
}

/**
 * Creates `parts` one level at a time under `dataDir`, checking after each level that the real path
 * (symlinks followed) is still inside the data dir, so nothing is created outside it.
 */
async function makeDirectoryInside(dataDir: string, parts: string[]): Promise<string> {
  let realDataDir: string;
  try {
    await mkdir(dataDir, { recursive: true });
    realDataDir = await realpath(dataDir);
  } catch (error) {
    throw new AppError("JOBPIPE_ERR_INTERNAL", `Creating the data directory ${dataDir} failed`, {
      cause: error,
    });
  }
  let current = realDataDir;
  for (const part of parts) {
    const next = path.join(current, part);
    let real: string;
    try {
      await mkdir(next, { recursive: true });
      real = await realpath(next);
    } catch (error) {
      throw new AppError("JOBPIPE_ERR_INTERNAL", `Creating the document directory ${next} failed`, {
        cause: error,
      });
    }
    if (!isInside(realDataDir, real)) {
      refuse(`Refusing to save a document: ${next} leads outside the data directory`, {});
    }
    current = real;
  }
  return current;
}

/** Makes the rename itself durable; some file systems refuse to open a directory, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only.
  }
}
