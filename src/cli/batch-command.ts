/**
 * `jobpipe batch <file|-> [--concurrency N] [--json]`: every posting of a list through the batch
 * runner (src/pipeline/batch.ts).
 *
 * Output: a progress bar with counts and ETA on stderr when stderr is a terminal (nothing when it
 * isn't); one line per posting on stdout as it is settled (with --json, one JSON object a line: the
 * application, or `{ url, line, status: "refused", error }` for a refused URL); a summary by status
 * at the end (on stderr with --json). Exit 0 when every posting succeeded, 2 otherwise.
 *
 * Ctrl-C: the first stops starting new postings, lets those in flight finish, stores the rest as
 * pending and says how to resume; a second exits at once (what is stored stays consistent: every
 * step is recorded in its own transaction).
 */
import path from "node:path";
import cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import {
  type BatchItemResult,
  type BatchItemStatus,
  batchItemStatuses,
  runBatch,
} from "../pipeline/batch.js";
import { type BatchLine, parseBatchLines } from "../pipeline/batch-lines.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";
import { formatApplicationLine } from "./format-application.js";
import { readInputFile } from "./read-input-file.js";

interface BatchCommandOptions {
  concurrency: number;
  json?: boolean;
}

export const maxBatchConcurrency = 32;

export function registerBatchCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("batch")
    .description(
      "run the pipeline for every posting in a file (one URL a line, # comments); re-running finishes what is left",
    )
    .argument("<file>", "the list of posting URLs, or - to read it from standard input")
    .option(
      "--concurrency <n>",
      `postings worked on at once, 1 to ${maxBatchConcurrency} (at most 2 per site)`,
      parseConcurrency,
      4,
    )
    .option("--json", "print each application as one JSON line as it finishes; the summary goes to stderr")
    .action(async (file: string, options: BatchCommandOptions) => {
      const showBar = process.stderr.isTTY === true;
      // Info logs on a terminal would tear the progress bar apart; the log file keeps warnings.
      const overrides = showBar && !environment.env.LOG_LEVEL ? { LOG_LEVEL: "warn" } : {};
      setExitCode(
        await withServices(
          environment,
          async (services) => {
            const text =
              file === "-"
                ? await readStandardInput()
                : await readInputFile(path.resolve(environment.cwd, file), "the list of postings");
            const lines = parseBatchLines(text);
            if (lines.length === 0) {
              environment.output.error(
                `No posting URLs in ${file === "-" ? "standard input" : file} (one URL a line; # starts a comment).`,
              );
              return exitCodes.success;
            }
            return runBatchCommand(services.pipeline, lines, file, options, environment, showBar);
          },
          overrides,
        ),
      );
    });
}

async function runBatchCommand(
  pipeline: Parameters<typeof runBatch>[0],
  lines: BatchLine[],
  file: string,
  options: BatchCommandOptions,
  environment: CommandEnvironment,
  showBar: boolean,
): Promise<number> {
  const { output } = environment;
  const controller = new AbortController();
  const resumeHint =
    file === "-"
      ? "run `jobpipe sync` to finish them"
      : `run \`jobpipe batch ${file}\` again or \`jobpipe sync\` to finish them`;
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) {
      clearBar();
      output.error("Stopped at once. Postings not stored yet will be added when you run the batch again.");
      process.exit(130);
    }
    controller.abort();
    clearBar();
    output.error(
      `Stopping: finishing the postings in flight and saving the rest as pending; ${resumeHint}. Press Ctrl-C again to quit at once.`,
    );
  };

  const bar = showBar
    ? new cliProgress.SingleBar({
        stream: process.stderr,
        format:
          "{bar} {value}/{total} | ok {success} partial {partial} failed {failed} refused {refused} | ETA {eta_formatted}",
        hideCursor: true,
        etaBuffer: 20,
        fps: 5,
        barsize: 30,
      })
    : null;
  function clearBar() {
    if (bar && process.stdout.isTTY) process.stderr.write("\r\x1b[K");
  }
  const payload = (counts: Record<BatchItemStatus, number>) => ({
    success: counts.success,
    partial: counts.partial_success,
    failed: counts.failed,
    refused: counts.refused,
  });

  process.on("SIGINT", onInterrupt);
  bar?.start(lines.length, 0, payload({ success: 0, partial_success: 0, failed: 0, pending: 0, refused: 0 }));
  try {
    const report = await runBatch(
      pipeline,
      lines.map((line) => line.url),
      {
        concurrency: options.concurrency,
        signal: controller.signal,
        // Each result is printed as it settles; only the unsuccessful ones are shown again at the end.
        keepResults: "unsuccessful",
        onProgress: (progress) => {
          const line = lines[progress.result.index]?.line ?? 0;
          if (options.json) output.json(jsonLine(progress.result, line));
          else if (!bar || !process.stdout.isTTY) output.print(textLine(progress.result, line));
          else clearBar();
          bar?.update(progress.settled, payload(progress.counts));
        },
      },
    );
    bar?.stop();
    const say = options.json ? output.error : output.print;
    if (!options.json && bar && process.stdout.isTTY) {
      for (const result of report.results)
        if (result.status !== "success") say(textLine(result, lines[result.index]?.line ?? 0));
    }
    say(summaryLine(report.counts, lines.length));
    if (report.interrupted) {
      say(`Interrupted: ${report.counts.pending} postings saved as pending; ${resumeHint}.`);
    }
    return report.counts.success === lines.length ? exitCodes.success : exitCodes.partialSuccess;
  } finally {
    process.off("SIGINT", onInterrupt);
    bar?.stop();
  }
}

function jsonLine(result: BatchItemResult, line: number): unknown {
  if (result.application) return result.application;
  return { url: result.url, line, status: result.status, error: result.error };
}

function textLine(result: BatchItemResult, line: number): string {
  if (result.application) {
    const text = formatApplicationLine(result.application);
    if (result.status === "pending") return `${text}  (pending)`;
    const failedStep = Object.entries(result.application.steps).find(([, step]) => step.status === "failed");
    return failedStep ? `${text}  [${failedStep[0]}: ${failedStep[1].error}]` : text;
  }
  return `line ${line}: ${result.url} refused: ${result.error.code}: ${result.error.message}`;
}

export function summaryLine(counts: Record<BatchItemStatus, number>, total: number): string {
  const parts = batchItemStatuses
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status}`);
  return `Batch: ${total} postings: ${parts.join(", ") || "none"}.`;
}

function parseConcurrency(value: string): number {
  const number = Number(value);
  if (
    !/^\d+$/.test(value.trim()) ||
    !Number.isInteger(number) ||
    number < 1 ||
    number > maxBatchConcurrency
  ) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${maxBatchConcurrency}`);
  }
  return number;
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
