/**
 * The letter writer backed by any OpenAI-compatible Chat Completions API (OpenAI, Ollama, LM
 * Studio, vLLM, OpenRouter…).
 *
 * Flow of `write`:
 *   1. build the system and user prompts (pure, ./prompts);
 *   2. call the model through our own retry loop (the SDK's retries are off): after the first try
 *      at most 3 retries, waiting 1 s, 2 s, 4 s or what the server's retry-after(-ms) asks;
 *   3. run checkLetter on the answer; on a problem, ask the model once more with the reasons;
 *   4. still failing, keep the better letter and return the problems as warnings.
 * Token usage is summed over every call. `response_format` is not used, for compatibility.
 */
import OpenAI from "openai";
import type { Logger } from "pino";
import {
  AppError,
  attemptsOf,
  defaultRetryDelaysMs,
  type LetterDraft,
  type LetterRequest,
  type LetterWriter,
  type Sleep,
  type TokenUsage,
  withRetry,
} from "../core/index.js";
import { checkLetter } from "./checks.js";
import { estimateCostUsd } from "./cost.js";
import { isTransientLlmError, llmRetryAfterMs, toLlmError } from "./openai-errors.js";
import { buildSystemPrompt, buildUserPrompt } from "./prompts/index.js";

export interface OpenAiLetterWriterOptions {
  apiKey: string;
  /** OpenAI-compatible endpoint including /v1; OpenAI's own when omitted. */
  baseUrl?: string;
  model: string;
  temperature?: number;
  /** Per call; default 60 s (the SDK's default is 10 minutes). */
  timeoutMs?: number;
  logger: Logger;
  sleep?: Sleep;
  retryDelaysMs?: readonly number[];
}

type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

interface Completion {
  text: string;
  usage: TokenUsage | null;
  attempts: number;
}

export const defaultLetterTimeoutMs = 60_000;

export function createOpenAiLetterWriter(options: OpenAiLetterWriterOptions): LetterWriter {
  const timeoutMs = options.timeoutMs ?? defaultLetterTimeoutMs;
  const baseUrl = options.baseUrl ?? "https://api.openai.com/v1";
  const host = safeHost(baseUrl);
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: baseUrl, maxRetries: 0, timeout: timeoutMs });
  const logger = options.logger.child({
    component: "letter",
    provider: "openai",
    model: options.model,
    host,
  });

  const complete = async (messages: ChatMessage[], signal: AbortSignal | undefined): Promise<Completion> => {
    try {
      const outcome = await withRetry(
        async () => {
          try {
            const response = await client.chat.completions.create(
              {
                model: options.model,
                messages,
                ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
              },
              signal ? { signal } : {},
            );
            return readCompletion(response, host);
          } catch (error) {
            throw toLlmError(error, { host, model: options.model, timeoutMs });
          }
        },
        {
          delaysMs: options.retryDelaysMs ?? defaultRetryDelaysMs,
          isRetryable: isTransientLlmError,
          retryAfterMs: llmRetryAfterMs,
          onRetry: ({ attempt, waitMs, error }) => {
            const status = error instanceof AppError ? (error.details.status ?? null) : null;
            logger.warn(
              { attempt, waitMs, status, code: error instanceof AppError ? error.code : undefined },
              `model call failed, retrying in ${waitMs} ms`,
            );
          },
          ...(options.sleep ? { sleep: options.sleep } : {}),
          ...(signal ? { signal } : {}),
        },
      );
      return { ...outcome.value, attempts: outcome.attempts };
    } catch (error) {
      throw finalError(error);
    }
  };

  return {
    provider: "openai",
    model: options.model,
    async write(request: LetterRequest, callOptions: { signal?: AbortSignal } = {}): Promise<LetterDraft> {
      const startedAt = Date.now();
      const messages: ChatMessage[] = [
        { role: "system", content: buildSystemPrompt({ tone: request.tone }) },
        { role: "user", content: buildUserPrompt(request) },
      ];
      const context = { job: request.job, profile: request.profile };
      const first = await complete(messages, callOptions.signal);
      let text = first.text;
      let attempts = first.attempts;
      let usage = first.usage;
      let problems = checkLetter(text, context);
      const warnings: string[] = [];

      if (problems.length > 0) {
        logger.info({ problems }, "letter failed its checks; asking the model to fix it");
        try {
          const second = await complete(
            [
              ...messages,
              { role: "assistant", content: text },
              { role: "user", content: fixRequest(problems) },
            ],
            callOptions.signal,
          );
          attempts += second.attempts;
          usage = addUsage(usage, second.usage);
          const secondProblems = checkLetter(second.text, context);
          if (secondProblems.length <= problems.length) {
            text = second.text;
            problems = secondProblems;
          }
        } catch (error) {
          attempts += attemptsOf(error);
          const reason = error instanceof AppError ? error.toString() : String(error);
          warnings.push(
            `The model could not be asked to fix the letter (${reason}); the first draft is kept.`,
          );
        }
      }
      warnings.unshift(
        ...problems.map((problem) => `The letter ${problem}; please review it before sending.`),
      );

      const estimatedCostUsd = usage ? estimateCostUsd(options.model, usage) : null;
      logger.info(
        {
          attempts,
          promptTokens: usage?.promptTokens ?? null,
          completionTokens: usage?.completionTokens ?? null,
          estimatedCostUsd,
          warnings: warnings.length,
          ms: Date.now() - startedAt,
        },
        "letter written",
      );
      return { provider: "openai", model: options.model, text, warnings, usage, estimatedCostUsd, attempts };
    },
  };
}

function readCompletion(response: unknown, host: string): { text: string; usage: TokenUsage | null } {
  const body = response as {
    choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  } | null;
  const message = Array.isArray(body?.choices) ? body.choices[0]?.message : undefined;
  const content = typeof message?.content === "string" ? cleanLetter(message.content) : "";
  if (content === "") {
    const refusal =
      typeof message?.refusal === "string" ? `: the model refused (${message.refusal.slice(0, 200)})` : "";
    throw new AppError(
      "JOBPIPE_ERR_LLM_EMPTY_RESPONSE",
      `The model API at ${host} returned no letter text${refusal || (message ? "" : " (malformed response: no choices)")}`,
      { details: { host, transient: false } },
    );
  }
  const promptTokens = body?.usage?.prompt_tokens;
  const completionTokens = body?.usage?.completion_tokens;
  const usage =
    typeof promptTokens === "number" && typeof completionTokens === "number"
      ? { promptTokens, completionTokens }
      : null;
  return { text: content, usage };
}

/** Strips what chatty models wrap around a letter: code fences, "Here is your letter:" lines. */
function cleanLetter(text: string): string {
  let cleaned = text.replace(/\r\n/g, "\n").trim();
  cleaned = cleaned.replace(/^(here is|here's|sure[,!]?|certainly[,!]?)[^\n]{0,80}:\s*\n+/i, "");
  cleaned = cleaned.replace(/^```[a-z]*\n([\s\S]*?)\n```$/i, "$1");
  return cleaned.trim();
}

function fixRequest(problems: string[]): string {
  return [
    "The letter you wrote fails these checks:",
    ...problems.map((problem) => `- It ${problem}.`),
    "Rewrite the whole letter so that it passes them, keeping to the rules and inventing nothing. Output only the letter.",
  ].join("\n");
}

function addUsage(first: TokenUsage | null, second: TokenUsage | null): TokenUsage | null {
  if (!first) return second;
  if (!second) return first;
  return {
    promptTokens: first.promptTokens + second.promptTokens,
    completionTokens: first.completionTokens + second.completionTokens,
  };
}

/** After the retries ran out, say so in the message; the attempt count stays on the error. */
function finalError(error: unknown): unknown {
  const attempts = attemptsOf(error);
  if (error instanceof AppError && attempts > 1) {
    const exhausted = new AppError(error.code, `${error.message} (gave up after ${attempts} attempts)`, {
      cause: error.cause ?? error,
      details: error.details,
    });
    return Object.assign(exhausted, { attempts });
  }
  return error;
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return "the configured OPENAI_BASE_URL";
  }
}
