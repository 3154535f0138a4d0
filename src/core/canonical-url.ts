/**
 * The canonical form of a posting URL: the identity of a posting in the store and on the Trello board.
 *
 * Two links to the same posting that differ only in tracking parameters, host case, a default port,
 * a trailing slash, a fragment or query order map to the same string. Parameters that identify the
 * job (gh_jid, jk, currentJobId, id, jobId, …) are kept: only known tracking parameters are dropped,
 * so an unknown parameter is kept rather than risk merging two different postings.
 *
 * Fragments are dropped, except hash routes ("#/jobs/123", "#!/jobs/123") that single-page career
 * sites use to address a posting.
 */
import { AppError } from "./app-error.js";

/** Exact parameter names (compared lower-cased) that only say where a click came from. */
const trackingParameters: ReadonlySet<string> = new Set([
  "gh_src",
  "lever-source",
  "lever-source[]",
  "lever-origin",
  "lever-via",
  "ref",
  "referer",
  "referrer",
  "source",
  "src",
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "igshid",
  "li_fat_id",
  "mc_cid",
  "mc_eid",
  "trk",
  "trkinfo",
  "trackingid",
  "refid",
  "lipi",
  "_hsenc",
  "_hsmi",
  "hsctatracking",
  "_ga",
  "_gl",
  "s_kwcid",
  "sc_cid",
  "ebp",
  "spm",
]);

/** Parameter name prefixes that only carry campaign tracking. */
const trackingPrefixes: readonly string[] = ["utm_", "pk_", "mtm_", "hsa_"];

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingParameters.has(lower) || trackingPrefixes.some((prefix) => lower.startsWith(prefix));
}

/** Throws AppError JOBPIPE_ERR_INVALID_URL when `url` is not an absolute URL. */
export function canonicalPostingUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch (error) {
    throw new AppError("JOBPIPE_ERR_INVALID_URL", `Not a valid URL: ${JSON.stringify(url.slice(0, 200))}`, {
      cause: error,
    });
  }
  // Not a web page (mailto:, data:…): nothing to normalise beyond what URL parsing did.
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return parsed.href;
  // WHATWG URL already lower-cases scheme and host and drops a default port.
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParameter(name));
  kept.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
  );
  const query = new URLSearchParams(kept).toString();

  let pathname = parsed.pathname;
  if (pathname.length > 1) pathname = pathname.replace(/\/+$/, "") || "/";

  const hash = parsed.hash;
  const keepHash = hash.startsWith("#/") || hash.startsWith("#!/");
  const fragment = keepHash ? hash.replace(/\/+$/, "") : "";

  const hostname = parsed.hostname.replace(/\.$/, "");
  const host = parsed.port ? `${hostname}:${parsed.port}` : hostname;
  const authority = parsed.username || parsed.password ? `${userInfo(parsed)}@${host}` : host;
  return `${parsed.protocol}//${authority}${pathname}${query ? `?${query}` : ""}${fragment}`;
}

function userInfo(parsed: URL): string {
  return parsed.password ? `${parsed.username}:${parsed.password}` : parsed.username;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
