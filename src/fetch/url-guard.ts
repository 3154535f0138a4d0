/**
 * The SSRF guard: which URLs jobpipe may fetch.
 *
 * A posting URL must be http(s), carry no credentials, and every address its host resolves to must
 * be a public unicast address — unless the host or address is listed in JOBPIPE_FETCH_ALLOW.
 * WHATWG URL parsing already turns numeric forms such as `127.1`, `2130706433` and `0x7f000001`
 * into dotted quads, so the guard checks the normalised hostname; IPv4-mapped IPv6 addresses are
 * unwrapped and checked as IPv4.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../core/index.js";

/** Longest URL we accept (8 KB). */
export const maxUrlLength = 8 * 1024;

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a hostname to every address it has (injectable so tests can fake DNS). */
export type LookupFunction = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressPolicy {
  /** True when the host name or the address is exempt from the private-address block. */
  isAllowed(host: string, address: string): boolean;
}

/** Parses and validates the form of a posting URL (no DNS). */
export function parsePostingUrl(input: string): URL {
  const trimmed = typeof input === "string" ? input.trim() : "";
  if (trimmed === "") throw new AppError("JOBPIPE_ERR_INVALID_URL", "The posting URL is empty");
  if (trimmed.length > maxUrlLength) {
    throw new AppError(
      "JOBPIPE_ERR_INVALID_URL",
      `The posting URL is longer than ${maxUrlLength} characters`,
    );
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError("JOBPIPE_ERR_INVALID_URL", `Not a valid URL: ${truncate(trimmed)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError(
      "JOBPIPE_ERR_UNSUPPORTED_SCHEME",
      `Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}:`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new AppError(
      "JOBPIPE_ERR_URL_CREDENTIALS",
      "URLs with a user name or password in them are refused",
    );
  }
  if (url.hostname === "")
    throw new AppError("JOBPIPE_ERR_INVALID_URL", `The URL has no host: ${truncate(trimmed)}`);
  return url;
}

/** Builds the allow-list policy from JOBPIPE_FETCH_ALLOW entries (host names, IPs or CIDRs). */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of allow) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, "");
    if (entry === "") continue;
    if (entry.includes("/") && ipaddr.isValidCIDR(entry)) {
      const [range, bits] = ipaddr.parseCIDR(entry);
      ranges.push(
        range.kind() === "ipv6" && (range as ipaddr.IPv6).isIPv4MappedAddress()
          ? [(range as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
          : [range, bits],
      );
    } else if (isIP(entry) !== 0) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else {
      hosts.add(entry.replace(/\.$/, ""));
    }
  }
  return {
    isAllowed(host, address) {
      const hostName = host
        .toLowerCase()
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "");
      if (hosts.has(hostName)) return true;
      if (!ipaddr.isValid(address)) return false;
      const parsed = ipaddr.process(address);
      return ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
    },
  };
}

/** True when the address is public unicast (not private, loopback, link-local, metadata, …). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== "unicast") return false;
  if (parsed.kind() === "ipv6") {
    // Only global unicast (2000::/3) is reachable on the internet.
    const first = (parsed as ipaddr.IPv6).parts[0] ?? 0;
    return first >= 0x2000 && first <= 0x3fff;
  }
  return true;
}

/** Strips IPv6 brackets from a URL hostname. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/** Throws JOBPIPE_ERR_PRIVATE_ADDRESS unless the address is public or allowed. */
export function assertAddressAllowed(host: string, address: string, policy: AddressPolicy): void {
  if (isPublicAddress(address) || policy.isAllowed(host, address)) return;
  throw new AppError(
    "JOBPIPE_ERR_PRIVATE_ADDRESS",
    `${host} resolves to ${address}, a private, loopback or reserved address; add it to JOBPIPE_FETCH_ALLOW to allow it`,
    { details: { host, address } },
  );
}

export const systemLookup: LookupFunction = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map((result) => ({ address: result.address, family: result.family }));
};

/** Resolves a host and checks every address; returns the checked addresses. */
export async function resolveCheckedAddresses(
  host: string,
  policy: AddressPolicy,
  lookup: LookupFunction = systemLookup,
): Promise<ResolvedAddress[]> {
  if (isIP(host) !== 0) {
    assertAddressAllowed(host, host, policy);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new AppError("JOBPIPE_ERR_DNS", `Could not resolve ${host}${code ? ` (${code})` : ""}`, {
      cause: error,
      retryable: code === "EAI_AGAIN",
      details: { host },
    });
  }
  if (addresses.length === 0)
    throw new AppError("JOBPIPE_ERR_DNS", `${host} has no addresses`, { retryable: false });
  for (const entry of addresses) assertAddressAllowed(host, entry.address, policy);
  return addresses;
}

/** Parses the URL and checks every address its host resolves to. Used at intake, before storing. */
export async function checkPostingUrl(
  input: string,
  options: { allow: readonly string[]; lookup?: LookupFunction },
): Promise<URL> {
  const url = parsePostingUrl(input);
  await resolveCheckedAddresses(bareHostname(url), createAddressPolicy(options.allow), options.lookup);
  return url;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
