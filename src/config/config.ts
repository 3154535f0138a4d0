/** The typed, read-only configuration every module receives (parsed once by loadConfig). */

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
}

export interface Config {
  dataDir: string;
  database: DatabaseTarget;
  /** Model used when OpenAI is configured (also shown by doctor when it isn't). */
  openaiModel: string;
  openai: OpenAiConfig | null;
  trello: TrelloConfig | null;
  profilePath: string | null;
  server: { host: string; port: number; apiToken: string | null };
  fetch: { allow: string[]; timeoutMs: number };
  require: Integration[];
  log: { level: string; file: string };
  /** Font files for the PDF; null = the embedded DejaVu fonts (and a system CJK font when found). */
  pdf: { fontPath: string | null; boldFontPath: string | null; cjkFontPath: string | null };
}

export const defaultOpenAiModel = "gpt-5-mini";
export const defaultTrelloBaseUrl = "https://api.trello.com/1";
