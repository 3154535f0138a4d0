/**
 * A local job-posting site on 127.0.0.1 (port 0): serves pages registered by path, with a status,
 * headers and an optional delay, and counts the requests each path received.
 *
 *   const site = await startPageServer();
 *   site.page("/jobs/1", postingHtml({ title: "Engineer", company: "Acme" }));
 *   site.route("/blocked", { status: 403, body: "Forbidden" });
 *   site.url("/jobs/1")  // "http://127.0.0.1:PORT/jobs/1"
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface PageRoute {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  delayMs?: number;
}

export interface PageServer {
  origin: string;
  url(path: string): string;
  page(path: string, html: string): void;
  route(path: string, route: PageRoute): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, PageRoute>();
  const hitCounts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    hitCounts.set(path, (hitCounts.get(path) ?? 0) + 1);
    const route = routes.get(path);
    const answer = () => {
      if (!route) {
        response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
        return;
      }
      response.writeHead(route.status ?? 200, {
        "content-type": "text/html; charset=utf-8",
        ...route.headers,
      });
      response.end(route.body);
    };
    if (route?.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    page: (path, html) => routes.set(path, { body: html }),
    route: (path, route) => routes.set(path, route),
    hits: (path) => hitCounts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PostingFacts {
  title: string;
  company: string;
  location?: string;
  description?: string;
}

/** A posting page with schema.org JobPosting JSON-LD, as most career sites publish. */
export function postingHtml(facts: PostingFacts): string {
  const description =
    facts.description ??
    "<p>We are looking for an engineer to build our data platform.</p><ul><li>5+ years of TypeScript and Node.js</li><li>Experience with PostgreSQL</li><li>Clear written communication</li></ul>";
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: facts.title,
    description,
    datePosted: "2026-11-20",
    employmentType: "FULL_TIME",
    hiringOrganization: { "@type": "Organization", name: facts.company },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressLocality: facts.location ?? "Berlin",
        addressCountry: "DE",
      },
    },
    baseSalary: {
      "@type": "MonetaryAmount",
      currency: "EUR",
      value: { "@type": "QuantitativeValue", minValue: 70000, maxValue: 90000, unitText: "YEAR" },
    },
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${facts.title} at ${facts.company}</title>
<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, "\\u003c")}</script></head>
<body><h1>${facts.title}</h1><div class="description">${description}</div></body></html>`;
}
