/** Letter versions: every letter written for an application is kept, numbered from 1. */
import { type Kysely, sql } from "kysely";
import type { LetterDraft } from "../core/index.js";
import type { Database, LetterRow } from "./schema.js";

export class LettersRepository {
  constructor(private readonly database: Kysely<Database>) {}

  /**
   * Stores the draft as the next version. The number is taken inside the INSERT itself (one
   * statement, so atomic): a read-then-write transaction could fail with SQLITE_BUSY when another
   * process writes in between, and two writers could otherwise take the same number.
   */
  async addVersion(
    applicationId: string,
    draft: LetterDraft,
    options: {
      cacheKey: string | null;
      feedback: string | null;
      now: string;
      profileHash?: string | null;
    },
  ): Promise<LetterRow> {
    const nextVersion = this.database
      .selectFrom("letters")
      .select(sql<number>`coalesce(max(version), 0) + 1`.as("version"))
      .where("application_id", "=", applicationId);
    return this.database
      .insertInto("letters")
      .values({
        application_id: applicationId,
        version: nextVersion,
        provider: draft.provider,
        model: draft.model,
        text: draft.text,
        warnings_json: JSON.stringify(draft.warnings),
        prompt_tokens: draft.usage?.promptTokens ?? null,
        completion_tokens: draft.usage?.completionTokens ?? null,
        cache_key: options.cacheKey,
        profile_hash: options.profileHash ?? null,
        estimated_cost_usd: draft.estimatedCostUsd ?? null,
        feedback: options.feedback,
        created_at: options.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async latest(applicationId: string): Promise<LetterRow | null> {
    const row = await this.database
      .selectFrom("letters")
      .selectAll()
      .where("application_id", "=", applicationId)
      .orderBy("version", "desc")
      .executeTakeFirst();
    return row ?? null;
  }

  /** A stored letter written for the same job, profile, provider, model and options. */
  async findByCacheKey(cacheKey: string): Promise<LetterRow | null> {
    const row = await this.database
      .selectFrom("letters")
      .selectAll()
      .where("cache_key", "=", cacheKey)
      .orderBy("id", "desc")
      .executeTakeFirst();
    return row ?? null;
  }
}
