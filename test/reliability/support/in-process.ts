/**
 * The services wired by createServices exactly as the CLI wires them, in-process, against the local
 * fakes and a fresh data directory; waits between retries are recorded instead of slept.
 */
import { loadConfig } from "../../../src/config/index.js";
import type { Sleep } from "../../../src/core/index.js";
import { createSilentLogger } from "../../../src/log/index.js";
import { createServices, type Services } from "../../../src/main.js";
import { cliEnvironment, type Fakes, newWorkDirectory } from "./batch-fixtures.js";

export interface TestServices {
  services: Services;
  /** Every wait asked for (ms), in order. */
  waits: number[];
  cwd: string;
  close(): Promise<void>;
}

export async function createTestServices(
  fakes: Fakes,
  overrides: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<TestServices> {
  const cwd = options.cwd ?? newWorkDirectory();
  const environment = Object.fromEntries(
    Object.entries(cliEnvironment(fakes, overrides)).filter(([, value]) => value !== ""),
  );
  const result = loadConfig(environment, { cwd });
  if (!result.ok) throw new Error(`test configuration is invalid: ${JSON.stringify(result.problems)}`);
  const waits: number[] = [];
  const sleep: Sleep = async (ms) => {
    waits.push(ms);
  };
  const services = await createServices(result.config, { logger: createSilentLogger(), sleep });
  return { services, waits, cwd, close: () => services.close() };
}
