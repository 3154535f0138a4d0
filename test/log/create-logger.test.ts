import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, createSecretScrubber } from "../../src/log/index.js";
import { waitFor } from "../support/wait-for.js";

const trelloKey = "0123456789abcdef0123456789abcdef";
const trelloToken = "f".repeat(64);
const openAiKey = "sk-live-abcdefghijklmnop";

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({
    level: "info",
    file: null,
    secrets: [trelloKey, trelloToken, openAiKey],
    destination,
  });
  return { logger, lines };
}

describe("secret scrubbing", () => {
  it("removes configured secret values wherever they appear", () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { note: `the key is ${openAiKey}`, nested: { deeper: [trelloToken] } },
      `token ${trelloToken}`,
    );
    const text = lines.join("");
    expect(text).not.toContain(openAiKey);
    expect(text).not.toContain(trelloToken);
    expect(text).toContain("[REDACTED]");
  });

  it("redacts Trello key/token query parameters in logged URLs", () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { url: "https://api.trello.com/1/cards?idList=1&key=somekey123&token=othertoken456" },
      "request",
    );
    const text = lines.join("");
    expect(text).toContain("idList=1");
    expect(text).not.toContain("somekey123");
    expect(text).not.toContain("othertoken456");
  });

  it("redacts Authorization headers and key fields by path", () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { headers: { authorization: "Bearer abc.def.ghi" }, apiKey: "plain-value-1", token: "plain-value-2" },
      "x",
    );
    const line = JSON.parse(lines[0] ?? "{}") as {
      headers: { authorization: string };
      apiKey: string;
      token: string;
    };
    expect(line.headers.authorization).toBe("[REDACTED]");
    expect(line.apiKey).toBe("[REDACTED]");
    expect(line.token).toBe("[REDACTED]");
  });

  it("leaves ordinary text alone", () => {
    const scrub = createSecretScrubber([]);
    expect(scrub("Senior Engineer — Acme, ?page=2&sort=new")).toBe(
      "Senior Engineer — Acme, ?page=2&sort=new",
    );
  });
});

describe("log file", () => {
  it("writes JSON lines to a rotating file under the given path", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "jobpipe-log-"));
    const file = path.join(directory, "logs", "jobpipe.log");
    const logger = createLogger({ level: "info", file, secrets: [openAiKey], pretty: false });
    logger.info({ applicationId: "abc" }, `hello ${openAiKey}`);
    const readLogs = () => {
      try {
        const files = readdirSync(path.join(directory, "logs")).filter((name) =>
          /^jobpipe\.\d+\.log$/.test(name),
        );
        return files.map((name) => readFileSync(path.join(directory, "logs", name), "utf8")).join("");
      } catch {
        return "";
      }
    };
    const content = await waitFor(readLogs);
    const entry = JSON.parse(content.trim().split("\n")[0] ?? "{}") as { msg: string; applicationId: string };
    expect(entry.applicationId).toBe("abc");
    expect(entry.msg).toBe("hello [REDACTED]");
  });
});
