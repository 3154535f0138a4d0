/**
 * The fallback for pages without structured data: title, company and location from headings,
 * `<title>`, Open Graph and common "location" elements; the description from the block that holds
 * the most paragraph and list text (a small Readability-like scorer).
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { ExtractContext } from "../context.js";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { isPlaceLike } from "../normalise/place.js";
import { salaryInText } from "../normalise/salary.js";
import { cleanLine, nodesToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { labelledValue, locatedIn, locationNearTitle } from "../page/labelled-fields.js";
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

const metaCache = new WeakMap<CheerioAPI, Map<string, string>>();

/** Content of the first `<meta property|name=…>` among `names` (all metas read once per page). */
function meta($: CheerioAPI, ...names: string[]): string | null {
  let metas = metaCache.get($);
  if (!metas) {
    metas = new Map();
    for (const element of $("meta").toArray() as Element[]) {
      const key = (element.attribs.property ?? element.attribs.name ?? "").toLowerCase();
      const content = element.attribs.content;
      if (key && content !== undefined && !metas.has(key)) metas.set(key, content);
    }
    metaCache.set($, metas);
  }
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

function locationFromPage(context: ExtractContext): string | null {
  const $ = context.$;
  const hinted = [...(context.hints().get("location") ?? []), ...(context.hints().get("__place") ?? [])];
  for (const element of hinted.slice(0, 30)) {
    if (skippedTags.has(element.tagName.toLowerCase())) continue;
    const node = $(element);
    if (node.find("input, select, button, form").length > 0) continue;
    const text = cleanLine(node.text())?.replace(
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

const descriptionHints = [
  "job-description",
  "jobdescription",
  "jobpostingdescription",
  "description",
  "posting",
] as const;

function textScore($: CheerioAPI, element: Cheerio<Element>): number {
  let score = 0;
  element.find("p, li").each((_, node) => {
    score += Math.min(($(node).text() ?? "").length, 600);
  });
  const links = element.find("a").text().length;
  return score - links * 0.5;
}

function mainContent(context: ExtractContext): Cheerio<AnyNode> {
  const $ = context.$;
  let best: Cheerio<Element> | null = null;
  let bestScore = 200;
  const groups: Element[][] = [
    ...descriptionHints.map((word) => context.hints().get(word) ?? []),
    context.segments().elements.article,
    context.segments().elements.main,
  ];
  for (const [index, group] of groups.entries()) {
    for (const element of group.slice(0, 12)) {
      if (skippedTags.has(element.tagName.toLowerCase())) continue;
      const node = $(element);
      const score = textScore($, node);
      if (score > bestScore * 1.2) {
        best = node;
        bestScore = score;
      }
    }
    if (best && index < 4) break;
  }
  if (best) return best;
  // No marked-up container: the parent of the most paragraph text.
  const parents = new Map<Element, number>();
  $("p, li").each((_, node) => {
    const parent = node.parent as Element | null;
    const target =
      parent && (parent.tagName === "ul" || parent.tagName === "ol")
        ? (parent.parent as Element | null)
        : parent;
    if (target) parents.set(target, (parents.get(target) ?? 0) + $(node).text().length);
  });
  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of parents) {
    if (score > topScore) {
      top = element;
      topScore = score;
    }
  }
  return top ? ($(top) as Cheerio<AnyNode>) : $("body");
}

function headings(context: ExtractContext): string[] {
  const $ = context.$;
  const found: string[] = [];
  const hinted = ["job-title", "jobtitle", "posting-headline", "jobpostingheader"].flatMap((word) =>
    (context.hints().get(word as "job-title") ?? []).flatMap((element) =>
      element.tagName === "h2" ||
      element.tagName === "h1" ||
      element.tagName === "h3" ||
      !$(element).find("h2").length
        ? [element]
        : ($(element).find("h2").toArray() as Element[]),
    ),
  );
  const { h1, h2 } = context.segments().elements;
  for (const group of [h1, hinted, h2]) {
    for (const element of group.slice(0, 10)) {
      const text = cleanLine($(element).text());
      if (text && !isGenericTitle(text) && text.length <= 200 && !found.includes(text)) found.push(text);
    }
  }
  return found;
}

function companyFromPage(context: ExtractContext): string | null {
  const $ = context.$;
  const candidates = [
    ...($('[itemprop="hiringOrganization"] [itemprop="name"]').toArray() as Element[]),
    ...["advertiser-name", "company-name", "companyname", "employer-name", "__company"].flatMap(
      (word) => context.hints().get(word as "company-name") ?? [],
    ),
  ];
  for (const element of candidates.slice(0, 10)) {
    if (skippedTags.has(element.tagName.toLowerCase())) continue;
    const text = cleanCompanyName($(element).text());
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
  const $ = context.$;
  const rawSiteName = meta($, "og:site_name", "application-name");
  const siteName = rawSiteName && !isPlatformName(rawSiteName) ? rawSiteName : null;
  const rawOgTitle = meta($, "og:title", "twitter:title");
  // "Work for Krispy Kreme" names the company, not the job.
  const documentTitleEarly = cleanLine($("title").first().text());
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
  const h1Texts = new Set(context.segments().elements.h1.map((element) => cleanLine($(element).text())));
  const h1 = allHeadings.find((heading) => h1Texts.has(heading)) ?? null;
  const parsed = titles.map((title) => parseTitle(title, confirmed ?? null, siteName));
  let title: string | null = confirmed ?? null;
  if (!title && ogTitle && !isGenericTitle(ogTitle)) title = parsed[0]?.title ?? null;
  title ??= h1 ?? parsed.find((parts) => parts.title)?.title ?? null;
  title ??= fallbackTitle(context);
  const segments = context.segments();
  const pageText = () =>
    `${documentTitle ?? ""} ${ogTitle ?? ""} ${siteName ?? ""} ${segments.texts.join(" ").slice(0, 20_000)}`;
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

export const readableHtmlExtractor: Extractor = {
  name: "html",
  extract(context) {
    const $ = context.$;
    const parts = readTitleParts(context);
    const { title, company } = parts;
    const content = mainContent(context);
    const description = nodesToText(content);
    const location = locationOf(context, title, parts.location, description);
    const salary = salaryInText(`${context.segments().texts.slice(0, 400).join("\n")}\n${description}`);
    return {
      title,
      company,
      location,
      workplace: workplaceFromText(`${title ?? ""} ${location ?? ""}`),
      employmentType: mapEmploymentType(meta($, "employmentType")),
      salary,
      datePosted: toIsoDate(meta($, "article:published_time", "datePosted")),
      validThrough: null,
      description,
      applyUrl: null,
      url: context.url,
      source: "html",
    };
  },
};
