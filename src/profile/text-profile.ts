/**
 * Markdown or plain-text résumé → Profile, by heuristics that fit the common layouts:
 *   - name from front matter (`name:`), else the first heading, else a name-like first line;
 *   - email, phone and profile links by pattern;
 *   - sections found by heading (ATX `#`, setext `===`/`---`, or a bare line such as "EXPERIENCE"),
 *     classified as experience, education, skills or summary by their title;
 *   - experience entries from sub-headings or bold / dated lines ("Title at Employer; 2019 - now",
 *     "Employer • Title • 2021 - now", "**Title (Apr 2017 - Present)**" + an employer line),
 *     highlights from bullets (nested bullets folded into their parent) and "•"-separated runs.
 * PDF and DOCX text goes through the same parser as plain text.
 */
import type { Profile, ProfileEducation, ProfileExperience, ProfileLink } from "../core/index.js";
import { findDateRange, hasDateRange } from "./text-dates.js";

type SectionKind = "experience" | "education" | "skills" | "summary" | "other";

interface Heading {
  line: number;
  level: number;
  text: string;
  /** Lines the heading occupies (2 for setext). */
  span: number;
}

const sectionKinds: Array<[SectionKind, RegExp]> = [
  ["skills", /\b(skills?|technical|technologies|competenc|toolkit|tools|expertise|stack)\b/i],
  ["education", /\b(education|academic|degrees?|qualifications|studies)\b/i],
  ["experience", /\b(experience|employment|work history|career|professional|positions|work)\b/i],
  ["summary", /\b(summary|profile|about|objective|overview)\b/i],
];

const knownSectionLine =
  /^(work experience|professional experience|experience|employment(?: history)?|work history|career|education|skills|technical skills|skills (?:&|and) \w+|summary|profile|about me|projects|publications|awards|languages|certifications|interests|open source|volunteering|references|talks)\s*:?$/i;

const titleWords =
  /\b(engineer|developer|scientist|manager|lead|ceo|cto|cfo|coo|founder|cofounder|co-founder|director|analyst|intern|professor|lecturer|tutor|assistant|designer|consultant|mentor|architect|head|officer|specialist|chair|administrator|programmer|researcher|associate|coordinator|owner|president|vp|principal|staff|technician|teacher|editor|writer|recruiter|executive|representative|curriculum|military)\b/i;

const institutionWords =
  /\b(university|college|institute|school|academy|polytechnic|hochschule|universit[äé]t?|école|ecole|conservatory|iit|mit|eth)\b/i;

const degreePattern =
  /\b(bachelor(?:'s)?|master(?:'s)?|b\.?\s?sc|m\.?\s?sc|b\.?\s?a\.?|m\.?\s?a\.?|b\.?\s?s\.?|m\.?\s?s\.?|b\.?\s?eng|m\.?\s?eng|mres|mphil|ph\.?\s?d|dphil|doctorate|mba|associate(?:'s)? degree|diploma|degree|certificate)\b/i;

export function parseTextProfile(source: string, path: string, contentHash: string): Profile {
  const { frontMatter, body } = splitFrontMatter(source.replace(/\r\n?/g, "\n"));
  const lines = body.split("\n");
  const headings = findHeadings(lines);
  const plainText = toPlainText(body);

  const sections = findSections(lines, headings);
  const firstSectionHeading = sections[0]?.headingLine ?? lines.length;
  const nameHeadingCandidate = headings.find(
    (heading) => heading.line < firstSectionHeading && classify(heading.text) === null,
  );
  const name =
    frontMatter.name ?? frontMatter.title ?? nameHeadingCandidate?.text ?? nameFromFirstLine(lines);
  const firstSectionLine = sections[0]?.headingLine ?? lines.length;
  const nameHeading =
    nameHeadingCandidate && nameHeadingCandidate.text === name ? nameHeadingCandidate : null;
  const introStart = nameHeading ? nameHeading.line + nameHeading.span : 0;

  const experience = sections
    .filter((section) => section.kind === "experience")
    .flatMap((section) =>
      parseExperience(lines.slice(section.start, section.end), section.level, headings, section.start),
    );
  const education = sections
    .filter((section) => section.kind === "education")
    .flatMap((section) => parseEducation(lines.slice(section.start, section.end)));
  const skills = unique([
    ...sections
      .filter((section) => section.kind === "skills")
      .flatMap((section) => parseSkills(lines.slice(section.start, section.end))),
    ...experience.flatMap((item) => (item as ProfileExperience & { skills?: string[] }).skills ?? []),
  ]).slice(0, 60);
  for (const item of experience) delete (item as ProfileExperience & { skills?: string[] }).skills;

  const summarySection = sections.find((section) => section.kind === "summary");
  const summary =
    frontMatter.summary ??
    (summarySection
      ? paragraphText(lines.slice(summarySection.start, summarySection.end))
      : paragraphText(lines.slice(introStart, firstSectionLine)));

  return {
    name: name ? cleanInline(name) : null,
    label: frontMatter.label ?? frontMatter.headline ?? null,
    email: frontMatter.email ?? findEmail(source),
    phone: frontMatter.phone ?? findPhone(source),
    city: frontMatter.city ?? frontMatter.location ?? null,
    links: findLinks(lines, firstSectionLine, frontMatter),
    summary: summary || null,
    experience,
    education,
    skills,
    text: plainText,
    contentHash,
    sourcePath: path,
  };
}

function splitFrontMatter(source: string): { frontMatter: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) return { frontMatter: {}, body: source };
  const frontMatter: Record<string, string> = {};
  for (const line of (match[1] ?? "").split("\n")) {
    const pair = /^([A-Za-z_][\w-]*):\s*(.+)$/.exec(line.trim());
    if (pair?.[1] && pair[2]) frontMatter[pair[1].toLowerCase()] = pair[2].replace(/^["']|["']$/g, "").trim();
  }
  return { frontMatter, body: source.slice(match[0].length) };
}

function findHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const next = lines[index + 1] ?? "";
    const atx = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (atx?.[1] && atx[2]) {
      headings.push({ line: index, level: atx[1].length, text: cleanInline(atx[2]), span: 1 });
    } else if (line.trim() !== "" && !/^\s*[-*+>|:]/.test(line) && /^\s*(=+|-{2,})\s*$/.test(next)) {
      headings.push({
        line: index,
        level: next.trim().startsWith("=") ? 1 : 2,
        text: cleanInline(line),
        span: 2,
      });
      index++;
    } else if (
      knownSectionLine.test(cleanInline(line).trim()) &&
      (index === 0 ||
        (lines[index - 1] ?? "").trim() === "" ||
        cleanInline(line) === cleanInline(line).toUpperCase())
    ) {
      headings.push({ line: index, level: 1, text: cleanInline(line).replace(/:$/, ""), span: 1 });
    }
  }
  return headings;
}

interface Section {
  kind: SectionKind;
  level: number;
  /** The heading's own line. */
  headingLine: number;
  /** First content line (after the heading). */
  start: number;
  end: number;
}

function classify(title: string): SectionKind | null {
  if (
    /\b(open source|projects?|talks|publications|awards|honors|references|languages|interests|community|outreach|volunteer)\b/i.test(
      title,
    )
  ) {
    return "other";
  }
  for (const [kind, pattern] of sectionKinds) if (pattern.test(title)) return kind;
  return null;
}

function findSections(lines: string[], headings: Heading[]): Section[] {
  const classified = headings.map((heading) => ({ heading, kind: classify(heading.text) }));
  const firstKnown =
    classified.find((entry) => entry.kind !== null && entry.kind !== "other") ??
    classified.find((entry) => entry.kind !== null);
  if (!firstKnown) return [];
  const sectionLevel = firstKnown.heading.level;
  const sections: Section[] = [];
  classified.forEach((entry, index) => {
    if (entry.heading.level !== sectionLevel || entry.kind === null) return;
    const following = classified.slice(index + 1).find((other) => other.heading.level <= sectionLevel);
    sections.push({
      kind: entry.kind,
      level: sectionLevel,
      headingLine: entry.heading.line,
      start: entry.heading.line + entry.heading.span,
      end: following ? following.heading.line : lines.length,
    });
  });
  return sections;
}

// ---------------------------------------------------------------- experience

function parseExperience(
  sectionLines: string[],
  sectionLevel: number,
  headings: Heading[],
  offset: number,
): ProfileExperience[] {
  const subHeadings = headings.filter(
    (heading) =>
      heading.level > sectionLevel && heading.line >= offset && heading.line < offset + sectionLines.length,
  );
  const blocks: Array<{ header: string; body: string[] }> = [];
  if (subHeadings.length > 0) {
    subHeadings.forEach((heading, index) => {
      const start = heading.line - offset + heading.span;
      const end = subHeadings[index + 1] ? (subHeadings[index + 1]?.line ?? 0) - offset : sectionLines.length;
      blocks.push({ header: heading.text, body: sectionLines.slice(start, end) });
    });
  } else {
    let current: { header: string; body: string[] } | null = null;
    for (const line of sectionLines) {
      if (isEntryHeader(line)) {
        current = { header: line, body: [] };
        blocks.push(current);
      } else if (current) {
        current.body.push(line);
      }
    }
  }
  return blocks.map((block) => parseEntry(block.header, block.body)).filter((entry) => entry.employer !== "");
}

function isEntryHeader(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === "" || /^[-*+•]\s/.test(trimmed) || /^\s{2,}/.test(line)) return false;
  if (/^\*\*[^*]+\*\*/.test(trimmed)) return true;
  return trimmed.length < 120 && hasDateRange(trimmed) && !/[.!?]$/.test(trimmed);
}

function parseEntry(rawHeader: string, body: string[]): ProfileExperience & { skills: string[] } {
  const range = findDateRange(rawHeader);
  let header = cleanInline(rawHeader);
  if (range) header = header.replace(cleanInline(range.matched), " ");
  header = header
    .replace(/\bsince\b/i, " ")
    .replace(/\(\s*\)/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s;,•|·–—-]+|[\s;,•|·–—-]+$/g, "")
    .trim();
  const parts = header
    .split(/\s+[•|·]\s+|\s+[–—]\s+|\s+-\s+|;\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  let employer = "";
  let title: string | null = null;
  const bodyLines = [...body];
  if (parts.length === 1 && / at /i.test(parts[0] ?? "")) {
    const [before, ...after] = (parts[0] ?? "").split(/ at /i);
    title = before?.trim() || null;
    employer = after.join(" at ").trim();
  } else if (parts.length >= 2) {
    const titleIndex = parts.findIndex((part) => titleWords.test(part));
    const chosenTitle = titleIndex >= 0 ? titleIndex : 1;
    title = parts[chosenTitle] ?? null;
    employer = parts.find((_, index) => index !== chosenTitle) ?? "";
  } else if (parts.length === 1) {
    const firstBodyIndex = bodyLines.findIndex((line) => line.trim() !== "");
    const firstBody = firstBodyIndex >= 0 ? (bodyLines[firstBodyIndex] ?? "").trim() : "";
    if (
      titleWords.test(parts[0] ?? "") &&
      firstBody &&
      cleanInline(firstBody).length < 90 &&
      !/^[-*+•_]/.test(firstBody)
    ) {
      title = parts[0] ?? null;
      employer = cleanInline(firstBody);
      bodyLines.splice(firstBodyIndex, 1);
    } else {
      employer = parts[0] ?? "";
    }
  }
  const { highlights, summary, skills } = parseEntryBody(bodyLines);
  return {
    employer: employer.replace(/\s+/g, " ").trim(),
    title,
    startDate: range?.startDate ?? null,
    endDate: range ? range.endDate : null,
    summary,
    highlights,
    skills,
  };
}

function parseEntryBody(body: string[]): { highlights: string[]; summary: string | null; skills: string[] } {
  const highlights: string[] = [];
  const paragraphs: string[] = [];
  const skills: string[] = [];
  let parentIndent = -1;
  for (const line of body) {
    if (line.trim() === "" || /^\s*<\/?\w/.test(line)) continue;
    const bullet = /^(\s*)[-*+•]\s+(.*)$/.exec(line);
    if (bullet) {
      const indent = bullet[1]?.length ?? 0;
      const text = cleanInline(bullet[2] ?? "");
      if (parentIndent >= 0 && indent > parentIndent && highlights.length > 0) {
        const last = highlights.length - 1;
        highlights[last] =
          `${(highlights[last] ?? "").replace(/[:;,\s]+$/, "")}${highlights[last]?.endsWith(":") ? " " : "; "}${text}`;
        highlights[last] = (highlights[last] ?? "").replace(/:\s*;/, ":");
      } else {
        highlights.push(text);
        parentIndent = indent;
      }
      continue;
    }
    const trimmed = line.trim();
    if (/^_[^_]+_$/.test(trimmed) || /^\*[^*]+\*$/.test(trimmed)) {
      // An italic line of tools ("_Rust • TypeScript • Wasm_"): skills, and a highlight of this role.
      const tools = splitList(trimmed.replace(/^[_*]|[_*]$/g, ""));
      skills.push(...tools);
      if (tools.length > 0) highlights.push(tools.join(", "));
      continue;
    }
    if (trimmed.includes(" • ")) {
      highlights.push(
        ...trimmed
          .split(/\s+•\s+/)
          .map(cleanInline)
          .filter(Boolean),
      );
      continue;
    }
    paragraphs.push(cleanInline(trimmed));
  }
  return {
    highlights: highlights.filter((text) => text.length > 1),
    summary: paragraphs.join(" ").trim() || null,
    skills,
  };
}

// ---------------------------------------------------------------- education

function parseEducation(sectionLines: string[]): ProfileEducation[] {
  const education: ProfileEducation[] = [];
  sectionLines.forEach((line, index) => {
    const cleaned = cleanInline(line)
      .replace(/^[:\-*+•]\s*/, "")
      .trim();
    const degreeMatch = degreePattern.exec(cleaned);
    if (!degreeMatch || cleaned.length > 200) return;
    const segments = cleaned.split(/;\s*|\s+[—–|]\s+/);
    const bold = /\*\*([^*]+)\*\*/.exec(line)?.[1];
    const degreeText = cleanInline(bold ?? segments[0] ?? cleaned);
    const [studyType, ...areaParts] = degreeText.split(/,\s*/);
    const nearby = [
      cleaned,
      ...sectionLines.slice(index + 1, index + 4).map((next) => cleanInline(next).replace(/^:\s*/, "")),
    ];
    const institutionSource =
      segments.find((segment) => institutionWords.test(segment) && segment !== degreeText) ??
      nearby.slice(1).find((segment) => institutionWords.test(segment)) ??
      (institutionWords.test(cleaned) ? cleaned : null);
    const institution = institutionSource
      ? institutionSource
          .replace(/^from\s+/i, "")
          .replace(/\s+in\s+.*$/i, "")
          .replace(/\s*\(.*$/, "")
          .replace(/,\s*\d{4}.*$/, "")
          .trim()
      : null;
    if (!institution) return;
    const range =
      nearby.map((text) => findDateRange(text)).find(Boolean) ??
      findDateRange(cleanInline(sectionLines[index - 1] ?? ""));
    education.push({
      institution,
      area: areaParts.join(", ").trim() || null,
      studyType: studyType?.trim() || null,
      startDate: range?.startDate ?? null,
      endDate: range?.endDate ?? null,
    });
  });
  return education;
}

// ---------------------------------------------------------------- skills, contact, text

function parseSkills(sectionLines: string[]): string[] {
  // In a definition list ("Skill" / ":   **Advanced**: Python, Docker"), keep only skill-like terms.
  let term: string | null = null;
  return sectionLines.flatMap((line, index) => {
    const nextLine = sectionLines.slice(index + 1).find((next) => next.trim() !== "") ?? "";
    if (!/^\s*:/.test(line) && /^\s*:/.test(nextLine)) {
      term = cleanInline(line);
      return [];
    }
    if (/^\s*:/.test(line) && term !== null && !/skill|technolog|language|tool|stack/i.test(term)) return [];
    const cleaned = cleanInline(line)
      .replace(/^[:\s\-*+•]+/, "")
      .trim();
    if (cleaned === "" || cleaned.length > 300) return [];
    const afterLabel = /^[^:,]{1,40}:\s*(.+)$/.exec(cleaned)?.[1] ?? cleaned;
    return splitList(afterLabel);
  });
}

function splitList(text: string): string[] {
  return text
    .split(/\s*(?:,|•|·|;|\||\/(?=\s))\s*/)
    .map((item) =>
      cleanInline(item)
        .replace(/\s*\(.*?\)\s*$/, "")
        .replace(/\.$/, "")
        .trim(),
    )
    .filter((item) => item.length > 0 && item.length <= 40 && item.split(" ").length <= 5);
}

function findEmail(text: string): string | null {
  return /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(text)?.[0] ?? null;
}

function findPhone(text: string): string | null {
  for (const match of text.matchAll(/(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,4}/g)) {
    const digits = match[0].replace(/\D/g, "");
    const looksLikeYears = /^(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}$/.test(match[0].trim());
    if (digits.length >= 9 && digits.length <= 15 && !looksLikeYears && /[\s.()+-]/.test(match[0]))
      return match[0].trim();
  }
  return null;
}

function findLinks(
  lines: string[],
  firstSectionLine: number,
  frontMatter: Record<string, string>,
): ProfileLink[] {
  const candidates: string[] = [];
  const header = lines.slice(0, firstSectionLine).join("\n");
  const footer = lines.slice(-6).join("\n");
  for (const text of [header, footer, ...Object.values(frontMatter)]) {
    candidates.push(...(text.match(/https?:\/\/[^\s)<>\]"']+/g) ?? []).filter(isProfileLink));
  }
  for (const url of lines
    .join("\n")
    .match(/https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|linkedin\.com\/in)\/[\w.-]+\/?(?=[\s)\]>]|$)/g) ??
    []) {
    candidates.push(url);
  }
  const seen = new Set<string>();
  const links: ProfileLink[] = [];
  for (const url of candidates) {
    const cleanUrl = url.replace(/[.,;]+$/, "");
    const key = cleanUrl.replace(/\/$/, "").toLowerCase();
    if (seen.has(key) || !URL.canParse(cleanUrl)) continue;
    seen.add(key);
    links.push({ label: labelFor(cleanUrl), url: cleanUrl });
  }
  return links.slice(0, 5);
}

/** A home page or an account page (github.com/user, linkedin.com/in/user), not a deep link to a project. */
function isProfileLink(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  const segments = parsed.pathname.split("/").filter(Boolean);
  if (parsed.host.endsWith("linkedin.com")) return segments[0] === "in" && segments.length === 2;
  return segments.length <= 1 && !/\.(html?|pdf|png|jpe?g)$/i.test(parsed.pathname);
}

function labelFor(url: string): string {
  const host = new URL(url).host.replace(/^www\./, "");
  if (host === "github.com") return "GitHub";
  if (host === "gitlab.com") return "GitLab";
  if (host.endsWith("linkedin.com")) return "LinkedIn";
  if (host === "twitter.com" || host === "x.com") return "Twitter";
  return "Website";
}

function nameFromFirstLine(lines: string[]): string | null {
  const first = lines.map((line) => cleanInline(line).trim()).find((line) => line !== "");
  if (!first) return null;
  return /^[\p{Lu}][\p{L}'.-]+(?:\s+[\p{Lu}][\p{L}'.-]+){1,3}$/u.test(first) ? first : null;
}

/** Paragraph text of an intro or summary block: blockquotes, hard breaks and rules flattened. */
function paragraphText(lines: string[]): string {
  const kept = lines
    .map((line) =>
      line
        .replace(/^\s*>\s?/, "")
        .replace(/\\$/, "")
        .trim(),
    )
    .filter((line) => line !== "" && !/^[-=*_]{3,}$/.test(line) && !/^-{3,}\s+-{3,}$/.test(line))
    .filter((line) => !/^(email|e-mail|phone|github|linkedin|website|twitter|mobile)\b/i.test(line))
    .filter((line) => !/^<\/?\w/.test(line))
    .map(cleanInline)
    .filter((line) => line !== "");
  return kept
    .map((line) => (/[.!?;:]$/.test(line) ? line : `${line};`))
    .join(" ")
    .replace(/;$/, ".")
    .trim();
}

/** Markdown inline syntax out: links to their text, emphasis and code marks dropped. */
export function cleanInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<(https?:[^>]+|[^>\s]+@[^>\s]+)>/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|$|[.,;:])/g, "$1$2")
    .replace(/\\$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function toPlainText(body: string): string {
  return body
    .replace(/<div[\s\S]*?<\/div>/gi, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
