import type { Command } from "commander";
import { AppError } from "../core/index.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";
import { formatApplication } from "./format-application.js";

export function registerShowCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("show")
    .description("show one application")
    .argument("<id>", "the application's id (or a unique prefix of it)")
    .option("--json", "print the application as JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const row = await services.store.applications.findByIdOrPrefix(id);
          if (!row)
            throw new AppError("JOBPIPE_ERR_NOT_FOUND", `No application with id ${JSON.stringify(id)}`);
          const application = await services.store.toApplication(row);
          if (options.json) environment.output.json(application);
          else {
            environment.output.print(formatApplication(application));
            if (application.letter) environment.output.print(`\n${application.letter.text}`);
          }
          return exitCodes.success;
        }),
      );
    });
}
