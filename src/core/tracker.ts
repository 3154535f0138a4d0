/** The interface the Trello adapter implements; null tracker = built-in board only. */
import type { Stage, TrackerCard } from "./application.js";
import type { Job } from "./job.js";

export interface CardRequest {
  applicationId: string;
  /** The canonical posting URL: the card's identity on the board. */
  postingUrl: string;
  job: Job;
}

export interface Tracker {
  /** Creates the card, or returns the existing card for this posting URL (idempotent). */
  ensureCard(request: CardRequest, options?: { signal?: AbortSignal }): Promise<TrackerCard>;
  moveCard(cardId: string, stage: Stage, options?: { signal?: AbortSignal }): Promise<void>;
  /** Live check for `doctor --online` and `/health`. Resolves to a display name of the account. */
  checkConnection(options?: { signal?: AbortSignal }): Promise<string>;
}
