import { type Command, Option } from "commander";
import { type Stage, stages } from "../core/index.js";
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
          const applications = [];
          let cursor: string | null = null;
          do {
            const page = await services.store.applications.list({
              stage: options.stage ?? null,
              limit: 200,
              cursor,
            });
            for (const row of page.rows) applications.push(await services.store.toApplication(row));
            cursor = page.nextCursor;
          } while (cursor !== null);
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
