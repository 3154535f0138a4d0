/** Human-readable rendering of an application for the terminal. */
import { type Application, type Salary, stepNames } from "../core/index.js";

export function formatApplication(application: Application): string {
  const job = application.job;
  const heading = job
    ? [job.title ?? "(untitled)", job.company ? `at ${job.company}` : null].filter(Boolean).join(" ")
    : application.url;
  const lines = [
    `${statusMark(application.status)} ${heading}`,
    `  id:       ${application.id}`,
    `  status:   ${application.status}    stage: ${application.stage}`,
    `  url:      ${application.url}`,
  ];
  if (job) {
    if (job.location || job.workplace)
      lines.push(`  where:    ${[job.location, job.workplace].filter(Boolean).join(" · ")}`);
    if (job.salary) lines.push(`  salary:   ${formatSalary(job.salary)}`);
  }
  lines.push("  steps:");
  for (const name of stepNames) {
    const step = application.steps[name];
    const detail = step.error ?? step.note ?? "";
    const timing = step.status === "ok" ? `${Math.round(step.ms)} ms` : "";
    lines.push(`    ${name.padEnd(8)} ${step.status.padEnd(8)} ${timing.padEnd(9)}${detail}`.trimEnd());
  }
  if (application.tracker) lines.push(`  card:     ${application.tracker.cardUrl}`);
  if (application.letter) {
    lines.push(
      `  letter:   version ${application.letter.version} (${application.letter.provider}${application.letter.model ? `, ${application.letter.model}` : ""})`,
    );
  }
  if (application.files.docx) lines.push(`  docx:     ${application.files.docx}`);
  if (application.files.pdf) lines.push(`  pdf:      ${application.files.pdf}`);
  return lines.join("\n");
}

export function formatApplicationLine(application: Application): string {
  const job = application.job;
  const what = job ? `${job.title ?? "(untitled)"} — ${job.company ?? "?"}` : application.url;
  return `${application.id}  ${application.stage.padEnd(12)} ${application.status.padEnd(15)} ${what}`;
}

function statusMark(status: Application["status"]): string {
  if (status === "success") return "✔";
  if (status === "partial_success") return "▲";
  return "✖";
}

/** "EUR 70,000–90,000 per year" */
export function formatSalary(salary: Salary): string {
  const amount = [salary.min, salary.max]
    .filter((value): value is number => value !== null)
    .map((value) => value.toLocaleString("en-US"))
    .join("–");
  return [salary.currency, amount, salary.period ? `per ${salary.period}` : null].filter(Boolean).join(" ");
}
