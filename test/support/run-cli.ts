/**
 * Runs the built CLI (`node bin/jobpipe.js`) as a user would, in a child process with its own
 * environment: `runCli` waits for it and collects its exit code and output; `spawnCli` hands back
 * the process so a test can signal it (Ctrl-C, kill -9). The build is made by test/support/build.ts.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface CliOptions {
  env: Record<string, string>;
  cwd: string;
  input?: string;
}

const binary = path.resolve(import.meta.dirname, "../../bin/jobpipe.js");

/** The built CLI in a child process; only PATH and `env` are passed on (no developer credentials). */
export function spawnCli(args: string[], options: CliOptions): SpawnedCli {
  const child = spawn(process.execPath, [binary, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? "");
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export async function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  const run = spawnCli(args, options);
  const { code } = await run.exited;
  return { code: code ?? -1, stdout: run.stdout(), stderr: run.stderr() };
}
