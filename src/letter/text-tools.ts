/** Small text helpers shared by the checks and the offline writer. */

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Lower-case, accents kept, punctuation folded to spaces, single-spaced. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}+#.&']+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when `needle` occurs in `haystack` as whole words, ignoring case and punctuation. */
export function containsPhrase(haystack: string, needle: string): boolean {
  const wantedPhrase = normalise(needle).replace(/\.+$/, "");
  if (wantedPhrase === "") return false;
  const padded = ` ${normalise(haystack).replace(/\.(\s|$)/g, " ")} `;
  return padded.includes(` ${wantedPhrase} `) || padded.includes(` ${wantedPhrase}'s `);
}

const companySuffixes =
  /[,\s]+(inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|gmbh|ag|s\.a\.|sa|plc|corp\.?|corporation|co\.|pty\.? ltd\.?|bv|b\.v\.)$/i;

/** "Acme, Inc." → "Acme" */
export function shortCompanyName(company: string): string {
  let name = company.trim();
  for (let pass = 0; pass < 2; pass++) name = name.replace(companySuffixes, "").trim();
  return name || company.trim();
}

/**
 * The core of a job title as people say it: "[Job - 24974] Senior React Developer, Brazil" →
 * "Senior React Developer"; "(Senior) Backend Engineer, Media" → "(Senior) Backend Engineer".
 */
export function coreTitle(title: string): string {
  let core = title
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  core = core.split(/\s+[-–—|]\s+|,\s+/)[0] ?? core;
  core = core.replace(/\((remote|hybrid|on-?site|full[- ]time|part[- ]time|[^)]*\d[^)]*)\)/gi, "").trim();
  return core || title.trim();
}

export const stopWords = new Set(
  `a an and are as at be by for from has have in is it its of on or our the their to we will with you your
  this that these those who what which while all any can may must should would about into over under more most
  than then them they us i me my am been being do does did not no yes so such very also just other others each
  both only own same few up down out off again further once here there when where why how new years year
  experience team teams work working role ability strong good great excellent including include includes etc
  using use used help make across within well like able plus ideally knowledge understanding skills skill
  looking join based required requirements preferred responsibilities qualifications candidate candidates
  position company opportunity environment day days time part way best one two three some many every`.split(
    /\s+/,
  ),
);
