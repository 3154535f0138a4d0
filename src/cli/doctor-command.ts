/**
 * `jobpipe doctor`: what is configured, what works, and with --online whether OpenAI and Trello
 * answer. Configuration problems are reported exactly as at every start-up (exit 78).
 */
import type { Command } from "commander";
import { checkOpenAiConnection, type Services } from "../main.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";

type CheckStatus = "ok" | "not_configured" | "warning" | "error";

interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

export function registerDoctorCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("doctor")
    .description("check the configuration and, with --online, live connectivity to OpenAI and Trello")
    .option("--online", "also call OpenAI and Trello")
    .option("--json", "print the checks as JSON")
    .action(async (options: { online?: boolean; json?: boolean }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const checks = await runChecks(services, options.online ?? false);
          const ok = checks.every((check) => check.status !== "error");
          if (options.json) environment.output.json({ ok, checks });
          else {
            for (const check of checks) {
              environment.output.print(`${mark(check.status)} ${check.name.padEnd(10)} ${check.detail}`);
            }
            environment.output.print(
              ok ? "\nAll good." : "\nSome checks failed: see docs/SETUP.md#troubleshooting.",
            );
          }
          return ok ? exitCodes.success : exitCodes.failed;
        }),
      );
    });
}

async function runChecks(services: Services, online: boolean): Promise<Check[]> {
  const { config } = services;
  const checks: Check[] = [
    { name: "config", status: "ok", detail: "every variable is present and well-formed" },
  ];
  checks.push({
    name: "database",
    status: (await services.store.isHealthy()) ? "ok" : "error",
    detail: config.database.kind === "sqlite" ? `SQLite at ${config.database.path}` : "PostgreSQL",
  });
  checks.push({
    name: "data",
    status: "ok",
    detail: `documents and logs under ${config.dataDir} (log: ${config.log.file})`,
  });

  if (config.openai) {
    const where = config.openai.baseUrl ?? "OpenAI";
    let check: Check = {
      name: "openai",
      status: "ok",
      detail: `model ${config.openai.model} at ${where} (key set)`,
    };
    if (online) {
      try {
        const models = await checkOpenAiConnection(config);
        check = { ...check, detail: `${check.detail}; answered, ${models} models available` };
      } catch (error) {
        check = {
          name: "openai",
          status: "error",
          detail: `${where} did not answer: ${(error as Error).message}`,
        };
      }
    }
    checks.push(check);
  } else {
    checks.push({
      name: "openai",
      status: "not_configured",
      detail: "letters are drafted by the offline writer (set OPENAI_API_KEY to use a model)",
    });
  }

  if (services.tracker && config.trello) {
    let check: Check = {
      name: "trello",
      status: "ok",
      detail: `board ${config.trello.boardId}, list ${config.trello.listId}`,
    };
    if (online) {
      try {
        const account = await services.tracker.checkConnection();
        check = { ...check, detail: `${check.detail}; signed in as ${account}` };
      } catch (error) {
        check = { name: "trello", status: "error", detail: (error as Error).message };
      }
    }
    checks.push(check);
  } else {
    checks.push({
      name: "trello",
      status: "not_configured",
      detail: "applications are tracked on the built-in board",
    });
  }

  if (config.profilePath) {
    try {
      const profile = await services.loadProfile();
      checks.push({
        name: "profile",
        status: "ok",
        detail: `${config.profilePath} (${profile?.name ?? "no name found"})`,
      });
    } catch (error) {
      checks.push({ name: "profile", status: "error", detail: (error as Error).message });
    }
  } else {
    checks.push({
      name: "profile",
      status: "warning",
      detail: "JOBPIPE_PROFILE is not set: letters can't cite your experience",
    });
  }
  return checks;
}

function mark(status: CheckStatus): string {
  return { ok: "✔", not_configured: "·", warning: "!", error: "✖" }[status];
}
