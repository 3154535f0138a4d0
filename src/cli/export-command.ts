/**
 * `jobpipe export [--format csv|json]`: every application to stdout, newest first. JSON is the
 * array of INTERFACE.md applications; CSV has one row per application with the job's key facts,
 * the step statuses and the document paths (RFC 4180 quoting; cells that a spreadsheet would run
 * as a formula are prefixed with an apostrophe).
 */
import { type Command, Option } from "commander";
import { type Application, stepNames } from "../core/index.js";
import { allApplications } from "./all-applications.js";
import { type CommandEnvironment, withServices } from "./command-context.js";
import { exitCodes } from "./exit-codes.js";

export function registerExportCommand(
  program: Command,
  environment: CommandEnvironment,
  setExitCode: (code: number) => void,
) {
  program
    .command("export")
    .description("write every application to stdout, as CSV or JSON")
    .addOption(new Option("--format <format>", "csv or json").choices(["csv", "json"]).default("csv"))
    .action(async (options: { format: "csv" | "json" }) => {
      setExitCode(
        await withServices(environment, async (services) => {
          const applications = await allApplications(services);
          if (options.format === "json") environment.output.json(applications);
          else environment.output.print(toCsv(applications).trimEnd());
          return exitCodes.success;
        }),
      );
    });
}

const columns: [string, (application: Application) => string | number | null][] = [
  ["id", (application) => application.id],
  ["url", (application) => application.url],
  ["status", (application) => application.status],
  ["stage", (application) => application.stage],
  ["created_at", (application) => application.createdAt],
  ["updated_at", (application) => application.updatedAt],
  ["title", (application) => application.job?.title ?? null],
  ["company", (application) => application.job?.company ?? null],
  ["location", (application) => application.job?.location ?? null],
  ["workplace", (application) => application.job?.workplace ?? null],
  ["employment_type", (application) => application.job?.employmentType ?? null],
  ["salary_min", (application) => application.job?.salary?.min ?? null],
  ["salary_max", (application) => application.job?.salary?.max ?? null],
  ["salary_currency", (application) => application.job?.salary?.currency ?? null],
  ["salary_period", (application) => application.job?.salary?.period ?? null],
  ["date_posted", (application) => application.job?.datePosted ?? null],
  ["card_url", (application) => application.tracker?.cardUrl ?? null],
  ["letter_version", (application) => application.letter?.version ?? null],
  ["letter_provider", (application) => application.letter?.provider ?? null],
  ...stepNames.map(
    (name) =>
      [`step_${name}`, (application: Application) => application.steps[name].status] as [
        string,
        (application: Application) => string,
      ],
  ),
  ["docx", (application) => application.files.docx],
  ["pdf", (application) => application.files.pdf],
];

export function toCsv(applications: readonly Application[]): string {
  const lines = [columns.map(([name]) => name).join(",")];
  for (const application of applications) {
    lines.push(columns.map(([, read]) => csvCell(read(application))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A posting's title like "=HYPERLINK(…)" must stay text when the file is opened in a spreadsheet.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
