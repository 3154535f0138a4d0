/** The typed, read-only configuration every module receives (parsed once by loadConfig). */
import type { LetterTone, Stage } from "../core/index.js";

export type Integration = "openai" | "trello";

export type DatabaseTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export interface OpenAiConfig {
  apiKey: string;
  /** null = OpenAI's own endpoint. */
  baseUrl: string | null;
  model: string;
  temperature: number | null;
  timeoutMs: number;
}

export interface TrelloConfig {
  apiKey: string;
  token: string;
  boardId: string;
  listId: string;
  baseUrl: string;
  /** Lists for later stages, from TRELLO_LIST_<STAGE>; unset stages are matched by list name. */
  stageListIds: Partial<Record<Stage, string>>;
  /** Days after "applied" the card's due date is set, for a follow-up; null: no due date. */
  followUpDays: number | null;
}

export interface Config {
  dataDir: string;
  database: DatabaseTarget;
  /** Model used when OpenAI is configured (also shown by doctor when it isn't). */
  openaiModel: string;
  openai: OpenAiConfig | null;
  trello: TrelloConfig | null;
  profilePath: string | null;
  letterTone: LetterTone;
  server: { host: string; port: number; apiToken: string | null };
  fetch: { allow: string[]; timeoutMs: number };
  require: Integration[];
  log: { level: string; file: string };
  /** Font files for the PDF; null = the embedded DejaVu fonts (and a system CJK font when found). */
  pdf: { fontPath: string | null; boldFontPath: string | null; cjkFontPath: string | null };
}

export const defaultOpenAiModel = "gpt-5-mini";
export const defaultTrelloBaseUrl = "https://api.trello.com/1";
