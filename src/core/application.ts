/** Applications, their stages, statuses and per-step results (INTERFACE.md, "The application"). */
import type { Job } from "./job.js";

export const stages = ["saved", "applied", "interviewing", "offer", "rejected", "withdrawn"] as const;
export type Stage = (typeof stages)[number];

export const applicationStatuses = ["success", "partial_success", "failed"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The steps of the pipeline, in the order they run. */
export const stepNames = ["fetch", "extract", "tracker", "letter", "docx", "pdf"] as const;
export type StepName = (typeof stepNames)[number];

export const stepStatuses = ["ok", "failed", "skipped", "pending"] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface StepResult {
  status: StepStatus;
  /** Human-readable reason, prefixed with the stable error code, e.g. "JOBPIPE_ERR_TRELLO_UNAVAILABLE: …". */
  error: string | null;
  attempts: number;
  ms: number;
  /** Why a step was skipped, or a warning about an ok step (e.g. "set JOBPIPE_PROFILE"). */
  note?: string | null;
}

export type Steps = Record<StepName, StepResult>;

export interface TrackerCard {
  cardId: string;
  cardUrl: string;
}

export type LetterProvider = "openai" | "offline";

export interface ApplicationLetter {
  provider: LetterProvider;
  model: string | null;
  version: number;
  text: string;
}

export interface ApplicationFiles {
  docx: string | null;
  pdf: string | null;
}

export interface Application {
  id: string;
  url: string;
  status: ApplicationStatus;
  stage: Stage;
  createdAt: string;
  updatedAt: string;
  job: Job | null;
  steps: Steps;
  tracker: TrackerCard | null;
  letter: ApplicationLetter | null;
  files: ApplicationFiles;
}
