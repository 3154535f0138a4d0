/** Shared test material: corpus paths, the hand-written corpus jobs, a recording sleep and a memory logger. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import type { Job } from "../../src/core/index.js";

export const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");

export const corpusResumes = {
  thomasDavis: path.join(corpusDir, "resumes/thomasdavis/resume.json"),
  sample: path.join(corpusDir, "resumes/jsonresume-schema/sample.resume.json"),
  marcoGorelli: path.join(corpusDir, "resumes/markdown/marco-gorelli.resume.md"),
  weiLee: path.join(corpusDir, "resumes/markdown/wei-lee.resume.md"),
  chadOstrowski: path.join(corpusDir, "resumes/markdown/chad-ostrowski.resume.md"),
};

export type CorpusJob = Job & { key: string; corpusPage: string };

/** Three postings written by hand from corpus pages (docs/examples/offline-letter-jobs.json). */
export function corpusJobs(): CorpusJob[] {
  const file = path.resolve("docs/examples/offline-letter-jobs.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { jobs: CorpusJob[] }).jobs;
}

export function corpusJob(key: string): CorpusJob {
  const job = corpusJobs().find((entry) => entry.key === key);
  if (!job) throw new Error(`no corpus job ${key}`);
  return job;
}

export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

export function memoryLogger(): {
  logger: pino.Logger;
  lines: () => Array<Record<string, unknown>>;
  raw: () => string;
} {
  const chunks: string[] = [];
  const logger = pino({ level: "debug" }, { write: (chunk: string) => chunks.push(chunk) });
  return {
    logger,
    raw: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
