/** Exit codes of INTERFACE.md. */
import type { ApplicationStatus } from "../core/index.js";

export const exitCodes = {
  success: 0,
  failed: 1,
  partialSuccess: 2,
  usage: 64,
  config: 78,
} as const;

export function exitCodeForStatus(status: ApplicationStatus): number {
  if (status === "success") return exitCodes.success;
  if (status === "partial_success") return exitCodes.partialSuccess;
  return exitCodes.failed;
}

/** Errors about what the user typed (a refused URL, a bad flag) exit with 64. */
export const usageErrorCodes = new Set([
  "JOBPIPE_ERR_INVALID_URL",
  "JOBPIPE_ERR_UNSUPPORTED_SCHEME",
  "JOBPIPE_ERR_URL_CREDENTIALS",
  "JOBPIPE_ERR_PRIVATE_ADDRESS",
  "JOBPIPE_ERR_INVALID_INPUT",
  "JOBPIPE_ERR_NOT_FOUND",
]);
