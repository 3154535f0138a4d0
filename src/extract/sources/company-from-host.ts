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

export function candidates(url: URL): string[] {
  const labels = url.hostname.toLowerCase().split(".");
  if (platformHosts.test(url.hostname)) {
    const tenants = labels
      .slice(0, -2)
      .filter((label) => !ignoredLabels.has(label) && !/^wd\d+$/.test(label));
    const pathTenants = url.pathname
      .split("/")
      .filter(Boolean)
      .slice(0, 4)
      .flatMap((segment) => segment.split("_"))
      .filter(
        (segment) => /^[a-z][a-z0-9-]{1,30}$/i.test(segment) && !ignoredLabels.has(segment.toLowerCase()),
      );
    return withoutPrefixes([...tenants, ...pathTenants]);
  }
  const registrable = labels.length >= 2 ? labels[labels.length - 2] : labels[0];
  // "vgcareers.virgingalactic.com" → "virgingalactic"; "metacareers.com" → "meta".
  return withoutPrefixes([registrable ?? "", (registrable ?? "").replace(/careers?$|jobs$/, "")]).filter(
    (label) => label.length >= 2,
  );
}

/** "ouryahoo" → also "yahoo", "empleoayudaenaccion" → also "ayudaenaccion". */
function withoutPrefixes(labels: string[]): string[] {
  const out: string[] = [];
  for (const label of labels) {
    out.push(label);
    const stripped = label.replace(
      /^(our|join|work(at|for)?|careers?(at)?|jobs(at)?|empleo|trabajo|karriere|emploi|vhr)/,
      "",
    );
    if (stripped !== label && stripped.length >= 3) out.push(stripped);
  }
  return out;
}

const letterVariants: Record<string, string> = {
  a: "aáàâäåã",
  e: "eéèêë",
  i: "iíìîï",
  o: "oóòôöøõ",
  u: "uúùûü",
  n: "nñ",
  c: "cç",
};

const wordCharacter = /[\p{L}\p{N}]/u;
/**
 * Finds `label` in the text ignoring case and inner spaces/punctuation, and returns that spelling.
 * Between letters: spaces and "&.,'-"; or a word boundary whose letter the host merged
 * ("barcelonactiva"). Both cases spelled out and word edges checked by hand: a pattern without the
 * `i` and `u` flags compiles many times faster (each label's pattern is used once), and one that
 * starts with a plain letter class is quick to scan for.
 */
export function spelledInText(label: string, text: string): string | null {
  const letters = label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .split("");
  if (letters.length < 2) return null;
  const classOf = (letter: string) => {
    const variants = letterVariants[letter] ?? letter;
    return variants === variants.toUpperCase() ? variants : `[${variants}${variants.toUpperCase()}]`;
  };
  const source = letters
    .map((letter, index) =>
      index === 0
        ? classOf(letter)
        : `(?:[\\s&.,'-]{0,3}|\\s${classOf(letters[index - 1] ?? "")})${classOf(letter)}`,
    )
    .join("");
  const pattern = new RegExp(source, "g");
  // The first spelling with a capital letter ("klgates | Jobs" in the title, "K&L Gates" in the text).
  let count = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (
      wordCharacter.test(text[start - 1] ?? "") ||
      wordCharacter.test(text[start + match[0].length] ?? "")
    ) {
      pattern.lastIndex = start + 1;
      continue;
    }
    if (/\p{Lu}/u.test(match[0])) return match[0].trim();
    if (++count > 20) break;
  }
  return null;
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
