/**
 * What a posting's Trello card says: its name ("Title — Company") and a Markdown description with
 * the link, the key facts and the key requirements, ending with a marker line that records the
 * canonical posting URL so the card can be found again (`jobpipe:posting <url>`), and the jobpipe
 * application it belongs to (`jobpipe:application <id>`, which finds a `--force` card). Pure functions.
 */
import type { Job, Salary } from "../core/index.js";

/** Trello's limit on a card description. */
export const trelloDescriptionLimit = 16_384;
const nameLimit = 512;
const markerPrefix = "jobpipe:posting";

export function formatCardName(job: Pick<Job, "title" | "company" | "url">): string {
  const title = clean(job.title);
  const company = clean(job.company);
  let name: string;
  if (title && company) name = `${title} — ${company}`;
  else if (title) name = title;
  else if (company) name = `Job at ${company}`;
  else name = `Job posting at ${hostOf(job.url) ?? "unknown site"}`;
  return name.length > nameLimit ? `${name.slice(0, nameLimit - 1)}…` : name;
}

/** The marker line that identifies the card's posting. */
export function postingMarker(postingUrl: string): string {
  return `${markerPrefix} ${postingUrl}`;
}

/** The application id recorded in a card description by `formatCardDescription`, or null. */
export function applicationIdFromDescription(description: string): string | null {
  return /jobpipe:application\s+([a-z0-9]+)/.exec(description)?.[1] ?? null;
}

/** The posting URL recorded in a card description by `formatCardDescription`, or null. */
export function postingUrlFromDescription(description: string): string | null {
  const match = /jobpipe:posting\s+<?(https?:\/\/[^\s>`]+)/.exec(description);
  return match?.[1] ?? null;
}

export function formatCardDescription(
  job: Job,
  postingUrl: string,
  limit: number = trelloDescriptionLimit,
  applicationId: string | null = null,
): string {
  const applicationMarker = applicationId ? `\n\`jobpipe:application ${applicationId}\`` : "";
  const marker = `\n\n---\n\`${postingMarker(postingUrl)}\`${applicationMarker}`;
  const facts: string[] = [`**Posting:** ${postingUrl}`];
  if (job.applyUrl && job.applyUrl !== postingUrl && job.applyUrl !== job.url)
    facts.push(`**Apply:** ${job.applyUrl}`);
  addFact(facts, "Company", clean(job.company));
  addFact(facts, "Location", clean(job.location));
  addFact(facts, "Workplace", job.workplace ? capitalise(job.workplace) : null);
  addFact(facts, "Employment", job.employmentType ? employmentLabel(job.employmentType) : null);
  addFact(facts, "Salary", formatSalary(job.salary));
  addFact(facts, "Posted", job.datePosted);
  addFact(facts, "Apply by", job.validThrough);

  const sections = [facts.join("\n")];
  const requirements = keyRequirements(job.description);
  if (requirements.length > 0) {
    sections.push(`### Key requirements\n${requirements.map((line) => `- ${line}`).join("\n")}`);
  } else {
    const excerpt = excerptOf(job.description, 800);
    if (excerpt) sections.push(`### About the role\n${excerpt}`);
  }
  const body = sections.join("\n\n");
  const room = limit - marker.length;
  return (body.length > room ? `${body.slice(0, Math.max(0, room - 1))}…` : body) + marker;
}

/** Up to 12 requirement bullets: those under a requirements-like heading, else the first bullets. */
export function keyRequirements(description: string, max = 12): string[] {
  const lines = description.split(/\r?\n/).map((line) => line.trim());
  const bullet = /^(?:[-*•·–]|\d+[.)])\s+(.*)$/;
  const heading =
    /requirement|qualification|what you(?:'ll| will)? (?:need|bring|have)|you have|you bring|must.have|about you|who you are|skills|experience/i;
  const underHeading: string[] = [];
  const anywhere: string[] = [];
  let inSection = false;
  for (const line of lines) {
    if (line === "") continue;
    const item = bullet.exec(line)?.[1];
    if (item !== undefined) {
      const text = shorten(item, 300);
      if (inSection) underHeading.push(text);
      anywhere.push(text);
      continue;
    }
    // A short line that is not a bullet starts a new section.
    if (line.length <= 100) inSection = heading.test(line);
  }
  return (underHeading.length > 0 ? underHeading : anywhere).slice(0, max);
}

export function formatSalary(salary: Salary | null): string | null {
  if (!salary || (salary.min === null && salary.max === null)) return null;
  const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
  const { min, max } = salary;
  let amount: string;
  if (min !== null && max !== null && min !== max) amount = `${number.format(min)}–${number.format(max)}`;
  else amount = number.format((min ?? max) as number);
  if (min !== null && max === null) amount = `from ${amount}`;
  if (min === null && max !== null) amount = `up to ${amount}`;
  const currency = salary.currency ? `${salary.currency} ` : "";
  const period = salary.period ? ` per ${salary.period}` : "";
  return `${currency}${amount}${period}`;
}

function addFact(facts: string[], label: string, value: string | null): void {
  if (value) facts.push(`**${label}:** ${value}`);
}

function employmentLabel(type: NonNullable<Job["employmentType"]>): string {
  return capitalise(type.replace("_", "-"));
}

function excerptOf(text: string, max: number): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  let result = "";
  for (const paragraph of paragraphs) {
    if (result.length + paragraph.length > max) {
      if (result === "") result = shorten(paragraph, max);
      break;
    }
    result = result ? `${result}\n\n${paragraph}` : paragraph;
  }
  return result;
}

function clean(value: string | null): string | null {
  const trimmed = value?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed : null;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function shorten(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
