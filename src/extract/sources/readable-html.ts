/**
 * The fallback for pages without structured data: title, company and location from headings,
 * `<title>`, Open Graph and common "location" elements; the description from the block that holds
 * the most paragraph and list text (a small Readability-like scorer).
 */
import type { AnyNode, Element } from "domhandler";
import type { Salary } from "../../core/index.js";
import { descriptionHintWords } from "../attribute-hints.js";
import type { ExtractContext } from "../context.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { isPlaceLike } from "../normalise/place.js";
import { salaryInLines } from "../normalise/salary.js";
import { cleanLine, nodesToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { labelledValue, locatedIn, locationNearTitle, titlePositions } from "../page/labelled-fields.js";
import { descendantsNamed, textOf } from "../page/segments.js";
import {
  companyFromCopyright,
  companyFromJobsAtTitle,
  companyFromMailto,
  companyFromSentence,
  workForCompany,
} from "./company-clues.js";
import { companyFromHost } from "./company-from-host.js";
import type { Extractor } from "./extractor.js";
import { cleanCompanyName, isGenericTitle, isPlatformName, parseTitle } from "./title-heuristics.js";

/** Content of the first `<meta property|name=…>` among `names`. */
function meta(context: ExtractContext, ...names: string[]): string | null {
  const metas = context.segments().metas;
  for (const name of names) {
    const clean = cleanLine(metas.get(name.toLowerCase()));
    if (clean) return clean;
  }
  return null;
}

const skippedTags = new Set([
  "script",
  "style",
  "meta",
  "input",
  "textarea",
  "select",
  "button",
  "form",
  "a",
  "link",
  "svg",
]);

const formTags = new Set(["input", "select", "button", "form"]);

function holdsForm(element: Element): boolean {
  for (const child of element.children) {
    if (child.type !== "tag") continue;
    const inner = child as Element;
    if (formTags.has(inner.name) || holdsForm(inner)) return true;
  }
  return false;
}

function locationFromPage(context: ExtractContext): string | null {
  const hinted = [...(context.hints().get("location") ?? []), ...(context.hints().get("__place") ?? [])];
  for (const element of hinted.slice(0, 30)) {
    if (skippedTags.has(element.tagName.toLowerCase())) continue;
    if (holdsForm(element)) continue;
    const text = cleanLine(textOf(element))?.replace(
      /^(locations?|job location|work location|sted|ubicación)\s*:?\s*/i,
      "",
    );
    if (
      text &&
      text.length >= 2 &&
      text.length <= 120 &&
      !/[{}<>_]|search|find jobs|^\d+ locations?$/i.test(text) &&
      /[A-Za-zÀ-ÿ]/.test(text)
    )
      return text;
  }
  return null;
}

/** The block holding the description: the best-scored hinted block, article or main, else the parent of the most paragraph text. */
function mainContent(context: ExtractContext): AnyNode[] {
  const page = context.segments();
  const hints = context.hints();
  let best: Element | null = null;
  let bestScore = 200;
  const groups: Element[][] = [
    ...descriptionHintWords.map((word) => hints.get(word) ?? []),
    page.elements.article,
    page.elements.main,
  ];
  for (const [index, group] of groups.entries()) {
    for (const element of group.slice(0, 12)) {
      if (skippedTags.has(element.tagName.toLowerCase())) continue;
      const score = page.contentScores.get(element) ?? 0;
      if (score > bestScore * 1.2) {
        best = element;
        bestScore = score;
      }
    }
    if (best && index < 4) break;
  }
  if (best) return [best];
  const [top, topScore] = largest(page.paragraphParents);
  // Pages that write their text in divs and line breaks rather than paragraphs.
  const [block, blockScore] = largest(page.textBlocks);
  if (block && blockScore > Math.max(2 * topScore, 300)) return [block];
  return top ? [top] : context.$("body").toArray();
}

function largest(scores: Map<Element, number>): [Element | null, number] {
  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of scores) {
    if (score > topScore) {
      top = element;
      topScore = score;
    }
  }
  return [top, topScore];
}

function headings(context: ExtractContext): string[] {
  const found: string[] = [];
  const hinted = ["job-title", "jobtitle", "posting-headline", "jobpostingheader"].flatMap((word) =>
    (context.hints().get(word as "job-title") ?? []).flatMap((element) =>
      element.tagName === "h2" ||
      element.tagName === "h1" ||
      element.tagName === "h3" ||
      descendantsNamed(element, "h2").length === 0
        ? [element]
        : descendantsNamed(element, "h2"),
    ),
  );
  const { h1, h2 } = context.segments().elements;
  for (const group of [h1, hinted, h2]) {
    for (const element of group.slice(0, 10)) {
      const text = cleanLine(textOf(element));
      if (text && !isGenericTitle(text) && text.length <= 200 && !found.includes(text)) found.push(text);
    }
  }
  return found;
}

function companyFromPage(context: ExtractContext): string | null {
  const candidates = [
    ...context.segments().hiringOrganizationNames,
    ...["advertiser-name", "company-name", "companyname", "employer-name", "__company"].flatMap(
      (word) => context.hints().get(word as "company-name") ?? [],
    ),
  ];
  for (const element of candidates.slice(0, 10)) {
    if (skippedTags.has(element.tagName.toLowerCase())) continue;
    const text = cleanCompanyName(textOf(element));
    if (text && text.length <= 80) return text;
  }
  return null;
}

/** A title for pages without usable headings or page title: "Job title" label, else the first short line before the text. */
function fallbackTitle(context: ExtractContext): string | null {
  const segments = context.segments();
  const labelled = labelledValue(segments, "title");
  if (labelled) return labelled;
  const texts = segments.texts;
  for (let index = 0; index < Math.min(texts.length, 40); index++) {
    const text = texts[index] ?? "";
    if (text.length < 4 || text.length > 120 || isGenericTitle(text)) continue;
    if (texts.slice(index + 1, index + 3).some((next) => next.length > 200)) return text;
  }
  return null;
}

/** The segments joined by spaces, cut at `limit` characters (without joining the rest). */
function firstText(texts: readonly string[], limit: number): string {
  let length = 0;
  let count = 0;
  while (count < texts.length && length < limit) length += (texts[count++] ?? "").length + 1;
  return texts.slice(0, count).join(" ").slice(0, limit);
}

/** True when `part` is the first or last piece of "Site - Job" / "Job | Site" `whole`. */
function isSitePartOf(part: string | null, whole: string | null): boolean {
  if (!part || !whole || part.length >= whole.length) return false;
  const pieces = whole.split(/\s+[|–—-]\s+/);
  return pieces.length >= 2 && (pieces[0] === part || pieces[pieces.length - 1] === part);
}

export function readTitleParts(context: ExtractContext): {
  title: string | null;
  company: string | null;
  location: string | null;
} {
  const rawSiteName = meta(context, "og:site_name", "application-name");
  const siteName = rawSiteName && !isPlatformName(rawSiteName) ? rawSiteName : null;
  const rawOgTitle = meta(context, "og:title", "twitter:title");
  // "Work for Krispy Kreme" names the company, not the job.
  const documentTitleEarly = cleanLine(context.segments().documentTitle);
  const ogIsSite = isSitePartOf(rawOgTitle, documentTitleEarly);
  const ogCompany = workForCompany(rawOgTitle) ?? (ogIsSite ? cleanCompanyName(rawOgTitle) : null);
  const ogTitle = ogCompany ? null : rawOgTitle;
  const documentTitle = documentTitleEarly;
  const jobsAtCompany = companyFromJobsAtTitle(documentTitle) ?? companyFromJobsAtTitle(rawOgTitle);
  const titles = [ogTitle, documentTitle].filter(
    (title): title is string => title !== null && !isGenericTitle(title) && !workForCompany(title),
  );
  const allHeadings = headings(context);
  // A heading is the job title when the page title repeats it (og:title first: <title> is often just the site).
  const contains = (title: string | null) => (heading: string) =>
    title !== null && !isGenericTitle(title) && title.toLowerCase().includes(heading.toLowerCase());
  const confirmed =
    allHeadings.find(contains(ogTitle)) ??
    allHeadings.find((heading) => titles.some((title) => contains(title)(heading)));
  const h1Texts = new Set(context.segments().elements.h1.map((element) => cleanLine(textOf(element))));
  const h1 = allHeadings.find((heading) => h1Texts.has(heading)) ?? null;
  const parsed = titles.map((title) => parseTitle(title, confirmed ?? null, siteName));
  let title: string | null = confirmed ?? null;
  if (!title && ogTitle && !isGenericTitle(ogTitle)) title = parsed[0]?.title ?? null;
  title ??= h1 ?? parsed.find((parts) => parts.title)?.title ?? null;
  title ??= fallbackTitle(context);
  const segments = context.segments();
  const pageText = () =>
    `${documentTitle ?? ""} ${ogTitle ?? ""} ${siteName ?? ""} ${firstText(segments.texts, 20_000)}`;
  const usable = (name: string | null | undefined) =>
    name && name.toLowerCase() !== title?.toLowerCase() && !isPlaceLike(name) && !isPlatformName(name)
      ? name
      : null;
  const company =
    usable(ogCompany) ??
    usable(jobsAtCompany) ??
    parsed.map((parts) => (parts.companyIsGuess ? null : usable(parts.company))).find(Boolean) ??
    usable(companyFromPage(context)) ??
    usable(cleanCompanyName(labelledValue(segments, "company"))) ??
    usable(cleanCompanyName(siteName)) ??
    usable(companyFromHost(context.url, pageText)) ??
    usable(companyFromMailto(segments)) ??
    usable(companyFromCopyright(segments)) ??
    usable(cleanCompanyName(segments.logoNames[0])) ??
    parsed.map((parts) => usable(parts.company)).find(Boolean) ??
    usable(companyFromSentence(segments)) ??
    null;
  // "Title - Team" in an og:title that names no company is all title (the company came from elsewhere).
  if (
    !confirmed &&
    ogTitle &&
    !/\s[|–—]\s/.test(ogTitle) &&
    company &&
    !ogTitle.toLowerCase().includes(company.toLowerCase())
  ) {
    title = ogTitle;
  }
  const location = parsed.map((parts) => parts.location).find(Boolean) ?? null;
  return {
    title: title ? title.replace(/^hiring\s+/i, "").replace(/[\s,;:-]+$/, "") : null,
    company,
    location,
  };
}

/** "Chicago - 2024 1L IP Fellow": a title that leads or ends with a place. */
function placeFromTitle(title: string): string | null {
  const parts = title.split(/\s+[-–—|]\s+/);
  if (parts.length < 2) return null;
  const edge = [parts[0], parts[parts.length - 1]].find((part) => part && isPlaceLike(part));
  return edge ?? null;
}

function locationOf(
  context: ExtractContext,
  title: string | null,
  fromTitle: string | null,
  description: string,
) {
  const segments = context.segments();
  return (
    fromTitle ??
    (title ? locationNearTitle(segments, title) : null) ??
    labelledValue(segments, "location") ??
    locationFromPage(context) ??
    locatedIn(description.slice(0, 6000)) ??
    (title ? placeFromTitle(title) : null)
  );
}

/**
 * The salary the posting states: in its description, or on the page near the title; elsewhere on
 * the page (menus, "similar jobs" cards) only where salary words name it.
 */
function salaryOnPage(context: ExtractContext, title: string | null, description: string): Salary | null {
  const texts = context.segments().texts.slice(0, 400);
  const titleAt = title ? (titlePositions(context.segments(), title)[0] ?? -1) : -1;
  const lines = [...texts, ...description.split("\n")];
  return salaryInLines(
    lines,
    (index) => index >= texts.length || (titleAt >= 0 && index >= titleAt && index <= titleAt + 12),
  );
}

export const readableHtmlExtractor: Extractor = {
  name: "html",
  extract(context) {
    const parts = readTitleParts(context);
    const { title, company } = parts;
    const content = mainContent(context);
    const description = nodesToText(content);
    const location = locationOf(context, title, parts.location, description);
    const salary = salaryOnPage(context, title, description);
    return {
      title,
      company,
      location,
      workplace: workplaceFromText(`${title ?? ""} ${location ?? ""}`),
      employmentType: mapEmploymentType(meta(context, "employmentType")),
      salary,
      datePosted: toIsoDate(meta(context, "article:published_time", "datePosted")),
      validThrough: null,
      description,
      applyUrl: null,
      url: context.url,
      source: "html",
    };
  },
};
