/** JSON Resume (jsonresume.org) → Profile, after validating against the schema. */
import type { Profile, ProfileExperience } from "../core/index.js";
import { describeSchemaIssues, type JsonResume, jsonResumeSchema } from "./json-resume-schema.js";
import { profileUnreadable } from "./profile-error.js";

export function parseJsonResume(source: string, path: string, contentHash: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw profileUnreadable(
      path,
      `invalid JSON (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw profileUnreadable(path, "a JSON Resume must be a JSON object with basics, work, education…");
  }
  const parsed = jsonResumeSchema.safeParse(data);
  if (!parsed.success) {
    throw profileUnreadable(
      path,
      `not a valid JSON Resume: ${describeSchemaIssues(parsed.error)}`,
      parsed.error,
    );
  }
  return toProfile(parsed.data, path, contentHash);
}

function toProfile(resume: JsonResume, path: string, contentHash: string): Profile {
  const basics = resume.basics ?? {};
  const links = [
    ...(basics.url ? [{ label: "Website", url: basics.url }] : []),
    ...(basics.profiles ?? []).flatMap((entry) =>
      entry.url ? [{ label: entry.network ?? entry.username ?? "Profile", url: entry.url }] : [],
    ),
  ];
  const experience: ProfileExperience[] = [
    ...(resume.work ?? []).map((item) => ({
      employer: item.name ?? "",
      title: item.position ?? null,
      startDate: item.startDate ?? null,
      endDate: item.endDate ?? null,
      summary: item.summary ?? item.description ?? null,
      highlights: item.highlights ?? [],
    })),
  ].filter((item) => item.employer !== "");
  const education = (resume.education ?? [])
    .filter((item) => item.institution)
    .map((item) => ({
      institution: item.institution ?? "",
      area: item.area ?? null,
      studyType: item.studyType ?? null,
      startDate: item.startDate ?? null,
      endDate: item.endDate ?? null,
    }));
  const skills = [
    ...new Set(
      (resume.skills ?? []).flatMap((skill) =>
        skill.keywords && skill.keywords.length > 0 ? skill.keywords : skill.name ? [skill.name] : [],
      ),
    ),
  ];
  const profileBase = {
    name: basics.name ?? null,
    label: basics.label ?? null,
    email: basics.email ?? null,
    phone: basics.phone ?? null,
    city: basics.location?.city ?? null,
    links,
    summary: basics.summary?.trim() || null,
    experience,
    education,
    skills,
  };
  return { ...profileBase, text: renderText(resume), contentHash, sourcePath: path };
}

/** The résumé as readable plain text, for prompts and fact checks. */
function renderText(resume: JsonResume): string {
  const basics = resume.basics ?? {};
  const lines: string[] = [];
  const heading = (title: string) => lines.push("", title.toUpperCase());
  if (basics.name) lines.push(basics.name);
  if (basics.label) lines.push(basics.label);
  if (basics.summary) lines.push("", basics.summary.trim());
  if (resume.work?.length) {
    heading("Experience");
    for (const item of resume.work) {
      lines.push(
        `${[item.position, item.name].filter(Boolean).join(" at ")} (${item.startDate ?? "?"} – ${item.endDate ?? "present"})`,
      );
      if (item.summary) lines.push(item.summary.trim());
      for (const highlight of item.highlights ?? []) lines.push(`- ${highlight}`);
    }
  }
  if (resume.projects?.length) {
    heading("Projects");
    for (const item of resume.projects) {
      lines.push([item.name, item.description].filter(Boolean).join(": "));
      for (const highlight of item.highlights ?? []) lines.push(`- ${highlight}`);
    }
  }
  if (resume.volunteer?.length) {
    heading("Volunteer");
    for (const item of resume.volunteer) {
      lines.push([item.position, item.organization].filter(Boolean).join(" at "));
      if (item.summary) lines.push(item.summary.trim());
    }
  }
  if (resume.education?.length) {
    heading("Education");
    for (const item of resume.education) {
      lines.push(
        `${[item.studyType, item.area].filter(Boolean).join(", ")} — ${item.institution ?? ""} (${item.startDate ?? "?"} – ${item.endDate ?? "?"})`,
      );
    }
  }
  if (resume.skills?.length) {
    heading("Skills");
    for (const skill of resume.skills)
      lines.push(`${skill.name ?? ""}: ${(skill.keywords ?? []).join(", ")}`);
  }
  for (const [title, items] of [
    ["Awards", (resume.awards ?? []).map((item) => [item.title, item.awarder].filter(Boolean).join(", "))],
    [
      "Certificates",
      (resume.certificates ?? []).map((item) => [item.name, item.issuer].filter(Boolean).join(", ")),
    ],
    [
      "Publications",
      (resume.publications ?? []).map((item) => [item.name, item.publisher].filter(Boolean).join(", ")),
    ],
    [
      "Languages",
      (resume.languages ?? []).map((item) => [item.language, item.fluency].filter(Boolean).join(", ")),
    ],
  ] as const) {
    if (items.length > 0) {
      heading(title);
      for (const item of items) lines.push(`- ${item}`);
    }
  }
  return lines.join("\n").trim();
}
