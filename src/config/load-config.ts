/**
 * Parses the merged environment into a typed Config, or every problem found, each naming its
 * variable. No value is ever echoed back: several are secrets.
 *
 * Rules (INTERFACE.md): an integration is in use when any of its variables is set; then each of
 * its required variables must be present and well-formed. JOBPIPE_REQUIRE makes integrations
 * mandatory.
 */
import path from "node:path";
import { z } from "zod";
import { letterTones, type Stage, stages } from "../core/index.js";
import {
  type Config,
  type DatabaseTarget,
  defaultOpenAiModel,
  defaultTrelloBaseUrl,
  type Integration,
  type OpenAiConfig,
  type TrelloConfig,
} from "./config.js";
import type { ConfigProblem } from "./config-problem.js";
import type { Environment } from "./read-sources.js";

export type LoadConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

const trelloVariables = ["TRELLO_API_KEY", "TRELLO_TOKEN", "TRELLO_BOARD_ID", "TRELLO_LIST_ID"] as const;
const openAiVariables = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"] as const;
const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

const httpUrl = z.url({ protocol: /^https?$/ });
const positiveSeconds = z.coerce.number().positive().max(3600);

export function loadConfig(env: Environment, options: { cwd?: string } = {}): LoadConfigResult {
  const cwd = options.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const value = (name: string): string | null => {
    const raw = env[name];
    return raw === undefined || raw.trim() === "" ? null : raw.trim();
  };
  const check = <T>(name: string, schema: z.ZodType<T>, explanation: string): T | null => {
    const raw = value(name);
    if (raw === null) return null;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push({ variable: name, problem: `is malformed (${explanation})` });
    return null;
  };
  const missing = (name: string, why: string) =>
    problems.push({ variable: name, problem: `is missing (${why})` });

  // JOBPIPE_REQUIRE
  const required = new Set<Integration>();
  for (const item of (value("JOBPIPE_REQUIRE") ?? "").split(",").map((part) => part.trim().toLowerCase())) {
    if (item === "") continue;
    if (item === "openai" || item === "trello") required.add(item);
    else
      problems.push({
        variable: "JOBPIPE_REQUIRE",
        problem: `is malformed (unknown integration "${item.slice(0, 40)}")`,
      });
  }

  // OpenAI
  const openAiBaseUrl = check("OPENAI_BASE_URL", httpUrl, "expected an http(s) URL");
  const openAiModel = value("OPENAI_MODEL") ?? defaultOpenAiModel;
  const temperature = check(
    "OPENAI_TEMPERATURE",
    z.coerce.number().min(0).max(2),
    "expected a number from 0 to 2",
  );
  const openAiTimeout = check("OPENAI_TIMEOUT", positiveSeconds, "expected seconds, e.g. 60");
  const openAiInUse = required.has("openai") || openAiVariables.some((name) => value(name) !== null);
  let openai: OpenAiConfig | null = null;
  if (openAiInUse) {
    const apiKey = value("OPENAI_API_KEY");
    const usesOpenAiItself =
      value("OPENAI_BASE_URL") === null || /(^|\.)openai\.com$/i.test(hostOf(openAiBaseUrl));
    if (apiKey === null) {
      missing(
        "OPENAI_API_KEY",
        required.has("openai") ? "JOBPIPE_REQUIRE lists openai" : "other OPENAI_* variables are set",
      );
    } else if (usesOpenAiItself && !apiKey.startsWith("sk-")) {
      problems.push({ variable: "OPENAI_API_KEY", problem: "is malformed (an OpenAI key starts with sk-)" });
    } else if (/\s/.test(apiKey)) {
      problems.push({ variable: "OPENAI_API_KEY", problem: "is malformed (it contains whitespace)" });
    } else {
      openai = {
        apiKey,
        baseUrl: openAiBaseUrl,
        model: openAiModel,
        temperature,
        timeoutMs: (openAiTimeout ?? 60) * 1000,
      };
    }
  }

  // Trello
  const trelloBaseUrl = check("TRELLO_BASE_URL", httpUrl, "expected an http(s) URL") ?? defaultTrelloBaseUrl;
  const trelloInUse = required.has("trello") || trelloVariables.some((name) => value(name) !== null);
  let trello: TrelloConfig | null = null;
  if (trelloInUse) {
    const why = required.has("trello") ? "JOBPIPE_REQUIRE lists trello" : "other TRELLO_* variables are set";
    const fields = {
      TRELLO_API_KEY: { pattern: /^[0-9a-f]{32}$/i, expected: "expected 32 hexadecimal characters" },
      TRELLO_TOKEN: { pattern: /^[A-Za-z0-9_-]{64,}$/, expected: "expected at least 64 letters and digits" },
      TRELLO_BOARD_ID: {
        pattern: /^([0-9a-f]{24}|[A-Za-z0-9]{8})$/i,
        expected: "expected a 24-hex board id or the 8-character short link from the board's URL",
      },
      TRELLO_LIST_ID: { pattern: /^[0-9a-f]{24}$/i, expected: "expected a 24-hex list id" },
    } as const;
    const values: Partial<Record<(typeof trelloVariables)[number], string>> = {};
    for (const name of trelloVariables) {
      const raw = value(name);
      if (raw === null) missing(name, why);
      else if (!fields[name].pattern.test(raw))
        problems.push({ variable: name, problem: `is malformed (${fields[name].expected})` });
      else values[name] = raw;
    }
    const stageListIds: Partial<Record<Stage, string>> = {};
    for (const stage of stages) {
      if (stage === "saved") continue;
      const name = `TRELLO_LIST_${stage.toUpperCase()}`;
      const listId = check(name, z.string().regex(/^[0-9a-f]{24}$/i), "expected a 24-hex list id");
      if (listId !== null) stageListIds[stage] = listId;
    }
    const followUp = value("JOBPIPE_FOLLOW_UP_DAYS");
    const followUpDays =
      followUp !== null && /^(off|none|never)$/i.test(followUp)
        ? null
        : (check(
            "JOBPIPE_FOLLOW_UP_DAYS",
            z.coerce.number().int().min(0).max(365),
            "expected days, or off",
          ) ?? 7);
    if (values.TRELLO_API_KEY && values.TRELLO_TOKEN && values.TRELLO_BOARD_ID && values.TRELLO_LIST_ID) {
      trello = {
        apiKey: values.TRELLO_API_KEY,
        token: values.TRELLO_TOKEN,
        boardId: values.TRELLO_BOARD_ID,
        listId: values.TRELLO_LIST_ID,
        baseUrl: trelloBaseUrl.replace(/\/+$/, ""),
        stageListIds,
        followUpDays,
      };
    }
  }

  // Storage, profile, server, fetching, logs
  const dataDir = path.resolve(cwd, value("JOBPIPE_DATA_DIR") ?? "data");
  const database = parseDatabaseUrl(value("DATABASE_URL"), dataDir, cwd, problems);
  const profile = value("JOBPIPE_PROFILE");
  const letterTone =
    check("JOBPIPE_LETTER_TONE", z.enum(letterTones), `expected one of ${letterTones.join(", ")}`) ??
    "formal";
  const host = value("HOST") ?? "127.0.0.1";
  const port =
    check("PORT", z.coerce.number().int().min(1).max(65535), "expected a port number from 1 to 65535") ??
    3000;
  const apiToken = value("JOBPIPE_API_TOKEN");
  if (apiToken !== null && apiToken.length < 16) {
    problems.push({ variable: "JOBPIPE_API_TOKEN", problem: "is malformed (use at least 16 characters)" });
  }
  const allow = (value("JOBPIPE_FETCH_ALLOW") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const fetchTimeout = check("JOBPIPE_FETCH_TIMEOUT", positiveSeconds, "expected seconds, e.g. 30") ?? 30;
  const logLevel = (value("LOG_LEVEL") ?? "info").toLowerCase();
  if (!logLevels.includes(logLevel)) {
    problems.push({
      variable: "LOG_LEVEL",
      problem: `is malformed (expected one of ${logLevels.join(", ")})`,
    });
  }
  const logFile = path.resolve(cwd, value("LOG_FILE") ?? path.join(dataDir, "logs", "jobpipe.log"));

  const resolvedPath = (name: string): string | null => {
    const raw = value(name);
    return raw === null ? null : path.resolve(cwd, raw);
  };

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: Object.freeze({
      dataDir,
      database,
      openaiModel: openAiModel,
      openai,
      trello,
      profilePath: profile === null ? null : path.resolve(cwd, profile),
      letterTone,
      server: { host, port, apiToken },
      fetch: { allow, timeoutMs: fetchTimeout * 1000 },
      require: [...required],
      log: { level: logLevel, file: logFile },
      pdf: {
        fontPath: resolvedPath("JOBPIPE_PDF_FONT"),
        boldFontPath: resolvedPath("JOBPIPE_PDF_BOLD_FONT"),
        cjkFontPath: resolvedPath("JOBPIPE_PDF_CJK_FONT"),
      },
    }),
  };
}

function hostOf(url: string | null): string {
  if (url === null) return "";
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

function parseDatabaseUrl(
  raw: string | null,
  dataDir: string,
  cwd: string,
  problems: ConfigProblem[],
): DatabaseTarget {
  if (raw === null) return { kind: "sqlite", path: path.join(dataDir, "jobpipe.db") };
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    problems.push({
      variable: "DATABASE_URL",
      problem: "names PostgreSQL, which this version cannot use yet (use sqlite:PATH or leave it unset)",
    });
    return { kind: "postgres", url: raw };
  }
  if (/^sqlite:/i.test(raw)) {
    const filePath = raw.replace(/^sqlite:(\/\/)?/i, "");
    if (filePath === "")
      problems.push({ variable: "DATABASE_URL", problem: "is malformed (sqlite: needs a path)" });
    return { kind: "sqlite", path: filePath === ":memory:" ? filePath : path.resolve(cwd, filePath) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    problems.push({
      variable: "DATABASE_URL",
      problem: "is malformed (expected sqlite:PATH, a file path or postgres://…)",
    });
  }
  return { kind: "sqlite", path: path.resolve(cwd, raw) };
}
