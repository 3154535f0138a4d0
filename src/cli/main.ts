/**
 * The command line. Each command lives in its own file; this one registers them, maps usage errors
 * to exit 64, and returns the exit code instead of calling process.exit (so tests can run it).
 */
import { Command, CommanderError } from "commander";
import { registerAddCommand } from "./add-command.js";
import { registerBatchCommand } from "./batch-command.js";
import type { CommandEnvironment } from "./command-context.js";
import { registerDoctorCommand } from "./doctor-command.js";
import { exitCodes } from "./exit-codes.js";
import { registerExportCommand } from "./export-command.js";
import { registerExtractCommand } from "./extract-command.js";
import { registerLetterCommand } from "./letter-command.js";
import { registerListCommand } from "./list-command.js";
import { processOutput } from "./output.js";
import { registerShowCommand } from "./show-command.js";
import { registerStageCommand } from "./stage-command.js";
import { registerSyncCommand } from "./sync-command.js";

export async function runCli(argv: string[], environment?: Partial<CommandEnvironment>): Promise<number> {
  const context: CommandEnvironment = {
    env: environment?.env ?? process.env,
    cwd: environment?.cwd ?? process.cwd(),
    output: environment?.output ?? processOutput,
  };
  let exitCode: number = exitCodes.success;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name("jobpipe")
    .description("Read a job posting, file it on your board, draft the cover letter, render DOCX and PDF.")
    .version("0.1.0")
    .showHelpAfterError("(run jobpipe --help for usage)")
    .configureOutput({
      writeOut: (text) => context.output.print(text.trimEnd()),
      writeErr: (text) => context.output.error(text.trimEnd()),
    })
    .exitOverride();
  registerAddCommand(program, context, setExitCode);
  registerExtractCommand(program, context, setExitCode);
  registerListCommand(program, context, setExitCode);
  registerShowCommand(program, context, setExitCode);
  registerStageCommand(program, context, setExitCode);
  registerLetterCommand(program, context, setExitCode);
  registerSyncCommand(program, context, setExitCode);
  registerBatchCommand(program, context, setExitCode);
  registerExportCommand(program, context, setExitCode);
  registerDoctorCommand(program, context, setExitCode);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational = ["commander.helpDisplayed", "commander.version"].includes(error.code);
      return informational ? exitCodes.success : exitCodes.usage;
    }
    throw error;
  }
  return exitCode;
}
