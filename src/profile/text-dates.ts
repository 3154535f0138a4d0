/** Date ranges as résumés write them: "2021 - now", "Nov18 - now", "(Apr 2017 - Present)", "Since 2015", "2005-2009". */

const month = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const datePoint = `(?:${month}\\s?'?\\d{2,4}|\\d{1,2}/\\d{4}|\\d{4}(?:-\\d{2}(?:-\\d{2})?)?)`;
const endPoint = `(?:${datePoint}|now|present|current|today)`;

export const dateRangePattern = new RegExp(
  `(?:since\\s+(${datePoint}))|(?:(${datePoint})\\s*(?:-|–|—|to|until)\\s*(${endPoint}))|(?<![\\d-])(\\d{4})(?![\\d-])`,
  "i",
);

export interface DateRange {
  startDate: string | null;
  /** null = ongoing */
  endDate: string | null;
  /** The text matched, to remove from a header. */
  matched: string;
}

export function findDateRange(text: string): DateRange | null {
  const match = dateRangePattern.exec(text);
  if (!match) return null;
  const [matched, since, start, end, single] = match;
  if (since) return { startDate: since, endDate: null, matched };
  if (start) {
    const ongoing = /^(now|present|current|today)$/i.test(end ?? "");
    return { startDate: start, endDate: ongoing ? null : (end ?? null), matched };
  }
  return { startDate: single ?? null, endDate: single ?? null, matched };
}

/** True when the text has an explicit range (not just a lone year). */
export function hasDateRange(text: string): boolean {
  const match = dateRangePattern.exec(text);
  return Boolean(match && (match[1] || match[2]));
}
