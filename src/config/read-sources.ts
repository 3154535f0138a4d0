/**
 * Merges the configuration sources in order, later wins: `.env`, `config/.env`, the process
 * environment, then command-line flags. The files are parsed, never loaded into process.env.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "dotenv";

export type Environment = Record<string, string | undefined>;

export function readEnvironment(options: {
  cwd: string;
  env: Environment;
  overrides?: Environment;
}): Environment {
  const merged: Environment = {};
  for (const file of [".env", path.join("config", ".env")]) {
    Object.assign(merged, readEnvFile(path.join(options.cwd, file)));
  }
  for (const [name, value] of Object.entries(options.env)) {
    if (value !== undefined) merged[name] = value;
  }
  for (const [name, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

function readEnvFile(filePath: string): Environment {
  try {
    return parse(readFileSync(filePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}
