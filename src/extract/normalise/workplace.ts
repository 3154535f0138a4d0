/** Decides remote / hybrid / onsite from schema.org fields or wording. */
import type { Workplace } from "../../core/index.js";

export function workplaceFromText(text: string | null | undefined): Workplace | null {
  if (!text) return null;
  if (/\bhybrid|hybride|híbrido|ibrido/i.test(text)) return "hybrid";
  if (
    /\bremote\b|work from home|\bwfh\b|télétravail|teletrabajo|fully distributed|anywhere\b|remoto|fjernarbejde/i.test(
      text,
    )
  ) {
    return "remote";
  }
  if (/\bon[\s-]?site\b|in[\s-]office|onsite|présentiel|presencial/i.test(text)) return "onsite";
  return null;
}

export function workplaceFromSchema(posting: Record<string, unknown>): Workplace | null {
  const type = posting.jobLocationType;
  const types = (Array.isArray(type) ? type : [type]).filter(
    (entry) => typeof entry === "string",
  ) as string[];
  if (types.some((entry) => /telecommute|remote/i.test(entry))) {
    return posting.jobLocation && /hybrid/i.test(JSON.stringify(posting.jobLocation ?? ""))
      ? "hybrid"
      : "remote";
  }
  if (types.some((entry) => /hybrid/i.test(entry))) return "hybrid";
  if (types.some((entry) => /on[\s_-]?site|in[\s_-]?office/i.test(entry))) return "onsite";
  if (posting.applicantLocationRequirements && !posting.jobLocation) return "remote";
  return null;
}
