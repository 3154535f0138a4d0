/**
 * Salary from schema.org MonetaryAmount / QuantitativeValue objects and from free text such as
 * "$120k–$150k a year", "€50.000 - €60.000 brutto/Jahr" or "£25/hour".
 */
import type { Salary, SalaryPeriod } from "../../core/index.js";

const currencyCodes = new Set([
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "JPY",
  "CNY",
  "INR",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "HUF",
  "SGD",
  "HKD",
  "BRL",
  "MXN",
  "ZAR",
  "ILS",
  "AED",
  "RON",
  "BGN",
  "TRY",
  "KRW",
  "ARS",
  "CLP",
  "COP",
  "PHP",
  "IDR",
]);

const symbolCurrencies: Array<[RegExp, string]> = [
  [/A\$|AU\$/, "AUD"],
  [/C\$|CA\$/, "CAD"],
  [/NZ\$/, "NZD"],
  [/S\$/, "SGD"],
  [/HK\$/, "HKD"],
  [/R\$/, "BRL"],
  [/\$/, "USD"],
  [/€/, "EUR"],
  [/£/, "GBP"],
  [/¥|円/, "JPY"],
  [/₹/, "INR"],
  [/zł/, "PLN"],
  [/₪/, "ILS"],
];

const periodWords: Array<[RegExp, SalaryPeriod]> = [
  [/\b(hour|hourly|hr|hrs)\b|\/\s?h\b|stunde|heure|\bhora\b|timeløn|per time/i, "hour"],
  [/\b(day|daily)\b|\/\s?d\b|\btag\b|\bjour\b|\bdía\b/i, "day"],
  [/\b(week|weekly|wk)\b|woche|semaine|semana/i, "week"],
  [/\b(month|monthly|mo)\b|monat|\bmois\b|\bmes\b|måned|mensual/i, "month"],
  [
    /\b(year|yearly|annum|annual|annually|yr)\b|p\.\s?a\.|jahr|jährlich|\ban\b|\bannuel|\baño\b|\bår\b|årlig|brutto/i,
    "year",
  ],
];

const unitTexts: Record<string, SalaryPeriod> = {
  HOUR: "hour",
  DAY: "day",
  WEEK: "week",
  MONTH: "month",
  YEAR: "year",
};

export function periodFromText(text: string | null | undefined): SalaryPeriod | null {
  if (!text) return null;
  const upper = text.trim().toUpperCase();
  if (unitTexts[upper]) return unitTexts[upper];
  for (const [pattern, period] of periodWords) if (pattern.test(text)) return period;
  return null;
}

export function currencyFromText(text: string): string | null {
  const code = /\b([A-Z]{3})\b/.exec(text);
  if (code?.[1] && currencyCodes.has(code[1])) return code[1];
  for (const [pattern, currency] of symbolCurrencies) if (pattern.test(text)) return currency;
  return null;
}

/** Parses "50.000", "120,000", "45.50", "1.234,56", "120k" into a number. */
export function parseAmount(raw: string, suffix?: string): number | null {
  let text = raw.replace(/[\s\u00a0\u202f'’]/g, "");
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) text = text.replace(/[.,]/g, "");
  else if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(text)) text = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(text)) text = text.replace(/,/g, "");
  else text = text.replace(",", ".");
  let value = Number(text);
  if (!Number.isFinite(value)) return null;
  if (suffix && /^k$/i.test(suffix)) value *= 1000;
  if (suffix && /^(m|mn|mio)$/i.test(suffix)) value *= 1_000_000;
  return Math.round(value * 100) / 100;
}

const amountPattern =
  /(?<![\w.,])(\d{1,3}(?:[.,\s\u00a0\u202f'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(k|K|m|M|mio)?(?![\w%])/g;

/** A currency sign or code right before or after an amount. */
const currencyBefore = /(?:[$€£¥₹]|\b[A-Z]{3})\s?$/;
const currencyAfter = /^\s?(?:[kK]\s?)?(?:[€£]|[A-Z]{3}\b|euros?\b|kr\b)/;
/** What may stand between the two ends of a range: a dash, "to", "and", "à", "bis"…, words but no digits. */
const rangeJoin = /[-–—~/]|(?:^|\s)(?:to|and|à|a|bis|til|hasta|y)(?:\s|$)/i;

/**
 * Parses salary text; needs a currency (symbol or code) to avoid picking up stray numbers. The
 * first amount is the first one written with a currency (else the first one); a second amount
 * counts only as the other end of a range ("$90k to $120k", "between $1 and $2", "36K à 50K €").
 */
export function salaryFromText(
  text: string | null | undefined,
  fallbackCurrency: string | null = null,
): Salary | null {
  if (!text) return null;
  const currency = currencyFromText(text) ?? fallbackCurrency;
  if (!currency) return null;
  const matches = [...text.matchAll(amountPattern)].slice(0, 12);
  const isMoney = (match: RegExpExecArray) => {
    const index = match.index ?? 0;
    return (
      currencyBefore.test(text.slice(Math.max(0, index - 4), index)) ||
      currencyAfter.test(text.slice(index + match[0].length, index + match[0].length + 6))
    );
  };
  const joinsRange = (from: RegExpExecArray | undefined, to: RegExpExecArray | undefined) => {
    if (!from || !to) return false;
    const between = text.slice((from.index ?? 0) + from[0].length, to.index ?? 0);
    return between.length <= 60 && !/\d/.test(between) && rangeJoin.test(between);
  };
  let firstIndex = Math.max(0, matches.findIndex(isMoney));
  // "36K à 50K €": the currency written once, after the range.
  if (firstIndex > 0 && joinsRange(matches[firstIndex - 1], matches[firstIndex])) firstIndex--;
  const first = matches[firstIndex];
  if (!first) return null;
  const amounts: number[] = [];
  const firstValue = parseAmount(first[1] ?? "", first[2]);
  if (firstValue === null || firstValue <= 0) return null;
  amounts.push(firstValue);
  const second = matches[firstIndex + 1];
  if (second && joinsRange(first, second)) {
    const value = parseAmount(second[1] ?? "", second[2]);
    if (value !== null && value > 0) amounts.push(value);
  }
  // "$120k–150" means 150k too.
  if (
    amounts.length === 2 &&
    (amounts[0] ?? 0) >= 1000 &&
    (amounts[1] ?? 0) < 1000 &&
    /\d\s?[kK]/.test(text)
  ) {
    amounts[1] = (amounts[1] ?? 0) * 1000;
  }
  const min = Math.min(...amounts);
  const max = Math.max(...amounts);
  return {
    min,
    max,
    currency,
    period: periodFromText(text.replace(/[\d.,]+\s?[kK]?/g, " ")) ?? inferPeriod(max),
  };
}

function inferPeriod(amount: number): SalaryPeriod | null {
  return amount >= 10_000 ? "year" : null;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") return parseAmount(value.trim());
  return null;
}

/** schema.org baseSalary / estimatedSalary (MonetaryAmount, QuantitativeValue, number or text). */
export function salaryFromSchema(value: unknown, fallbackCurrency: string | null = null): Salary | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const salary = salaryFromSchema(entry, fallbackCurrency);
      if (salary) return salary;
    }
    return null;
  }
  if (typeof value === "number")
    return { min: value, max: value, currency: fallbackCurrency, period: inferPeriod(value) };
  if (typeof value === "string") return salaryFromText(value, fallbackCurrency);
  if (typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const currency =
    (typeof record.currency === "string" && record.currency.trim().toUpperCase()) ||
    (typeof record.salaryCurrency === "string" && record.salaryCurrency.trim().toUpperCase()) ||
    fallbackCurrency;
  const inner = record.value;
  let min: number | null = null;
  let max: number | null = null;
  let unit: string | null = typeof record.unitText === "string" ? record.unitText : null;
  if (inner && typeof inner === "object" && !Array.isArray(inner)) {
    const quantitative = inner as Record<string, unknown>;
    min = numberOrNull(quantitative.minValue) ?? numberOrNull(quantitative.value);
    max = numberOrNull(quantitative.maxValue) ?? numberOrNull(quantitative.value);
    if (typeof quantitative.unitText === "string") unit = quantitative.unitText;
  } else {
    min = numberOrNull(record.minValue) ?? numberOrNull(inner);
    max = numberOrNull(record.maxValue) ?? numberOrNull(inner);
  }
  if (min === null && max === null) {
    return typeof inner === "string" ? salaryFromText(inner, currency || null) : null;
  }
  if (min === 0 && max !== null && max > 0) min = null;
  if ((min ?? 0) <= 0 && (max ?? 0) <= 0) return null;
  const top = max ?? min ?? 0;
  return {
    min: min ?? max,
    max: max ?? min,
    currency: currency || null,
    period: periodFromText(unit) ?? inferPeriod(top),
  };
}

const moneyPattern = /[$€£¥₹]\s?\d|\d\s?[kK]?\s?[€£]|\b(USD|EUR|GBP|CAD|AUD|CHF|DKK|SEK|NOK|INR|SGD)\s?\d/;
const moneyPatternGlobal = new RegExp(moneyPattern.source, "g");
const salaryWords =
  /salary|salaries|\bpay\b|pay range|compensation|\bbase\b|wage|\bOTE\b|gehalt|salaire|salario|salari|løn|lön|vergütung|remuneration|retribuci|rémunération|rate/i;
/** An amount of money that is not pay: "$25,000 bonus", "stipend ($1,500)", "$100 million in funding". */
const notPayAfter =
  /^\s*(?:[A-Z]{3}\s*)?\)?\s*(?:(?:one-time|one-off|annual|yearly|signing|sign-on|relocation|performance|retention|referral)\s+)?(?:bonus|stipend|budget|allowance|grant|award|scholarship|reimbursement|(?:in\s+)?(?:funding|revenue|sales|arr)\b|million|billion|mn\b|bn\b|[MB]\b)/i;
const notPayBefore =
  /(?:bonus|stipend|budget|allowance|funding|raised|revenue|valuation|reimburse\w*|relocation|scholarship|award|prize|401\(?k\)?|grant)\b[^.$€£\d]{0,25}$/i;
/** A short line that carries on an amount from the line before: "—", "$425,000 USD", "Per Month". */
const continuation =
  /^(?:[-–—~]|to|à|a|bis|til|hasta|y|and|[A-Z]{3}|per (?:year|annum|month|hour|week|day)|an? (?:year|hour|month)|\/\s*(?:year|yr|hour|hr|month|mo)|annually|hourly|monthly|brut\S*(?:\/\S+)?)$/i;
const bareAmount = /^(?:[A-Z]{1,3}\s?)?[$€£]?\s?\d[\d.,'\s]*(?:[kK]\b)?\s*(?:[A-Z]{3}|€|£)?$/;

/** A line with the short lines that carry on its amount ("$300,000", "—", "$425,000 USD" → one line). */
function joinedLine(lines: readonly string[], index: number): string {
  let line = lines[index] ?? "";
  if (line.length >= 40) return line;
  for (let next = index + 1; next < Math.min(index + 4, lines.length); next++) {
    const text = (lines[next] ?? "").trim();
    if (text.length > 40 || !(continuation.test(text) || bareAmount.test(text) || moneyPattern.test(text)))
      break;
    line += ` ${text}`;
  }
  return line;
}

/** The part of `line` around its first amount of money that is pay; null when all of them are bonuses and the like. */
function payWindow(line: string): string | null {
  let from = 0;
  let seen = 0;
  moneyPatternGlobal.lastIndex = 0;
  for (let match = moneyPatternGlobal.exec(line); match; match = moneyPatternGlobal.exec(line)) {
    if (++seen > 6) break;
    const index = match.index;
    const amountEnd =
      index + (/^[^\d]*[\d.,'\s\u00a0]*\d(?:\s?[kK]\b)?/.exec(line.slice(index))?.[0].length ?? 1);
    if (
      notPayBefore.test(line.slice(Math.max(from, index - 40), index)) ||
      notPayAfter.test(line.slice(amountEnd, amountEnd + 40))
    ) {
      from = amountEnd;
      continue;
    }
    return line.length > 200 || from > 0 ? line.slice(Math.max(from, index - 60), index + 160) : line;
  }
  return null;
}

/**
 * The salary lines of text state: of the lines that hold an amount of money that is pay (not a
 * bonus, stipend, budget or funding), the one that reads most like a salary (salary words on it or
 * on the label line before, a range, a period). Lines that `trusted(index)` rejects (page chrome,
 * lists of other jobs) count only when salary words name them.
 */
export function salaryInLines(
  lines: readonly string[],
  trusted: (index: number) => boolean = () => true,
): Salary | null {
  let best: Salary | null = null;
  let bestScore = 0;
  let checked = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? "";
    if (!moneyPattern.test(raw) && !(raw.length < 40 && bareAmount.test(raw.trim()))) continue;
    const line = joinedLine(lines, index);
    if (!moneyPattern.test(line)) continue;
    if (++checked > 80) break;
    const window = payWindow(line);
    if (!window) continue;
    const salary = salaryFromText(window);
    if (!salary) continue;
    const top = salary.max ?? salary.min ?? 0;
    const periodic = salary.period !== null && salary.period !== "year";
    if (top < 1000 && !periodic) continue;
    // A label on one of the lines before: "Pay", "Annual Salary Range" over a table of places and ranges.
    const labels = lines.slice(Math.max(0, index - 3), index).filter((label) => label.length < 60);
    const named = salaryWords.test(window) || labels.some((label) => salaryWords.test(label));
    if (!named && !trusted(index)) continue;
    let score = 1;
    if (named) score += 2;
    if (salary.min !== salary.max) score += 1;
    if (salary.period) score += 1;
    if (score > bestScore) {
      best = salary;
      bestScore = score;
    }
  }
  return best;
}

/** `salaryInLines` over the lines of a text, every line trusted. */
export function salaryInText(text: string): Salary | null {
  return salaryInLines(text.split("\n"));
}
