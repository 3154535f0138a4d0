/**
 * Opens the SQLite database (WAL, foreign keys, a busy timeout so a second jobpipe process waits
 * instead of failing) behind kysely, and applies every pending migration before returning.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { AppError } from "../core/index.js";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";

export interface OpenDatabaseOptions {
  /** File path, or ":memory:". */
  path: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Kysely<Database>> {
  let sqlite: SqliteDatabase.Database;
  try {
    if (options.path !== ":memory:") mkdirSync(path.dirname(options.path), { recursive: true });
    sqlite = new SqliteDatabase(options.path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 10000");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
  } catch (error) {
    throw new AppError(
      "JOBPIPE_ERR_DATABASE",
      `Opening the database ${options.path} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const database = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(database);
  return database;
}

export async function migrateToLatest(database: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db: database, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown";
    throw new AppError(
      "JOBPIPE_ERR_DATABASE",
      `Database migration ${failed} failed: ${(error as Error).message ?? error}`,
      {
        cause: error,
      },
    );
  }
}
