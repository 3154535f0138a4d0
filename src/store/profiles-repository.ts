/** The profiles letters were written from, by the sha256 of the résumé file (never a secret). */
import type { Kysely } from "kysely";
import type { Profile } from "../core/index.js";
import type { Database } from "./schema.js";

export class ProfilesRepository {
  constructor(private readonly database: Kysely<Database>) {}

  /** Stores the profile once per content hash. */
  async save(profile: Profile, now: string): Promise<void> {
    await this.database
      .insertInto("profiles")
      .values({
        content_hash: profile.contentHash,
        source_path: profile.sourcePath,
        name: profile.name,
        profile_json: JSON.stringify(profile),
        created_at: now,
      })
      .onConflict((conflict) => conflict.column("content_hash").doNothing())
      .execute();
  }

  async find(contentHash: string): Promise<Profile | null> {
    const row = await this.database
      .selectFrom("profiles")
      .select("profile_json")
      .where("content_hash", "=", contentHash)
      .executeTakeFirst();
    return row ? (JSON.parse(row.profile_json) as Profile) : null;
  }
}
