/** Benchmarks written in TypeScript (they use the test fakes): `npm run bench` runs them after bench/run.js. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["bench/**/*.bench-run.ts"],
    globalSetup: ["test/support/build.ts"],
    testTimeout: 600_000,
    pool: "forks",
    fileParallelism: false,
  },
});
