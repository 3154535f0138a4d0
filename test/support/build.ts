/** Vitest global setup: builds dist/ once, so tests that run the real CLI run the current code. */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function buildOnce(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}
