/**
 * Removes secrets from any text before it is written to a log: the configured secret values
 * themselves, wherever they appear, and the shapes secrets take in URLs and headers (Trello's
 * `key`/`token` query parameters, `Authorization: Bearer …`, OpenAI-style `sk-…` keys).
 */
const redacted = "[REDACTED]";

const secretShapes: RegExp[] = [
  // ?key=…&token=… (Trello), access_token, api_key, apikey
  /([?&](?:key|token|api_key|apikey|access_token|client_secret)=)[^&\s"'#]+/gi,
  // Authorization: Bearer …  /  "authorization":"Bearer …"
  /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  // OpenAI-style keys
  /\bsk-[A-Za-z0-9_-]{8,}/g,
];

export type Scrub = (text: string) => string;

export function createSecretScrubber(secrets: ReadonlyArray<string | null | undefined>): Scrub {
  // Longest first, so a secret containing another is replaced whole.
  const values = [
    ...new Set(secrets.filter((value): value is string => typeof value === "string" && value.length >= 6)),
  ].sort((left, right) => right.length - left.length);
  return (text) => {
    let result = text;
    for (const value of values) {
      if (result.includes(value)) result = result.split(value).join(redacted);
    }
    for (const shape of secretShapes) {
      result = result.replace(shape, (match, prefix: string | undefined) =>
        typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}${redacted}` : redacted,
      );
    }
    return result;
  };
}
