/** Dates in the forms postings use → YYYY-MM-DD (or null). */
const months: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export function toIsoDate(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    // Epoch seconds or milliseconds.
    const ms = value < 1e11 ? value * 1000 : value;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return formatParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(text);
  if (slashed) return formatParts(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]));
  const european = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(text);
  if (european) return formatParts(Number(european[3]), Number(european[2]), Number(european[1]));
  const named = /^(\d{1,2})\s+([a-z]{3,})\.?\s+(\d{4})/i.exec(text) ?? null;
  if (named) {
    const month = months[(named[2] ?? "").slice(0, 3).toLowerCase()];
    if (month) return formatParts(Number(named[3]), month, Number(named[1]));
  }
  const american = /^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})/i.exec(text);
  if (american) {
    const month = months[(american[1] ?? "").slice(0, 3).toLowerCase()];
    if (month) return formatParts(Number(american[3]), month, Number(american[2]));
  }
  if (/^\d{10,13}$/.test(text)) return toIsoDate(Number(text));
  return null;
}

function formatParts(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
