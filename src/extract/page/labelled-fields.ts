/**
 * Reads fields that pages show as label and value ("Location: Berlin", "Placering" → "Bagsværd,
 * Denmark", "Company: Acme") or without a label right next to the job title ("Electrical Engineer ·
 * San Francisco, CA"), from the page's text segments.
 */
import { isPlaceLike, placeFromText } from "../normalise/place.js";
import type { PageSegments } from "./segments.js";

const locationLabel =
  "(?:job |work |office |primary |current |posting )?(?:locations?|location name|city|office|placering|ubicaci[oó]n|sted|arbejdssted|arbetsort|lieu(?: de travail)?|localisation|standort|arbeitsort|einsatzort|ort|sede|località|lokalizacja|locatie|werklocatie)(?:\\(s\\))?";
const companyLabel =
  "(?:company|company name|employer|hiring company|hiring organi[sz]ation|organi[sz]ation|firm|virksomhed|arbejdsgiver|empresa|arbeitgeber|unternehmen|entreprise|employeur|azienda|werkgever)";
const titleLabel =
  "(?:job title|position title|job name|stillingsbetegnelse|stilling|posición|puesto|stellenbezeichnung|intitulé du poste)";

export type FieldKind = "location" | "company" | "title";
const labels: Record<FieldKind, { alone: RegExp; inline: RegExp }> = {
  location: pattern(locationLabel),
  company: pattern(companyLabel),
  title: pattern(titleLabel),
};
const anyLabel = new RegExp(
  `^(?:${locationLabel}|${companyLabel}|${titleLabel}|country|state|region)\\s*:?$`,
  "i",
);

function pattern(label: string): { alone: RegExp; inline: RegExp } {
  return {
    alone: new RegExp(`^${label}\\s*:?$`, "i"),
    inline: new RegExp(`^${label}\\s*:\\s*(.{2,160})$`, "i"),
  };
}

function usableValue(kind: FieldKind, raw: string): string | null {
  const value = raw
    .replace(/^[:\s]+/, "")
    .replace(/^\((.+)\)$/, "$1")
    .trim();
  if (kind === "location" && value.length > 80) return locatedIn(value);
  if (value.length < 2 || value.length > 160 || anyLabel.test(value)) return null;
  if (kind === "location") {
    if (/^(multiple locations|\d+ locations?)$/i.test(value)) return value;
    if (/search|loading|select|all$/i.test(value)) return null;
  }
  if (kind === "company" && value.length > 80) return null;
  return value;
}

/** "This position is based at our Pune (India) headquarters" → "Pune (India)". */
export function locatedIn(sentence: string): string | null {
  const match =
    /\b(?:position|role|job|you) (?:is|will be) (?:primarily |mainly )?(?:based|located) (?:in|at) (?:our |the )?(\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+)*(?: \([^)]{2,30}\))?)/u.exec(
      sentence,
    );
  return match?.[1] ?? null;
}

/**
 * The value after the first label of `kind` in segments [from, to). Over the whole page (`strict`),
 * bare labels that menus also use ("Locations", "Company") count only with a colon.
 */
export function labelledValue(
  segments: PageSegments,
  kind: FieldKind,
  from = 0,
  to = segments.texts.length,
  strict = from === 0 && to === segments.texts.length,
): string | null {
  const { alone, inline } = labels[kind];
  const texts = segments.texts;
  for (let index = Math.max(0, from); index < Math.min(to, texts.length); index++) {
    const text = texts[index] ?? "";
    if (text.length > 200) continue;
    const inlineMatch = inline.exec(text);
    if (inlineMatch?.[1]) {
      const value = usableValue(kind, inlineMatch[1]);
      if (value) return value;
      continue;
    }
    if (!alone.test(text)) continue;
    if (strict && !text.endsWith(":") && (kind === "company" || /^(locations|office)$/i.test(text))) {
      // "Office" heads menus too: over the whole page, bare, only with a short capitalised value after it.
      const next = texts[index + 1] ?? "";
      if (!/^office$/i.test(text) || next.length > 40 || !/^\p{Lu}/u.test(next)) continue;
    }
    for (let next = index + 1; next < Math.min(index + 4, texts.length); next++) {
      const candidate = texts[next] ?? "";
      if (/^[:\-–]$/.test(candidate) || alone.test(candidate)) continue;
      if (anyLabel.test(candidate)) break;
      const value = usableValue(kind, candidate);
      if (value)
        return kind === "location" && value === candidate ? withFollowingPlaces(texts, next, value) : value;
      break;
    }
  }
  return null;
}

/** Indexes of segments that hold the job title (equal to it, or starting with it). */
export function titlePositions(segments: PageSegments, title: string): number[] {
  const wanted = title.toLowerCase();
  const positions: number[] = [];
  segments.texts.forEach((text, index) => {
    if (positions.length < 4 && text.length < wanted.length + 60 && text.toLowerCase().startsWith(wanted))
      positions.push(index);
  });
  return positions;
}

/** A location shown right after the job title: labelled, or a place-shaped line. */
export function locationNearTitle(segments: PageSegments, title: string): string | null {
  for (const position of titlePositions(segments, title)) {
    const texts = segments.texts;
    const rest = (texts[position] ?? "").slice(title.length).trim();
    const inHeading = placeFromText(rest.replace(/^[-–—|,:\s]+/, ""));
    if (inHeading) return inHeading;
    const labelled = labelledValue(segments, "location", position + 1, position + 16);
    if (labelled) return labelled;
    for (let index = position + 1; index < Math.min(position + 10, texts.length); index++) {
      const text = texts[index] ?? "";
      if (text.length > 140) break;
      const place = placeFromText(text.replace(/^(at|in)\s+/i, ""));
      if (place) return withFollowingPlaces(texts, index, place);
    }
  }
  return null;
}

/** "Remote" + "(United States)", "CR, Asuncion" + "PL, Warsaw": places on consecutive lines. */
function withFollowingPlaces(texts: string[], index: number, first: string): string {
  const places = [first];
  for (let next = index + 1, taken = 0; next < texts.length && next < index + 6 && taken < 3; next++) {
    const text = (texts[next] ?? "").replace(/^\(|\)$/g, "").trim();
    if (/^[(),;/|·•]*$/.test(text)) continue;
    taken++;
    if (!isPlaceLike(text) || /^(remote|hybrid|on-?site)$/i.test(text)) break;
    places.push(text);
  }
  if (places.length === 1) return first;
  return /^(remote|hybrid)\b/i.test(first) ? `${first} ${places.slice(1).join("; ")}` : places.join("; ");
}

export { isPlaceLike };
