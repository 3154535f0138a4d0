/**
 * The one logger factory. JSON lines to stderr (pretty when stderr is a terminal) and to a log file
 * rotated at 10 MB with 5 files kept (pino-roll). Every line passes through the secret scrubber
 * before it is written anywhere, and well-known secret fields are redacted by path as well.
 */
import path from "node:path";
import { type DestinationStream, type Logger, pino, type TransportTargetOptions } from "pino";
import { createSecretScrubber } from "./secret-scrubber.js";

export interface LoggerOptions {
  level: string;
  /** null = no file (tests, `--json` piping is unaffected either way: logs never go to stdout). */
  file: string | null;
  /** Values that must never appear in a log line (API keys, tokens). */
  secrets: ReadonlyArray<string | null | undefined>;
  /** Pretty output on stderr; defaults to whether stderr is a terminal. */
  pretty?: boolean;
  /** Write here instead of stderr (tests). */
  destination?: DestinationStream;
}

export const redactedPaths = [
  "apiKey",
  "token",
  "authorization",
  "headers.authorization",
  "req.headers.authorization",
  "request.headers.authorization",
  "*.apiKey",
  "*.token",
  "*.authorization",
  "*.headers.authorization",
];

const logFileSize = "10m";
/** Rotated files kept beside the active one: 4 + 1 active = 5 files. */
const rotatedFilesKept = 4;

export function createLogger(options: LoggerOptions): Logger {
  const scrub = createSecretScrubber(options.secrets);
  const base = {
    level: options.level,
    redact: { paths: redactedPaths, censor: "[REDACTED]" },
    hooks: { streamWrite: scrub },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);

  const targets: TransportTargetOptions[] = [];
  const pretty = options.pretty ?? process.stderr.isTTY === true;
  targets.push(
    pretty
      ? { target: "pino-pretty", level: options.level, options: { destination: 2, colorize: true } }
      : { target: "pino/file", level: options.level, options: { destination: 2 } },
  );
  if (options.file !== null) {
    targets.push({
      target: "pino-roll",
      level: options.level,
      options: {
        file: options.file,
        size: logFileSize,
        mkdir: true,
        extension: path.extname(options.file) || ".log",
        limit: { count: rotatedFilesKept, removeOtherLogFiles: true },
      },
    });
  }
  return pino(base, pino.transport({ targets }));
}

/** A logger that writes nothing, for library callers and tests that don't look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
