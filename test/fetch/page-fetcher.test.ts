import zlib from "node:zlib";
import iconv from "iconv-lite";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageFetcher, type PageFetcherOptions } from "../../src/fetch/page-fetcher.js";
import { type PageServer, startPageServer } from "./page-server.js";

const logger = pino({ level: "silent" });
const html = (body: string) =>
  `<!doctype html><html><head><title>Job</title></head><body>${body}</body></html>`;
let server: PageServer;
let flakyCount = 0;
let resetCount = 0;

function fetcher(overrides: Partial<PageFetcherOptions> = {}) {
  const waits: number[] = [];
  const instance = createPageFetcher({
    allow: ["127.0.0.1"],
    timeoutMs: 5000,
    userAgent: "jobpipe-test/1.0 (+https://example.invalid)",
    logger,
    retryDelaysMs: [1, 1, 1],
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return Object.assign(instance, { waits });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code?: string }).code ?? "none", message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  server = await startPageServer({
    "/ok": (request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(html(`<h1>Engineer</h1><p>ua=${request.headers["user-agent"]}</p>`));
    },
    "/redirect": (_request, response) => response.writeHead(302, { location: "/ok" }).end(),
    "/to-private": (_request, response) =>
      response.writeHead(301, { location: "http://10.0.0.1/admin" }).end(),
    "/to-metadata": (_request, response) =>
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
    "/to-file": (_request, response) => response.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/loop-a": (_request, response) => response.writeHead(302, { location: "/loop-b" }).end(),
    "/loop-b": (_request, response) => response.writeHead(302, { location: "/loop-a" }).end(),
    "/chain": (request, response) => {
      const step = Number(new URL(request.url ?? "", "http://x").searchParams.get("n") ?? "0");
      response.writeHead(302, { location: `/chain?n=${step + 1}` }).end();
    },
    "/huge": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const write = () => {
        while (sent < 200) {
          sent++;
          if (!response.write(chunk)) {
            response.once("drain", write);
            return;
          }
        }
        response.end();
      };
      write();
    },
    "/gzip-bomb": (_request, response) => {
      const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, " "));
      response.writeHead(200, {
        "content-type": "text/html",
        "content-encoding": "gzip",
        "content-length": bomb.length,
      });
      response.end(bomb);
    },
    "/gzip": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
      response.end(zlib.gzipSync(html("<h1>Compressed café</h1>")));
    },
    "/brotli": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "br" });
      response.end(zlib.brotliCompressSync(html("<h1>Brotli naïve</h1>")));
    },
    "/slow": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.write("<html>");
      setTimeout(() => response.end("</html>"), 3000).unref();
    },
    "/pdf": (_request, response) =>
      response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"),
    "/image": (_request, response) => response.writeHead(200, { "content-type": "image/png" }).end("png"),
    "/json": (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
    "/cp1252": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=windows-1252" });
      response.end(iconv.encode(html("<h1>Café – Zürich “quoted”</h1>"), "windows-1252"));
    },
    "/latin1-meta": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(
        iconv.encode(
          `<html><head><meta charset="iso-8859-1"><title>x</title></head><body><h1>Développeur à Zürich</h1></body></html>`,
          "latin1",
        ),
      );
    },
    "/sjis": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(
        iconv.encode(
          `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><h1>エンジニア募集</h1></body></html>`,
          "shift_jis",
        ),
      );
    },
    "/bom": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html("<h1>Ünïcode</h1>"))]));
    },
    "/missing": (_request, response) => response.writeHead(404, { "content-type": "text/html" }).end("nope"),
    "/broken": (_request, response) => response.writeHead(500, { "content-type": "text/html" }).end("boom"),
    "/flaky": (_request, response) => {
      flakyCount++;
      if (flakyCount < 3) response.writeHead(503, { "content-type": "text/html" }).end("busy");
      else response.writeHead(200, { "content-type": "text/html" }).end(html("<h1>Third time</h1>"));
    },
    "/rate-limited": (_request, response) =>
      response.writeHead(429, { "content-type": "text/html", "retry-after": "2" }).end("slow down"),
    "/reset": (request, response) => {
      resetCount++;
      if (resetCount < 2) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { "content-type": "text/html" }).end(html("<h1>After reset</h1>"));
    },
    "/to-login": (_request, response) =>
      response.writeHead(302, { location: "/login?next=%2Fjobs%2F1" }).end(),
    "/login": (_request, response) =>
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(html('<form><input type="password"></form>')),
    "/members": (_request, response) =>
      response
        .writeHead(403, { "content-type": "text/html" })
        .end(html('<form action="/session"><input type="password" name="p"></form>')),
    "/forbidden": (_request, response) =>
      response.writeHead(403, { "content-type": "text/html" }).end("blocked"),
  });
});

afterAll(async () => {
  await server.close();
});

describe("createPageFetcher", () => {
  it("fetches a page with an honest User-Agent", async () => {
    const page = await fetcher().fetchPage(server.url("/ok"));
    expect(page.status).toBe(200);
    expect(page.body).toContain("ua=jobpipe-test/1.0");
    expect(page.attempts).toBe(1);
    expect(page.finalUrl).toBe(server.url("/ok"));
  });

  it("refuses loopback when it is not allowed", async () => {
    const before = server.hits("/ok");
    const result = await failure(fetcher({ allow: [] }).fetchPage(server.url("/ok")));
    expect(result.code).toBe("JOBPIPE_ERR_PRIVATE_ADDRESS");
    expect(server.hits("/ok")).toBe(before);
  });

  it("follows redirects and reports the final URL", async () => {
    const page = await fetcher().fetchPage(server.url("/redirect"));
    expect(page.finalUrl).toBe(server.url("/ok"));
    expect(page.requestedUrl).toBe(server.url("/redirect"));
  });

  it("re-checks every redirect target", async () => {
    expect((await failure(fetcher().fetchPage(server.url("/to-private")))).code).toBe(
      "JOBPIPE_ERR_PRIVATE_ADDRESS",
    );
    expect((await failure(fetcher().fetchPage(server.url("/to-metadata")))).code).toBe(
      "JOBPIPE_ERR_PRIVATE_ADDRESS",
    );
    expect((await failure(fetcher().fetchPage(server.url("/to-file")))).code).toBe(
      "JOBPIPE_ERR_UNSUPPORTED_SCHEME",
    );
  });

  it("pins the connection to the checked address (DNS rebinding)", async () => {
    let calls = 0;
    const lookup = async () => {
      calls++;
      return [{ address: calls === 1 ? "127.0.0.1" : "10.9.9.9", family: 4 }];
    };
    const port = new URL(server.url("/ok")).port;
    const page = await fetcher({ allow: ["127.0.0.1"], lookup }).fetchPage(`http://rebind.test:${port}/ok`);
    expect(page.body).toContain("Engineer");
    expect(calls).toBe(1);
  });

  it("stops redirect loops and long chains", async () => {
    const loop = await failure(fetcher().fetchPage(server.url("/loop-a")));
    expect(loop.code).toBe("JOBPIPE_ERR_TOO_MANY_REDIRECTS");
    expect(loop.message).toMatch(/loop/);
    const chain = await failure(fetcher().fetchPage(server.url("/chain")));
    expect(chain.code).toBe("JOBPIPE_ERR_TOO_MANY_REDIRECTS");
    expect(chain.message).toMatch(/more than 5/);
  });

  it("caps the body size, also after decompression", async () => {
    const huge = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetchPage(server.url("/huge")));
    expect(huge.code).toBe("JOBPIPE_ERR_PAGE_TOO_LARGE");
    const bomb = await failure(fetcher().fetchPage(server.url("/gzip-bomb")));
    expect(bomb.code).toBe("JOBPIPE_ERR_PAGE_TOO_LARGE");
    expect(bomb.message).toMatch(/5 MB/);
  });

  it("decompresses gzip and brotli", async () => {
    expect((await fetcher().fetchPage(server.url("/gzip"))).body).toContain("Compressed café");
    expect((await fetcher().fetchPage(server.url("/brotli"))).body).toContain("Brotli naïve");
  });

  it("times out slow pages with a readable message", async () => {
    const slow = await failure(fetcher({ timeoutMs: 300 }).fetchPage(server.url("/slow")));
    expect(slow.code).toBe("JOBPIPE_ERR_FETCH_TIMEOUT");
    expect(slow.message).toBe(`Fetching ${server.url("/slow")} timed out after 0.3 s`);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = fetcher().fetchPage(server.url("/slow"), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("cancelled by user")), 50);
    await expect(pending).rejects.toThrow("cancelled by user");
  });

  it("refuses non-HTML content", async () => {
    const pdf = await failure(fetcher().fetchPage(server.url("/pdf")));
    expect(pdf.code).toBe("JOBPIPE_ERR_NOT_HTML");
    expect(pdf.message).toMatch(/application\/pdf/);
    expect((await failure(fetcher().fetchPage(server.url("/image")))).code).toBe("JOBPIPE_ERR_NOT_HTML");
    expect((await failure(fetcher().fetchPage(server.url("/json")))).code).toBe("JOBPIPE_ERR_NOT_HTML");
  });

  it("accepts JSON when asked for it", async () => {
    const page = await fetcher().fetchPage(server.url("/json"), { accept: "json" });
    expect(JSON.parse(page.body)).toEqual({ ok: true });
    expect((await failure(fetcher().fetchPage(server.url("/ok"), { accept: "json" }))).code).toBe(
      "JOBPIPE_ERR_NOT_HTML",
    );
  });

  it("decodes charsets from the header, meta tags and BOM", async () => {
    expect((await fetcher().fetchPage(server.url("/cp1252"))).body).toContain("Café – Zürich “quoted”");
    expect((await fetcher().fetchPage(server.url("/latin1-meta"))).body).toContain("Développeur à Zürich");
    expect((await fetcher().fetchPage(server.url("/sjis"))).body).toContain("エンジニア募集");
    const bom = await fetcher().fetchPage(server.url("/bom"));
    expect(bom.body).toContain("Ünïcode");
    expect(bom.body.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("reports HTTP errors with the status", async () => {
    const missing = await failure(fetcher().fetchPage(server.url("/missing")));
    expect(missing.code).toBe("JOBPIPE_ERR_FETCH_HTTP_STATUS");
    expect(missing.message).toMatch(/HTTP 404/);
    expect(server.hits("/missing")).toBe(1);
    const before = server.hits("/broken");
    const broken = await failure(fetcher().fetchPage(server.url("/broken")));
    expect(broken.message).toMatch(/HTTP 500/);
    expect(server.hits("/broken") - before).toBe(4);
  });

  it("retries transient failures and counts attempts", async () => {
    const instance = fetcher();
    const page = await instance.fetchPage(server.url("/flaky"));
    expect(page.body).toContain("Third time");
    expect(page.attempts).toBe(3);
    expect(instance.waits).toEqual([1, 1]);
    const reset = await fetcher().fetchPage(server.url("/reset"));
    expect(reset.body).toContain("After reset");
    expect(reset.attempts).toBe(2);
  });

  it("honours Retry-After on 429", async () => {
    const instance = fetcher();
    const limited = await failure(instance.fetchPage(server.url("/rate-limited")));
    expect(limited.code).toBe("JOBPIPE_ERR_FETCH_HTTP_STATUS");
    expect(limited.message).toMatch(/429/);
    expect(instance.waits).toEqual([2000, 2000, 2000]);
  });

  it("recognises login walls", async () => {
    const redirect = await failure(fetcher().fetchPage(server.url("/to-login")));
    expect(redirect.code).toBe("JOBPIPE_ERR_LOGIN_WALL");
    expect(server.hits("/login")).toBe(0);
    expect((await failure(fetcher().fetchPage(server.url("/members")))).code).toBe("JOBPIPE_ERR_LOGIN_WALL");
    const forbidden = await failure(fetcher().fetchPage(server.url("/forbidden")));
    expect(forbidden.code).toBe("JOBPIPE_ERR_FETCH_HTTP_STATUS");
    expect(forbidden.message).toMatch(/403/);
  });
});
