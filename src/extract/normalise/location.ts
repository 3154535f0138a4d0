/** Location from schema.org jobLocation (one or many Place/PostalAddress) or plain strings. */
import { cleanLine } from "./text.js";

const countryNames: Record<string, string> = {
  US: "United States",
  USA: "United States",
  GB: "United Kingdom",
  UK: "United Kingdom",
  DE: "Germany",
  FR: "France",
  DK: "Denmark",
  ES: "Spain",
  NL: "Netherlands",
  CA: "Canada",
  AU: "Australia",
  IN: "India",
  IE: "Ireland",
  SE: "Sweden",
  NO: "Norway",
  CH: "Switzerland",
  IT: "Italy",
  PL: "Poland",
  BR: "Brazil",
  JP: "Japan",
  SG: "Singapore",
  BO: "Bolivia",
};

function addressText(address: unknown): string | null {
  if (typeof address === "string") return cleanLine(address);
  if (!address || typeof address !== "object") return null;
  const record = address as Record<string, unknown>;
  const country = record.addressCountry;
  const countryName =
    typeof country === "string"
      ? country
      : country && typeof country === "object"
        ? ((country as Record<string, unknown>).name as string | undefined)
        : undefined;
  const parts = [record.addressLocality, record.addressRegion, countryName]
    .map((part) => cleanLine(part))
    .filter((part): part is string => part !== null);
  const unique = parts.filter(
    (part, index) => parts.findIndex((other) => other.toLowerCase() === part.toLowerCase()) === index,
  );
  if (unique.length === 0) return cleanLine(record.name) ?? cleanLine(record.streetAddress);
  return unique.join(", ");
}

function placeText(place: unknown): string | null {
  if (typeof place === "string") return cleanLine(place);
  if (!place || typeof place !== "object") return null;
  const record = place as Record<string, unknown>;
  if (record.address) {
    const addresses = Array.isArray(record.address) ? record.address : [record.address];
    const texts = addresses.map(addressText).filter((text): text is string => text !== null);
    if (texts.length > 0) return texts.join("; ");
  }
  if (record.addressLocality || record.addressCountry) return addressText(record);
  return cleanLine(record.name);
}

/** One string for one or many jobLocations ("Berlin, Germany; Paris, France"). */
export function locationFromSchema(jobLocation: unknown): string | null {
  const places = Array.isArray(jobLocation) ? jobLocation : [jobLocation];
  const texts: string[] = [];
  for (const place of places) {
    const text = placeText(place);
    if (text && !texts.includes(text)) texts.push(text);
  }
  if (texts.length === 0) return null;
  if (texts.length > 5) return `${texts.slice(0, 5).join("; ")} (+${texts.length - 5} more)`;
  return texts.join("; ");
}

/** Names of countries/regions from applicantLocationRequirements. */
export function applicantLocationText(requirements: unknown): string | null {
  const entries = Array.isArray(requirements) ? requirements : [requirements];
  const names = entries
    .map((entry) =>
      typeof entry === "string"
        ? entry
        : entry && typeof entry === "object"
          ? (entry as Record<string, unknown>).name
          : null,
    )
    .map((name) => cleanLine(name))
    .filter((name): name is string => name !== null)
    .map((name) => countryNames[name] ?? name);
  return names.length > 0 ? names.join("; ") : null;
}
