import type { Command } from "commander";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodeForStatus } from "./exit-codes.js";
import { formatApplication } from "./format-application.js";

export function registerLetterCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("letter")
    .description("write a new version of the letter and its documents")
    .argument("<id>", "the application's id (or a unique prefix of it)")
    .option("--feedback <text>", 'what to change, e.g. "shorter, mention the Kubernetes work"')
    .option("--json", "print the application as JSON")
    .action(async (id: string, options: { feedback?: string; json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const application = await services.pipeline.writeLetter(id, { feedback: options.feedback ?? null });
          if (options.json) environment.output.json(application);
          else {
            environment.output.print(formatApplication(application));
            if (application.letter) environment.output.print(`\n${application.letter.text}`);
          }
          return exitCodeForStatus(application.status);
        }),
      );
    });
}
