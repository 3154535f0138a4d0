import { readFile } from "node:fs/promises";
import { AppError } from "../core/index.js";

/** Reads a file the user named on the command line; a missing or unreadable file is a usage error. */
export async function readInputFile(filePath: string, what: string): Promise<string> {
  try {
    return await readFile(filePath, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (error as Error).message;
    throw new AppError("JOBPIPE_ERR_INVALID_INPUT", `Cannot read ${what} ${filePath}: ${reason}`);
  }
}
