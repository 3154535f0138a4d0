/**
 * Smaller clues to the hiring company, for pages whose title and markup don't name it:
 * "Work for Acme" / "Ledige stillinger på Acme" page titles, "Company: Acme" in a share-by-email
 * link, the copyright line, and "this position is open with Acme".
 */
import { cleanLine } from "../normalise/text.js";
import type { PageSegments } from "../page/segments.js";
import { cleanCompanyName, isPlatformName } from "./title-heuristics.js";

/** "Work for Krispy Kreme", "Careers at Acme", "Join Acme" → the company. */
export function workForCompany(title: string | null | undefined): string | null {
  const match = /^(?:work (?:for|at|with)|careers? (?:at|with)|jobs (?:at|with)|join)\s+(.{2,60})$/i.exec(
    cleanLine(title) ?? "",
  );
  return match?.[1] ? cleanCompanyName(match[1]) : null;
}

/** "Ledige stillinger på Aalborg Universitet", "Vacancies at Acme", "Stellenangebote bei Acme". */
export function companyFromJobsAtTitle(title: string | null | undefined): string | null {
  const match =
    /^(?:ledige stillinger|ledige job|job openings|open positions|vacancies|current vacancies|stellenangebote|offres d'emploi|ofertas de empleo|lediga jobb)\s+(?:på|at|with|bei|chez|en|hos|i)\s+(.{2,60})$/i.exec(
      cleanLine(title) ?? "",
    );
  if (match?.[1]) return cleanCompanyName(match[1]);
  // "Simpson Thacher & Bartlett LLP Online Application", "Acme Careers" (no separators).
  const suffixed =
    /^(?!.*\s[-|–—:]\s)(.{2,60}?)\s+(?:online application|careers?|jobs|job opportunities|career site)$/i.exec(
      cleanLine(title) ?? "",
    );
  return suffixed?.[1] ? cleanCompanyName(suffixed[1]) : null;
}

/** "Company: Sullivan & Cromwell" in the body of a mailto: share link. */
export function companyFromMailto(segments: PageSegments): string | null {
  for (const body of segments.mailtoBodies) {
    const match = /(?:^|\n|\r)\s*(?:company|employer|firm)\s*:\s*([^\r\n]{2,80})/i.exec(body);
    if (match?.[1]) return cleanCompanyName(match[1]);
  }
  return null;
}

/** "© 2021 Novo Nordisk A/S. All rights reserved." → "Novo Nordisk A/S" (job platforms excluded). */
export function companyFromCopyright(segments: PageSegments): string | null {
  for (const line of segments.copyright) {
    const match =
      /(?:©|\bcopyright\b)\s*(?:\(c\)\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?,?\s*([^.|,©]{2,60}?)(?:\.|,|\||\s+all rights|\s+alle rettigheder|$)/i.exec(
        line,
      );
    const name = cleanCompanyName(match?.[1]);
    if (name && /\p{Lu}/u.test(name) && !isPlatformName(name) && name.split(" ").length <= 6) return name;
  }
  return null;
}

/** "This position is open with Bajaj Finance ltd." */
export function companyFromSentence(segments: PageSegments): string | null {
  for (const text of segments.texts.slice(0, 400)) {
    const match =
      /\b(?:position|role|vacancy|job) is (?:open )?(?:with|at) (\p{Lu}[\p{L}&.' -]{1,50}?)(?:[.,”"]|$)/u.exec(
        text,
      );
    if (match?.[1]) return cleanCompanyName(match[1]);
  }
  return null;
}
