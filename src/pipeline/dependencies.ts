/**
 * What the pipeline needs from the outside world. main.ts builds these from the configuration;
 * tests build them against real local fakes. The pipeline never constructs an adapter itself.
 */
import type { Logger } from "pino";
import type { Job, LetterTone, LetterWriter, Page, Profile, Tracker } from "../core/index.js";
import type { Store } from "../store/index.js";

export interface PostingSource {
  kind: "html" | "ats" | "text";
  source?: string;
  page: Page;
  attempts: number;
}

export interface DocumentRenderers {
  docx(input: DocumentInput): Promise<Buffer>;
  pdf(input: DocumentInput): Promise<Buffer>;
  fileName(company: string | null, title: string | null, extension: "docx" | "pdf"): string;
}

export interface DocumentInput {
  job: Job;
  profile: Profile | null;
  letterText: string;
  date: Date;
}

export interface PipelineDependencies {
  store: Store;
  /** Refuses URLs that can never be fetched (scheme, credentials, private address). Returns the URL to use. */
  checkUrl(url: string): Promise<string>;
  canonicalUrl(url: string): string;
  fetchPosting(url: string, options: { signal?: AbortSignal; logger: Logger }): Promise<PostingSource>;
  postingFromUserInput(url: string, content: string, kind: "html" | "text"): PostingSource;
  /** Throws JOBPIPE_ERR_NOT_A_JOB_PAGE when no usable job is found. */
  extractPosting(posting: PostingSource): Job;
  tracker: Tracker | null;
  letterWriter: LetterWriter;
  letterTone: LetterTone;
  /** The candidate's profile, or null when JOBPIPE_PROFILE is unset; throws when it can't be read. */
  loadProfile(): Promise<Profile | null>;
  documents: DocumentRenderers;
  saveDocumentFile(options: {
    applicationId: string;
    letterVersion: number;
    fileName: string;
    content: Buffer;
  }): Promise<string>;
  logger: Logger;
  now(): Date;
  newId(): string;
}
