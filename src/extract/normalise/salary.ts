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

/** Parses salary text; needs a currency (symbol or code) to avoid picking up stray numbers. */
export function salaryFromText(
  text: string | null | undefined,
  fallbackCurrency: string | null = null,
): Salary | null {
  if (!text) return null;
  const currency = currencyFromText(text) ?? fallbackCurrency;
  if (!currency) return null;
  const amounts: number[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const value = parseAmount(match[1] ?? "", match[2]);
    if (value !== null && value > 0) amounts.push(value);
    if (amounts.length === 2) break;
  }
  if (amounts.length === 0) return null;
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
const salaryWords =
  /salary|salaries|\bpay\b|pay range|compensation|\bbase\b|wage|\bOTE\b|gehalt|salaire|salario|salari|løn|lön|vergütung|remuneration|rate/i;

/**
 * The salary a posting's text states: of the lines that hold an amount of money, the one that
 * reads most like a salary (salary words, a range, a period), ignoring small one-off sums such
 * as "$1,500 learning budget".
 */
export function salaryInText(text: string): Salary | null {
  let best: Salary | null = null;
  let bestScore = 0;
  let checked = 0;
  let previous = "";
  for (const line of text.split("\n")) {
    const label = previous;
    previous = line;
    if (line.length > 600 || !moneyPattern.test(line)) continue;
    if (++checked > 30) break;
    // Long lines: the sentence around the first amount.
    const index = line.search(moneyPattern);
    const window = line.length > 200 ? line.slice(Math.max(0, index - 120), index + 120) : line;
    const salary = salaryFromText(window);
    if (!salary) continue;
    const top = salary.max ?? salary.min ?? 0;
    const periodic = salary.period !== null && salary.period !== "year";
    if (top < 1000 && !periodic) continue;
    let score = 1;
    if (salaryWords.test(window) || (label.length < 60 && salaryWords.test(label))) score += 2;
    if (salary.min !== salary.max) score += 1;
    if (salary.period) score += 1;
    if (score > bestScore) {
      best = salary;
      bestScore = score;
    }
  }
  return best;
}
