/**
 * A company name from the page's host, spelled the way the page spells it: "careers.doordash.com"
 * → "DoorDash", "klgates.recsolu.com" → "K&L Gates". Job boards and ATS hosts contribute their
 * tenant (sub-domain or first path segment) instead of their own name.
 */
const platformHosts =
  /(^|\.)(linkedin|indeed|seek|glassdoor|greenhouse|lever|ashbyhq|myworkdayjobs|myworkdaysite|workday|taleo|jobvite|icims|smartrecruiters|workable|recruitee|recsolu|selectminds|talentclue|jobindex|welcometothejungle|peoplestrong|successfactors|oraclecloud|easycruit|jobappnetwork|allhires|workatastartup|ycombinator|example|breezy|bamboohr|jazzhr|teamtailor|personio|join|stepstone|monster|ziprecruiter)\.[a-z.]+$/i;
const ignoredLabels = new Set([
  "www",
  "jobs",
  "careers",
  "career",
  "apply",
  "boards",
  "job-boards",
  "en",
  "en-us",
  "us",
  "global",
  "search",
  "recruiting",
  "external",
  "job",
  "app",
  "portal",
  "hr",
  "wd1",
  "wd3",
  "wd5",
  "au",
  "uk",
  "de",
  "fr",
  "referrals",
]);

function candidates(url: URL): string[] {
  const labels = url.hostname.toLowerCase().split(".");
  if (platformHosts.test(url.hostname)) {
    const tenants = labels
      .slice(0, -2)
      .filter((label) => !ignoredLabels.has(label) && !/^wd\d+$/.test(label));
    const pathTenants = url.pathname
      .split("/")
      .filter(Boolean)
      .slice(0, 3)
      .filter(
        (segment) => /^[a-z][a-z0-9-]{1,30}$/i.test(segment) && !ignoredLabels.has(segment.toLowerCase()),
      );
    return [...tenants, ...pathTenants];
  }
  const registrable = labels.length >= 2 ? labels[labels.length - 2] : labels[0];
  // "vgcareers.virgingalactic.com" → "virgingalactic"; "metacareers.com" → "meta".
  return [registrable ?? "", (registrable ?? "").replace(/careers?$|jobs$/, "")].filter(
    (label) => label.length >= 2,
  );
}

/** Finds `label` in the text ignoring case and inner spaces/punctuation, and returns that spelling. */
function spelledInText(label: string, text: string): string | null {
  const letters = label.replace(/[^a-z0-9]/gi, "").split("");
  if (letters.length < 2) return null;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${letters.map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s&.'-]{0,3}")}(?![\\p{L}\\p{N}])`,
    "iu",
  );
  const match = pattern.exec(text);
  return match ? match[0].trim() : null;
}

export function companyFromHost(pageUrl: string, readPageText: () => string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const labels = candidates(url);
  if (labels.length === 0) return null;
  const pageText = readPageText();
  for (const label of labels) {
    const spelled = spelledInText(label, pageText);
    if (spelled && /[A-Z]/.test(spelled)) return spelled;
  }
  return null;
}
