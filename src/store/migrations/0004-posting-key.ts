/**
 * One application per posting, enforced by the database: `posting_key` is the canonical URL for
 * the posting's application and "URL id" for one made on purpose with --force, under a unique
 * index, so two processes adding the same posting at once can't both store it.
 */
import { type Kysely, sql } from "kysely";

export async function up(database: Kysely<unknown>): Promise<void> {
  await database.schema.alterTable("applications").addColumn("posting_key", "text").execute();
  await sql`update applications set posting_key = url || ' ' || id`.execute(database);
  await sql`
    update applications set posting_key = url
    where not exists (
      select 1 from applications earlier
      where earlier.url = applications.url
        and (earlier.created_at < applications.created_at
             or (earlier.created_at = applications.created_at and earlier.id < applications.id))
    )`.execute(database);
  await database.schema
    .createIndex("applications_posting_key")
    .on("applications")
    .column("posting_key")
    .unique()
    .execute();
}

export async function down(database: Kysely<unknown>): Promise<void> {
  await database.schema.dropIndex("applications_posting_key").execute();
  await database.schema.alterTable("applications").dropColumn("posting_key").execute();
}
