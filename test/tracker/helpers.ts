/** Shared bits for the tracker tests: a logger that keeps its lines, a sleep that only records. */
import { pino } from "pino";
import type { Sleep } from "../../src/core/index.js";

export function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

export function recordingSleep() {
  const waits: number[] = [];
  const sleep: Sleep = async (ms) => {
    waits.push(ms);
  };
  return { sleep, waits };
}

export async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}
