import { variableHelp } from "./variables.js";

/** One missing or malformed variable, reported on its own line at start-up. */
export interface ConfigProblem {
  variable: string;
  /** What is wrong, without the value (it may be a secret). */
  problem: string;
}

/** "TRELLO_TOKEN is missing: your Trello user token, … Get it: … (docs/SETUP.md#trello-key-and-token)" */
export function formatConfigProblem(problem: ConfigProblem): string {
  const help = variableHelp[problem.variable];
  if (!help) return `${problem.variable} ${problem.problem}.`;
  return `${problem.variable} ${problem.problem}: ${help.purpose}. How to fix: ${help.howToGet} (docs/SETUP.md#${help.setupAnchor}).`;
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((problem) => `  - ${formatConfigProblem(problem)}`);
  return [
    `jobpipe cannot start: ${problems.length} configuration problem${problems.length === 1 ? "" : "s"}.`,
    ...lines,
    "Set them in .env, config/.env or the environment; docs/SETUP.md explains each step by step.",
  ].join("\n");
}
