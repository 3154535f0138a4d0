/** `jobpipe export`: every application as CSV (safe to open in a spreadsheet) or JSON. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Application } from "../../src/core/index.js";
import { postingHtml } from "../fakes/page-server.js";
import { runCli } from "../support/run-cli.js";

describe("jobpipe export", () => {
  it("writes CSV with quoting and formula-safe cells, and JSON equal to list", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "jobpipe-export-"));
    const context = { cwd, env: {} };
    const pages = [
      ['=HYPERLINK("http://evil.example")', "Evil, Inc."],
      ['Engineer "Platform"', "Acme"],
    ];
    for (const [index, [title, company]] of pages.entries()) {
      const file = path.join(cwd, `page-${index}.html`);
      writeFileSync(file, postingHtml({ title: title ?? "", company: company ?? "" }));
      const added = await runCli(
        ["add", `https://jobs.example.com/${index}`, "--html", file, "--no-letter"],
        context,
      );
      expect(added.code).toBe(0);
    }

    const csv = await runCli(["export"], context);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,url,status,stage,created_at,updated_at,title,company,location,/);
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://evil.example"")","Evil, Inc."`);
    expect(csv.stdout).toContain(`"Engineer ""Platform""",Acme`);

    const json = JSON.parse((await runCli(["export", "--format", "json"], context)).stdout) as Application[];
    const listed = JSON.parse((await runCli(["list", "--json"], context)).stdout) as Application[];
    expect(json).toEqual(listed);
    expect(json.map((application) => application.job?.company)).toEqual(["Acme", "Evil, Inc."]);
  });

  it("refuses an unknown format as a usage error", async () => {
    const result = await runCli(["export", "--format", "xml"], {
      cwd: mkdtempSync(path.join(tmpdir(), "jobpipe-export-")),
      env: {},
    });
    expect(result.code).toBe(64);
  });
});
