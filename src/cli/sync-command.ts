import type { Command } from "commander";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";
import { formatApplicationLine } from "./format-application.js";

export function registerSyncCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("sync")
    .description("retry every step left failed or pending, and take the stages of cards moved on Trello")
    .option("--json", "print a JSON report")
    .action(async (options: { json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const report = await services.pipeline.sync();
          const unfinished = report.applications.filter((application) => application.status !== "success");
          if (options.json) environment.output.json(report);
          else {
            for (const change of report.stageChanges) {
              environment.output.print(`${change.id}  stage ${change.from} → ${change.to} (moved on Trello)`);
            }
            for (const application of report.applications)
              environment.output.print(formatApplicationLine(application));
            if (report.trackerError)
              environment.output.error(`Reading the Trello board failed: ${report.trackerError}`);
            environment.output.print(
              report.applications.length === 0
                ? "Nothing left to do."
                : `${report.applications.length - unfinished.length} of ${report.applications.length} finished.`,
            );
          }
          return unfinished.length > 0 || report.trackerError ? exitCodes.partialSuccess : exitCodes.success;
        }),
      );
    });
}
