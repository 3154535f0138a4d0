import type { Command } from "commander";
import { AppError } from "../core/index.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodeForStatus } from "./exit-codes.js";
import { formatApplication } from "./format-application.js";
import { readInputFile } from "./read-input-file.js";

interface AddOptions {
  html?: string;
  text?: string;
  tracker: boolean;
  letter: boolean;
  force?: boolean;
  json?: boolean;
}

export function registerAddCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("add")
    .description(
      "run the pipeline for one posting: read it, file a card, write the letter, render DOCX and PDF",
    )
    .argument("<url>", "the posting's URL")
    .option("--html <file>", "use this saved page instead of fetching (for sites that block fetching)")
    .option("--text <file>", "use this plain-text posting instead of fetching")
    .option("--no-tracker", "don't file a Trello card")
    .option("--no-letter", "don't write a letter or documents")
    .option("--force", "make a new application even if this posting is already known")
    .option("--json", "print the application as JSON")
    .action(async (url: string, options: AddOptions) => {
      setExitCode(
        await withServices(environment, async (services) => {
          if (options.html && options.text) {
            throw new AppError("JOBPIPE_ERR_INVALID_INPUT", "Use --html or --text, not both");
          }
          const html = options.html ? await readInputFile(options.html, "the page") : null;
          const text = options.text ? await readInputFile(options.text, "the posting text") : null;
          const { application, reused } = await services.pipeline.submit({
            url,
            html,
            text,
            force: options.force ?? false,
            tracker: options.tracker,
            letter: options.letter,
          });
          if (options.json) environment.output.json(application);
          else {
            if (reused)
              environment.output.print(
                "This posting was already saved; finished what was left (use --force for a new application).",
              );
            environment.output.print(formatApplication(application));
          }
          return exitCodeForStatus(application.status);
        }),
      );
    });
}
