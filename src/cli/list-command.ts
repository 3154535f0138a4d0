import { type Command, Option } from "commander";
import { type Stage, stages } from "../core/index.js";
import { allApplications } from "./all-applications.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";
import { formatApplicationLine } from "./format-application.js";

export function registerListCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("list")
    .description("list applications, newest first")
    .addOption(new Option("--stage <stage>", "only this stage").choices(stages))
    .option("--json", "print a JSON array of applications")
    .action(async (options: { stage?: Stage; json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const applications = await allApplications(services, options.stage ?? null);
          if (options.json) environment.output.json(applications);
          else if (applications.length === 0)
            environment.output.print("No applications yet. Add one with: jobpipe add <url>");
          else
            for (const application of applications)
              environment.output.print(formatApplicationLine(application));
          return exitCodes.success;
        }),
      );
    });
}
