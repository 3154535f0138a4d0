import { AppError } from "../core/index.js";

/** Thrown when a résumé file can't be turned into a profile; the message names the file and why. */
export function profileUnreadable(path: string, reason: string, cause?: unknown): AppError {
  return new AppError("JOBPIPE_ERR_PROFILE_UNREADABLE", `Cannot read the profile ${path}: ${reason}`, {
    details: { path },
    ...(cause === undefined ? {} : { cause }),
  });
}
