import { stat } from "node:fs/promises";
import type { Command } from "commander";
import type { Job } from "../core/index.js";
import { createExtractor } from "../main.js";
import { type CommandEnvironment, loadCheckedConfig, reportError } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";
import { formatSalary } from "./format-application.js";
import { readInputFile } from "./read-input-file.js";

export function registerExtractCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("extract")
    .description("print the job read from a posting URL or a saved page; writes nothing")
    .argument("<url-or-file>", "a posting URL, or a saved HTML file")
    .option("--url <url>", "the page's original URL, when reading a file")
    .option("--json", "print the job as JSON")
    .action(async (target: string, options: { url?: string; json?: boolean }) => {
      const config = loadCheckedConfig(environment);
      if (config === null) return setExitCode(exitCodes.config);
      const extractor = createExtractor(config);
      try {
        const job = (await isFile(target))
          ? await extractor.fromContent(options.url ?? null, await readInputFile(target, "the page"))
          : await extractor.fromUrl(target);
        if (options.json) environment.output.json(job);
        else environment.output.print(formatJob(job));
        setExitCode(exitCodes.success);
      } catch (error) {
        setExitCode(reportError(environment.output, error));
      } finally {
        extractor.close();
      }
    });
}

async function isFile(target: string): Promise<boolean> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) return false;
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

function formatJob(job: Job): string {
  const salary = job.salary ? formatSalary(job.salary) : null;
  const fields: [string, string | null][] = [
    ["title", job.title],
    ["company", job.company],
    ["location", job.location],
    ["workplace", job.workplace],
    ["type", job.employmentType],
    ["salary", salary],
    ["posted", job.datePosted],
    ["valid until", job.validThrough],
    ["apply at", job.applyUrl],
    ["source", job.source],
  ];
  const lines = fields
    .filter(([, value]) => value)
    .map(([name, value]) => `${`${name}:`.padEnd(13)}${value}`);
  const description = job.description.length > 600 ? `${job.description.slice(0, 600)}…` : job.description;
  return [...lines, "", description].join("\n");
}
