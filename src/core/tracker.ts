/** The interface the Trello adapter implements; null tracker = built-in board only. */
import type { Stage, TrackerCard } from "./application.js";
import type { Job } from "./job.js";

export interface CardRequest {
  applicationId: string;
  /** The canonical posting URL: the card's identity on the board. */
  postingUrl: string;
  job: Job;
  /**
   * true: this application gets a card of its own even if the posting already has one (the user
   * asked for a new application with --force); it is then found again by its application id.
   */
  separateCard?: boolean;
}

/** A file to attach to a card (the letter's DOCX and PDF). */
export interface TrackerFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
  /** Attachment name shown on the card; defaults to the file name. */
  name?: string;
}

export interface Tracker {
  /** Creates the card, or returns the existing card for this posting URL (idempotent). */
  ensureCard(request: CardRequest, options?: { signal?: AbortSignal }): Promise<TrackerCard>;
  moveCard(cardId: string, stage: Stage, options?: { signal?: AbortSignal }): Promise<void>;
  /** Uploads files, first removing earlier uploads of the same names (a new letter version replaces the old). */
  replaceAttachments(
    cardId: string,
    files: readonly TrackerFile[],
    options?: { signal?: AbortSignal },
  ): Promise<void>;
  /** The stage of every card on the board, read from the list it is in (cards the user moved). */
  readCardStages(options?: { signal?: AbortSignal }): Promise<Map<string, Stage>>;
  /** Live check for `doctor --online` and `/health`. Resolves to a display name of the account. */
  checkConnection(options?: { signal?: AbortSignal }): Promise<string>;
}
