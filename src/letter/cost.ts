/**
 * Rough cost estimate of a letter, in US dollars, from token usage. Prices per million tokens
 * (input, output) for common OpenAI models as published in 2025; unknown models (local Ollama or
 * LM Studio ones included) give null rather than a guess.
 */
import type { TokenUsage } from "../core/index.js";

const pricesPerMillion: Array<{ prefix: string; input: number; output: number }> = [
  { prefix: "gpt-4.1-nano", input: 0.1, output: 0.4 },
  { prefix: "gpt-4.1-mini", input: 0.4, output: 1.6 },
  { prefix: "gpt-4.1", input: 2, output: 8 },
  { prefix: "gpt-4o-mini", input: 0.15, output: 0.6 },
  { prefix: "gpt-4o", input: 2.5, output: 10 },
  { prefix: "gpt-5-nano", input: 0.05, output: 0.4 },
  { prefix: "gpt-5-mini", input: 0.25, output: 2 },
  { prefix: "gpt-5", input: 1.25, output: 10 },
];

export function estimateCostUsd(model: string, usage: TokenUsage): number | null {
  const price = pricesPerMillion.find((entry) => model.startsWith(entry.prefix));
  if (!price) return null;
  const cost = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
