/**
 * Leases, so two jobpipe processes on one database never run the same application's steps at once;
 * the profiles letters were written from (by content hash); each letter's estimated cost.
 */
import type { Kysely } from "kysely";

export async function up(database: Kysely<unknown>): Promise<void> {
  await database.schema.alterTable("applications").addColumn("lease_owner", "text").execute();
  await database.schema.alterTable("applications").addColumn("lease_expires_at", "text").execute();
  await database.schema
    .createTable("profiles")
    .addColumn("content_hash", "text", (column) => column.primaryKey())
    .addColumn("source_path", "text", (column) => column.notNull())
    .addColumn("name", "text")
    .addColumn("profile_json", "text", (column) => column.notNull())
    .addColumn("created_at", "text", (column) => column.notNull())
    .execute();
  await database.schema.alterTable("letters").addColumn("profile_hash", "text").execute();
  await database.schema.alterTable("letters").addColumn("estimated_cost_usd", "real").execute();
}

export async function down(database: Kysely<unknown>): Promise<void> {
  await database.schema.alterTable("letters").dropColumn("estimated_cost_usd").execute();
  await database.schema.alterTable("letters").dropColumn("profile_hash").execute();
  await database.schema.dropTable("profiles").execute();
  await database.schema.alterTable("applications").dropColumn("lease_expires_at").execute();
  await database.schema.alterTable("applications").dropColumn("lease_owner").execute();
}
