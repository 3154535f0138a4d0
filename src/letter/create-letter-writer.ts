/** Chooses the letter writer: an OpenAI-compatible model when a key is set, else the offline writer. */
import type { Logger } from "pino";
import type { LetterWriter, Sleep } from "../core/index.js";
import { createOfflineLetterWriter } from "./offline-writer.js";
import { createOpenAiLetterWriter } from "./openai-writer.js";

export interface LetterWriterOptions {
  apiKey?: string | null;
  baseUrl?: string | null;
  model: string;
  temperature?: number;
  timeoutMs?: number;
  logger: Logger;
  sleep?: Sleep;
}

export function createLetterWriter(options: LetterWriterOptions): LetterWriter {
  if (!options.apiKey) return createOfflineLetterWriter();
  return createOpenAiLetterWriter({
    apiKey: options.apiKey,
    model: options.model,
    logger: options.logger,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}
