/** SQL for the applications table. Rules (what status means, when a card is made) live in the pipeline. */
import type { Kysely } from "kysely";
import type { Stage } from "../core/index.js";
import type { ApplicationRow, ApplicationUpdate, Database, NewApplicationRow } from "./schema.js";

export interface ListApplicationsQuery {
  stage?: Stage | null;
  /** Case-insensitive search in title, company and URL. */
  search?: string | null;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
}

export class ApplicationsRepository {
  constructor(private readonly database: Kysely<Database>) {}

  async insert(row: NewApplicationRow): Promise<void> {
    await this.database.insertInto("applications").values(row).execute();
  }

  async findById(id: string): Promise<ApplicationRow | null> {
    const row = await this.database
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Finds by full id, or by an unambiguous prefix of at least 4 characters (ids are long to type). */
  async findByIdOrPrefix(idOrPrefix: string): Promise<ApplicationRow | null> {
    const exact = await this.findById(idOrPrefix);
    if (exact || idOrPrefix.length < 4 || !/^[a-z0-9]+$/i.test(idOrPrefix)) return exact;
    const rows = await this.database
      .selectFrom("applications")
      .selectAll()
      .where("id", "like", `${idOrPrefix.toLowerCase()}%`)
      .limit(2)
      .execute();
    return rows.length === 1 ? (rows[0] ?? null) : null;
  }

  /** The newest application for a canonical posting URL. */
  async findLatestByUrl(url: string): Promise<ApplicationRow | null> {
    const row = await this.database
      .selectFrom("applications")
      .selectAll()
      .where("url", "=", url)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    return row ?? null;
  }

  async update(id: string, changes: ApplicationUpdate): Promise<void> {
    await this.database.updateTable("applications").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.database.deleteFrom("applications").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(query: ListApplicationsQuery): Promise<{ rows: ApplicationRow[]; nextCursor: string | null }> {
    let statement = this.database
      .selectFrom("applications")
      .leftJoin("jobs", "jobs.application_id", "applications.id")
      .selectAll("applications");
    if (query.stage) statement = statement.where("applications.stage", "=", query.stage);
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      statement = statement.where((expression) =>
        expression.or([
          expression("jobs.title", "like", pattern),
          expression("jobs.company", "like", pattern),
          expression("applications.url", "like", pattern),
        ]),
      );
    }
    const after = decodeCursor(query.cursor);
    if (after) {
      statement = statement.where((expression) =>
        expression.or([
          expression("applications.created_at", "<", after.createdAt),
          expression.and([
            expression("applications.created_at", "=", after.createdAt),
            expression("applications.id", "<", after.id),
          ]),
        ]),
      );
    }
    const rows = await statement
      .orderBy("applications.created_at", "desc")
      .orderBy("applications.id", "desc")
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null;
    return { rows: page, nextCursor };
  }

  /** Applications that have a tracker card. */
  async listWithCards(): Promise<ApplicationRow[]> {
    return this.database.selectFrom("applications").selectAll().where("card_id", "is not", null).execute();
  }

  /** Applications with a step left failed or pending, oldest first (for `jobpipe sync`). */
  async listUnfinished(): Promise<ApplicationRow[]> {
    return this.database
      .selectFrom("applications")
      .selectAll()
      .where((expression) =>
        expression.exists(
          expression
            .selectFrom("steps")
            .select("steps.name")
            .whereRef("steps.application_id", "=", "applications.id")
            .where("steps.status", "in", ["failed", "pending"]),
        ),
      )
      .orderBy("created_at", "asc")
      .execute();
  }
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): { createdAt: string; id: string } | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through: an unreadable cursor is treated as the first page
  }
  return null;
}
