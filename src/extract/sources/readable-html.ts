/**
 * The fallback for pages without structured data: title, company and location from headings,
 * `<title>`, Open Graph and common "location" elements; the description from the block that holds
 * the most paragraph and list text (a small Readability-like scorer).
 */
import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { toIsoDate } from "../normalise/dates.js";
import { mapEmploymentType } from "../normalise/employment.js";
import { salaryFromText } from "../normalise/salary.js";
import { cleanLine, nodesToText } from "../normalise/text.js";
import { workplaceFromText } from "../normalise/workplace.js";
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

function firstHeading($: CheerioAPI): string | null {
  for (const selector of [
    "h1",
    '[class*="job-title" i], [class*="jobtitle" i], [class*="posting-headline" i] h2, [data-automation-id="jobPostingHeader"]',
    "h2",
  ]) {
    for (const element of $(selector).toArray()) {
      const text = cleanLine($(element).text());
      if (text && !isGenericTitle(text) && text.length <= 200) return text;
    }
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
      const text = cleanLine($(element).text())?.replace(
        /^(locations?|job location|work location|sted|ubicación)\s*:?\s*/i,
        "",
      );
      if (text && text.length >= 2 && text.length <= 120 && !/[{}<>]/.test(text) && /[A-Za-zÀ-ÿ]/.test(text))
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

export const readableHtmlExtractor: Extractor = {
  name: "html",
  extract(context) {
    const $ = context.$;
    const heading = firstHeading($);
    const ogTitle = meta($, "og:title", "twitter:title");
    const documentTitle = cleanLine($("title").first().text());
    const fromOg = parseTitle(ogTitle, heading);
    const fromTitle = parseTitle(documentTitle, heading);
    const title =
      [heading, fromOg.title, fromTitle.title].find((candidate) => candidate && !isGenericTitle(candidate)) ??
      null;
    const company =
      fromOg.company ??
      fromTitle.company ??
      cleanCompanyName(meta($, "og:site_name", "application-name", "author")) ??
      null;
    const location = fromOg.location ?? fromTitle.location ?? locationFromPage($);
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
