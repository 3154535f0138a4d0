import { type Command, InvalidArgumentError } from "commander";
import { type Stage, stages } from "../core/index.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodeForStatus } from "./exit-codes.js";
import { formatApplication } from "./format-application.js";

export function registerStageCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("stage")
    .description(`move an application (and its Trello card) to a stage: ${stages.join(", ")}`)
    .argument("<id>", "the application's id (or a unique prefix of it)")
    .argument("<stage>", "the new stage", parseStage)
    .option("--json", "print the application as JSON")
    .action(async (id: string, stage: Stage, options: { json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const application = await services.pipeline.setStage(id, stage);
          if (options.json) environment.output.json(application);
          else environment.output.print(formatApplication(application));
          // The stage is stored either way; a card that couldn't follow is a partial success.
          return application.steps.tracker.status === "failed" ? exitCodeForStatus("partial_success") : 0;
        }),
      );
    });
}

function parseStage(value: string): Stage {
  const stage = value.trim().toLowerCase();
  if (!(stages as readonly string[]).includes(stage)) {
    throw new InvalidArgumentError(`expected one of ${stages.join(", ")}`);
  }
  return stage as Stage;
}
