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
import { salaryFromText } from "../normalise/salary.js";
import { cleanLine, nodesToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
import { companyFromHost } from "./company-from-host.js";
import type { Extractor } from "./extractor.js";
import { cleanCompanyName, isGenericTitle, parseTitle } from "./title-heuristics.js";

function meta($: CheerioAPI, ...names: string[]): string | null {
  for (const name of names) {
    const value = $(`meta[property="${name}"], meta[name="${name}"]`).first().attr("content");
    const clean = cleanLine(value);
    if (clean) return clean;
  }
  return null;
}

const locationSelectors = [
  '[itemprop="jobLocation"]',
  '[data-automation-id="locations"]',
  '[class*="location" i]:not(script):not(style)',
  '[id*="location" i]:not(script):not(style)',
  '[data-testid*="location" i]',
];

function locationFromPage($: CheerioAPI): string | null {
  for (const selector of locationSelectors) {
    for (const element of $(selector).toArray().slice(0, 20)) {
      const node = $(element);
      if (node.find("input, select, button, form").length > 0 || node.is("input, select, button, form, a"))
        continue;
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
  }
  return null;
}

const descriptionSelectors = [
  '[class*="job-description" i]',
  '[class*="jobdescription" i]',
  '[id*="job-description" i]',
  '[id*="jobdescription" i]',
  '[data-automation-id="jobPostingDescription"]',
  '[class*="description" i]',
  '[id*="description" i]',
  '[class*="posting" i]',
  "article",
  "main",
];

function textScore($: CheerioAPI, element: Cheerio<Element>): number {
  let score = 0;
  element.find("p, li").each((_, node) => {
    score += Math.min(($(node).text() ?? "").length, 600);
  });
  const links = element.find("a").text().length;
  return score - links * 0.5;
}

function mainContent($: CheerioAPI): Cheerio<AnyNode> {
  let best: Cheerio<Element> | null = null;
  let bestScore = 200;
  for (const selector of descriptionSelectors) {
    for (const element of $(selector).toArray().slice(0, 30) as Element[]) {
      const node = $(element);
      if (["script", "style", "meta", "input", "textarea"].includes(element.tagName.toLowerCase())) continue;
      const score = textScore($, node);
      if (score > bestScore * 1.2) {
        best = node;
        bestScore = score;
      }
    }
    if (best && selector.includes("description")) break;
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

function headings($: CheerioAPI): string[] {
  const found: string[] = [];
  for (const selector of [
    "h1",
    '[class*="job-title" i], [class*="jobtitle" i], [class*="posting-headline" i] h2, [data-automation-id="jobPostingHeader"]',
    "h2",
  ]) {
    for (const element of $(selector).toArray().slice(0, 10)) {
      const text = cleanLine($(element).text());
      if (text && !isGenericTitle(text) && text.length <= 200 && !found.includes(text)) found.push(text);
    }
  }
  return found;
}

const companySelectors = [
  '[itemprop="hiringOrganization"] [itemprop="name"]',
  '[data-automation*="advertiser-name" i]',
  '[data-testid*="company-name" i]',
  '[class*="company-name" i]',
  '[class*="companyName" i]',
  '[class*="employer-name" i]',
];

function companyFromPage($: CheerioAPI): string | null {
  for (const selector of companySelectors) {
    for (const element of $(selector).toArray().slice(0, 5)) {
      const text = cleanCompanyName($(element).text());
      if (text && text.length <= 80) return text;
    }
  }
  return null;
}

/** The job title, company and location the page's headings and titles agree on. */
export function readTitleParts(context: ExtractContext): {
  title: string | null;
  company: string | null;
  location: string | null;
} {
  const $ = context.$;
  const siteName = meta($, "og:site_name", "application-name");
  const ogTitle = meta($, "og:title", "twitter:title");
  const documentTitle = cleanLine($("title").first().text());
  const titles = [ogTitle, documentTitle].filter(
    (title): title is string => title !== null && !isGenericTitle(title),
  );
  const allHeadings = headings($);
  const confirmed = allHeadings.find((heading) =>
    titles.some((title) => title.toLowerCase().includes(heading.toLowerCase())),
  );
  const h1 =
    allHeadings.find((heading) =>
      $("h1")
        .toArray()
        .some((element) => cleanLine($(element).text()) === heading),
    ) ?? null;
  const parsed = titles.map((title) => parseTitle(title, confirmed ?? null, siteName));
  let title: string | null = confirmed ?? null;
  if (!title && ogTitle && !isGenericTitle(ogTitle)) title = parsed[0]?.title ?? null;
  title ??= h1 ?? parsed.find((parts) => parts.title)?.title ?? null;
  const pageText = `${documentTitle ?? ""} ${ogTitle ?? ""} ${siteName ?? ""} ${$("body").text().slice(0, 30_000)}`;
  const company =
    parsed
      .map((parts) => parts.company)
      .find((name) => name && name.toLowerCase() !== title?.toLowerCase()) ??
    companyFromPage($) ??
    cleanCompanyName(siteName) ??
    companyFromHost(context.url, pageText) ??
    null;
  const location = parsed.map((parts) => parts.location).find(Boolean) ?? null;
  return {
    title: title ? title.replace(/^hiring\s+/i, "").replace(/[\s,;:-]+$/, "") : null,
    company,
    location,
  };
}

export const readableHtmlExtractor: Extractor = {
  name: "html",
  extract(context) {
    const $ = context.$;
    const parts = readTitleParts(context);
    const { title, company } = parts;
    const location = parts.location ?? locationFromPage($);
    const content = mainContent($);
    const description = nodesToText(content);
    const bodyText = description.slice(0, 4000);
    const salaryText = /[$€£]\s?\d|\b(USD|EUR|GBP)\s?\d/.exec(bodyText)
      ? (bodyText
          .split("\n")
          .find((line) => /[$€£]\s?\d|\b(USD|EUR|GBP)\s?\d/.test(line) && line.length < 300) ?? null)
      : null;
    return {
      title,
      company,
      location,
      workplace: workplaceFromText(`${title ?? ""} ${location ?? ""}`),
      employmentType: mapEmploymentType(meta($, "employmentType")),
      salary: salaryFromText(salaryText),
      datePosted: toIsoDate(meta($, "article:published_time", "datePosted")),
      validThrough: null,
      description,
      applyUrl: null,
      url: context.url,
      source: "html",
    };
  },
};
