/** Cover letters and the interface every letter writer implements. */
import type { LetterProvider } from "./application.js";
import type { Job } from "./job.js";
import type { Profile } from "./profile.js";

export const letterTones = ["formal", "warm", "concise"] as const;
export type LetterTone = (typeof letterTones)[number];

export interface LetterRequest {
  job: Job;
  profile: Profile | null;
  tone: LetterTone;
  /** The user's feedback on a previous version, when writing a new one. */
  feedback?: string | null;
  previousText?: string | null;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LetterDraft {
  provider: LetterProvider;
  model: string | null;
  /** The letter body: salutation, paragraphs separated by blank lines, closing and name. */
  text: string;
  /** Things the user should know (a check the model's answer failed, no profile configured…). */
  warnings: string[];
  usage: TokenUsage | null;
  /** What the call cost in US dollars, for models with a known price; null otherwise. */
  estimatedCostUsd?: number | null;
  /** Attempts made against the provider (1 for the offline writer). */
  attempts: number;
}

export interface LetterWriter {
  readonly provider: LetterProvider;
  readonly model: string | null;
  write(request: LetterRequest, options?: { signal?: AbortSignal }): Promise<LetterDraft>;
}
