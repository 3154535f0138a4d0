/**
 * Splits page titles such as "Title - Company | Site", "Company hiring Title in Place | LinkedIn",
 * "Job Application for Title at Company", "Title job in Place | Company" into title, company and
 * location, using the page's h1 to tell which part is the job title.
 */
import { cleanLine } from "../normalise/text.js";

export interface TitleParts {
  title: string | null;
  company: string | null;
  location: string | null;
  /** True when the company is only a guess from splitting "A - B" (no "at", "hiring", site name). */
  companyIsGuess?: boolean;
}

const genericWords =
  /^(careers?|jobs?|job ad|jobs and careers|careers and jobs|jobindex|job search|job board|job details?|job description|position description|home|apply|linkedin|indeed|seek|glassdoor|workday|candidate portal|online application|jobs and careers|career opportunities|open positions|jobannonce|ledige stillinger.*|vidtop|videsktop)$/i;

const platformNames =
  /^(talentreef|jobvite|workday|taleo|icims|greenhouse|lever|smartrecruiters|successfactors|sap successfactors|phenom|peoplestrong|talentclue|talent clue|jobindex|stepstone|indeed|linkedin|glassdoor|seek|recsolu|selectminds|oracle|easycruit|ashby|workable|recruitee|teamtailor|personio|bamboohr|breezy|jazzhr|welcome to the jungle|jobappnetwork|allhires)( (inc\.?|a\/s|ltd\.?|llc))?$/i;

/** True for the names of job platforms and ATS vendors, which are never the hiring company. */
export function isPlatformName(name: string | null | undefined): boolean {
  return typeof name === "string" && platformNames.test(name.trim());
}

/** Strips "Careers at", "Careers", "Jobs" from a site or company name. */
export function cleanCompanyName(raw: string | null | undefined): string | null {
  const text = cleanLine(raw);
  if (!text || genericWords.test(text)) return null;
  const stripped = text
    .replace(/^(careers|jobs|work|life)\s+(at|@)\s+/i, "")
    .replace(
      /\s*(careers?|jobs?|talent acquisition|job board|recruiting|hiring|online application|job opportunities|career opportunities)(\s+(site|page|portal))?$/i,
      "",
    )
    .replace(/['’]s$/, "")
    .trim();
  if (stripped === "" || genericWords.test(stripped)) return null;
  if (/^(amazon\.jobs)$/i.test(text)) return "Amazon";
  return stripped;
}

export function isGenericTitle(text: string | null | undefined): boolean {
  if (!text) return true;
  const clean = text.trim();
  return (
    clean.length < 2 ||
    genericWords.test(clean) ||
    /^(mobile navigation|menu|navigation|search jobs?|sign in|log in)$/i.test(clean)
  );
}

const separators = /\s+[|–—·•]\s+|\s+-\s+|\s+::\s+/;

export function splitTitle(raw: string | null | undefined): string[] {
  const text = cleanLine(raw);
  if (!text) return [];
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Reads the parts a page title reveals, with an optional h1 that holds the job title. */
export function parseTitle(
  raw: string | null | undefined,
  heading: string | null,
  siteName: string | null = null,
): TitleParts {
  const text = cleanLine(raw);
  const empty: TitleParts = { title: null, company: null, location: null };
  if (!text) return empty;
  if (siteName) {
    // "Anything | Site Name": the site names the company, the rest is the job.
    const site = siteName.trim();
    for (const [index, part] of [
      text.slice(0, site.length),
      text.slice(text.length - site.length),
    ].entries()) {
      if (part.toLowerCase() !== site.toLowerCase() || text.length === site.length) continue;
      const rest = (index === 0 ? text.slice(site.length) : text.slice(0, text.length - site.length)).replace(
        /^\s*[|–—:-]\s*|\s*[|–—:-]\s*$/g,
        "",
      );
      if (rest.trim() === "") continue;
      const inner = parseTitle(rest, heading);
      const restParts = splitTitle(rest);
      const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(rest);
      if (at && restParts.length <= 1)
        return { title: heading ?? at[1] ?? null, company: at[2] ?? null, location: null };
      const title =
        heading && rest.toLowerCase().includes(heading.toLowerCase())
          ? heading
          : restParts.length <= 2 && !heading
            ? rest
            : inner.title;
      return { title, company: cleanCompanyName(site) ?? inner.company, location: inner.location };
    }
  }
  const withoutSite = text.replace(
    /\s*[|–—-]\s*(LinkedIn|Indeed(\.com)?|SEEK|Glassdoor|Y Combinator's Work at a Startup)$/i,
    "",
  );

  const lookingFor = /^(.+?) is (?:looking|hiring) for (?:an? )?(.+?)\.?$/i.exec(withoutSite);
  if (lookingFor) {
    const parts = parseTitle(lookingFor[2], heading);
    return {
      title: parts.title ?? lookingFor[2] ?? null,
      company: lookingFor[1] ?? null,
      location: parts.location,
    };
  }
  const hiring = /^(.+?) hiring (.+?)(?: in (.+))?$/i.exec(withoutSite);
  if (hiring) return { company: hiring[1] ?? null, title: hiring[2] ?? null, location: hiring[3] ?? null };

  const application = /^(?:job application for|apply for|application for)\s+(.+?)\s+at\s+(.+)$/i.exec(
    withoutSite,
  );
  if (application) return { title: application[1] ?? null, company: application[2] ?? null, location: null };

  const parts = splitTitle(withoutSite);
  const headingClean = heading ? cleanLine(heading) : null;
  let titleIndex = headingClean ? parts.findIndex((part) => sameText(part, headingClean)) : -1;
  if (titleIndex === -1 && headingClean) {
    // The heading may itself contain separators ("Title - Team").
    const joinedIndex = withoutSite.toLowerCase().indexOf(headingClean.toLowerCase());
    if (joinedIndex !== -1) {
      const after = withoutSite.slice(joinedIndex + headingClean.length);
      const placeAfter = /^\s*(?:job|jobs|position|role)?\s+in\s+([^|–—]+?)\s*(?:$|[|–—]|\s-\s)/i.exec(after);
      const remainder = placeAfter ? after.slice(placeAfter[0].length) : after;
      const rest = `${withoutSite.slice(0, joinedIndex)} | ${remainder}`
        .split(separators)
        .map((part) =>
          part
            .trim()
            .replace(/^[|–—-]\s*|\s*[|–—-]$/g, "")
            .trim(),
        )
        .filter((part) => part !== "" && !genericWords.test(part));
      const found = companyAndLocation(rest);
      return {
        title: headingClean,
        company: found.company,
        location: placeAfter?.[1]?.trim() ?? found.location,
        companyIsGuess: true,
      };
    }
  }
  if (titleIndex === -1) {
    // "Title at Company" in one part.
    const at = /^(.+?)\s+(?:at|@|chez|bei)\s+(.+)$/i.exec(parts[0] ?? "");
    if (at && parts.length <= 2) return { title: at[1] ?? null, company: at[2] ?? null, location: null };
    titleIndex = 0;
  }
  let title = parts[titleIndex] ?? null;
  let location: string | null = null;
  const jobIn = title ? /^(.+?)\s+(?:job|jobs|position|role)\s+in\s+(.+)$/i.exec(title) : null;
  if (jobIn) {
    title = jobIn[1] ?? title;
    location = jobIn[2] ?? null;
  } else if (title) {
    const inPlace = /^(.+?)\s+in\s+([A-Z][^,]+(?:,\s*[A-Z][^,]+){1,3})$/.exec(title);
    if (inPlace) {
      title = inPlace[1] ?? title;
      location = inPlace[2] ?? null;
    }
  }
  const rest = parts.filter((_, index) => index !== titleIndex);
  const found = companyAndLocation(rest);
  return { title, company: found.company, location: location ?? found.location, companyIsGuess: true };
}

function companyAndLocation(rest: string[]): { company: string | null; location: string | null } {
  let company: string | null = null;
  let location: string | null = null;
  for (const part of rest) {
    if (/^(job id|req|requisition|ref)\b/i.test(part) || /^\d[\d/.-]*$/.test(part)) continue;
    const contract =
      /^(CDI|CDD|Stage|Alternance|Freelance|Full[- ]time|Part[- ]time)\s+(?:à|in|en)\s+(.+)$/i.exec(part);
    if (contract) {
      location ??= contract[2] ?? null;
      continue;
    }
    const at = /^(?:.+?\s)?(?:at|@)\s+(.+)$/i.exec(part);
    const candidate = cleanCompanyName(at ? at[1] : part);
    if (!company && candidate) company = candidate;
  }
  return { company, location };
}

function sameText(a: string, b: string): boolean {
  const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
  return normalise(a) === normalise(b);
}
