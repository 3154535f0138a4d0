/**
 * One HTTP request, no redirects: the host is resolved and every address checked by the caller's
 * policy, then the socket is pinned to the first checked address (our own `lookup` answers with
 * it), so a second DNS answer can never steer the connection elsewhere. A connect timeout guards
 * the TCP handshake; the caller's signal carries the total timeout. The body is decompressed
 * (gzip, deflate, br) and capped at `maxBytes` of decompressed data.
 */

import type { LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { Readable, Transform } from "node:stream";
import zlib from "node:zlib";
import { AppError } from "../core/index.js";
import {
  type AddressPolicy,
  bareHostname,
  type LookupFunction,
  resolveCheckedAddresses,
} from "./url-guard.js";

export interface RawResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  policy: AddressPolicy;
  lookup?: LookupFunction;
  connectTimeoutMs: number;
  maxBytes: number;
  headers: Record<string, string>;
  /** Aborts the request (total timeout or the caller's cancellation). */
  signal: AbortSignal;
  /** Whether to read the body (redirects are not read). */
  readBody: (status: number) => boolean;
}

/** Raised inside the request when the connect timer fires; mapped by the fetcher. */
export class ConnectTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`connect timed out after ${timeoutMs} ms`);
    this.name = "ConnectTimeoutError";
  }
}

export async function requestOnce(url: URL, options: RequestOptions): Promise<RawResponse> {
  const host = bareHostname(url);
  const [pinned] = await resolveCheckedAddresses(host, options.policy, options.lookup);
  if (!pinned) throw new AppError("JOBPIPE_ERR_DNS", `${host} has no addresses`);
  options.signal.throwIfAborted();

  const client = url.protocol === "https:" ? https : http;
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      request.destroy();
      reject(error);
    };
    const request = client.request(
      url,
      {
        method: "GET",
        headers: options.headers,
        agent: false,
        signal: options.signal,
        lookup: (
          _hostname: string,
          lookupOptions: { all?: boolean },
          callback: (...args: unknown[]) => void,
        ) => {
          if (lookupOptions?.all) {
            const answer: LookupAddress[] = [{ address: pinned.address, family: pinned.family }];
            callback(null, answer);
          } else {
            callback(null, pinned.address, pinned.family);
          }
        },
      } as http.RequestOptions,
      (response) => {
        clearTimeout(connectTimer);
        const status = response.statusCode ?? 0;
        if (!options.readBody(status)) {
          response.resume();
          settled = true;
          resolve({
            status,
            statusText: response.statusMessage ?? "",
            headers: response.headers,
            body: Buffer.alloc(0),
          });
          return;
        }
        const declared = Number(response.headers["content-length"]);
        if (
          Number.isFinite(declared) &&
          declared > options.maxBytes &&
          !response.headers["content-encoding"]
        ) {
          fail(tooLarge(url, options.maxBytes));
          return;
        }
        readCapped(response, url, options.maxBytes).then(
          (body) => {
            if (settled) return;
            settled = true;
            resolve({ status, statusText: response.statusMessage ?? "", headers: response.headers, body });
          },
          (error: unknown) => fail(error),
        );
      },
    );
    const connectTimer = setTimeout(
      () => fail(new ConnectTimeoutError(options.connectTimeoutMs)),
      options.connectTimeoutMs,
    );
    request.on("socket", (socket) => {
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    request.on("error", (error) => fail(options.signal.aborted ? options.signal.reason : error));
    request.end();
  });
}

function tooLarge(url: URL, maxBytes: number): AppError {
  return new AppError(
    "JOBPIPE_ERR_PAGE_TOO_LARGE",
    `The page at ${url.href} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
    { details: { url: url.href, maxBytes } },
  );
}

function decompressorFor(encoding: string | undefined): Transform | null {
  const name = (encoding ?? "").trim().toLowerCase();
  if (name === "gzip" || name === "x-gzip") return zlib.createGunzip();
  if (name === "deflate") return zlib.createInflate();
  if (name === "br") return zlib.createBrotliDecompress();
  return null;
}

/** Reads the body through the decompressor, stopping as soon as the decompressed size passes maxBytes. */
function readCapped(response: http.IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const decompressor = decompressorFor(response.headers["content-encoding"]);
    const stream: Readable = decompressor ? response.pipe(decompressor) : response;
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (error: unknown, value?: Buffer) => {
      if (done) return;
      done = true;
      if (error) {
        decompressor?.destroy();
        response.destroy();
        reject(error);
      } else resolve(value ?? Buffer.alloc(0));
    };
    stream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        finish(tooLarge(url, maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => finish(null, Buffer.concat(chunks)));
    stream.on("error", (error) =>
      finish(
        decompressor && (error as { code?: string }).code?.startsWith("Z_")
          ? new AppError(
              "JOBPIPE_ERR_FETCH_NETWORK",
              `The page at ${url.href} sent a corrupt compressed body`,
              {
                cause: error,
                retryable: false,
              },
            )
          : error,
      ),
    );
    response.on("error", (error) => finish(error));
    response.on("aborted", () =>
      finish(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })),
    );
  });
}
