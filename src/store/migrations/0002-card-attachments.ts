/** Which letter version's documents are attached to the application's card (null: none yet). */
import type { Kysely } from "kysely";

export async function up(database: Kysely<unknown>): Promise<void> {
  await database.schema.alterTable("applications").addColumn("card_letter_version", "integer").execute();
}

export async function down(database: Kysely<unknown>): Promise<void> {
  await database.schema.alterTable("applications").dropColumn("card_letter_version").execute();
}
