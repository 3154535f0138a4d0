/**
 * What every command shares: configuration checked before any work (exit 78 with one line per
 * problem), the services built from it, and one place that turns thrown errors into exit codes and
 * readable messages (never a stack trace, never a secret).
 */
import type { Config, Environment } from "../config/index.js";
import { formatConfigProblems, loadConfig, readEnvironment } from "../config/index.js";
import { isAppError } from "../core/index.js";
import { createServices, type Services } from "../main.js";
import { exitCodes, usageErrorCodes } from "./exit-codes.js";
import type { Output } from "./output.js";

export interface CommandEnvironment {
  env: Environment;
  cwd: string;
  output: Output;
}

/** Loads and validates the configuration; prints the problems and returns null when there are any. */
export function loadCheckedConfig(
  environment: CommandEnvironment,
  overrides: Environment = {},
): Config | null {
  const merged = readEnvironment({ cwd: environment.cwd, env: environment.env, overrides });
  const result = loadConfig(merged, { cwd: environment.cwd });
  if (result.ok) return result.config;
  environment.output.error(formatConfigProblems(result.problems));
  return null;
}

export async function withServices(
  environment: CommandEnvironment,
  work: (services: Services) => Promise<number>,
  overrides: Environment = {},
): Promise<number> {
  const config = loadCheckedConfig(environment, overrides);
  if (config === null) return exitCodes.config;
  let services: Services | null = null;
  try {
    services = await createServices(config);
    return await work(services);
  } catch (error) {
    return reportError(environment.output, error, services);
  } finally {
    await services?.close();
  }
}

export function reportError(output: Output, error: unknown, services: Services | null = null): number {
  if (isAppError(error)) {
    output.error(`Error ${error.code}: ${error.message}`);
    return usageErrorCodes.has(error.code) ? exitCodes.usage : exitCodes.failed;
  }
  services?.logger.error({ err: error }, "unexpected error");
  output.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return exitCodes.failed;
}
