/** Applications, jobs, per-step state and history, letter versions and documents. */
import type { Kysely } from "kysely";

export async function up(database: Kysely<unknown>): Promise<void> {
  await database.schema
    .createTable("applications")
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("url", "text", (column) => column.notNull())
    .addColumn("submitted_url", "text", (column) => column.notNull())
    .addColumn("stage", "text", (column) => column.notNull().defaultTo("saved"))
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("input_kind", "text", (column) => column.notNull().defaultTo("url"))
    .addColumn("input_content", "text")
    .addColumn("card_id", "text")
    .addColumn("card_url", "text")
    .addColumn("created_at", "text", (column) => column.notNull())
    .addColumn("updated_at", "text", (column) => column.notNull())
    .execute();
  await database.schema.createIndex("applications_url").on("applications").column("url").execute();
  await database.schema
    .createIndex("applications_created")
    .on("applications")
    .columns(["created_at", "id"])
    .execute();

  await database.schema
    .createTable("jobs")
    .addColumn("application_id", "text", (column) =>
      column.primaryKey().references("applications.id").onDelete("cascade"),
    )
    .addColumn("title", "text")
    .addColumn("company", "text")
    .addColumn("location", "text")
    .addColumn("workplace", "text")
    .addColumn("employment_type", "text")
    .addColumn("salary_json", "text")
    .addColumn("date_posted", "text")
    .addColumn("valid_through", "text")
    .addColumn("description", "text", (column) => column.notNull())
    .addColumn("apply_url", "text")
    .addColumn("url", "text", (column) => column.notNull())
    .addColumn("source", "text", (column) => column.notNull())
    .addColumn("updated_at", "text", (column) => column.notNull())
    .execute();

  await database.schema
    .createTable("steps")
    .addColumn("application_id", "text", (column) =>
      column.notNull().references("applications.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("attempts", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("ms", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("steps_pk", ["application_id", "name"])
    .execute();

  await database.schema
    .createTable("step_runs")
    .addColumn("id", "integer", (column) => column.primaryKey().autoIncrement())
    .addColumn("application_id", "text", (column) =>
      column.notNull().references("applications.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("attempts", "integer", (column) => column.notNull())
    .addColumn("ms", "integer", (column) => column.notNull())
    .addColumn("finished_at", "text", (column) => column.notNull())
    .execute();
  await database.schema
    .createIndex("step_runs_application")
    .on("step_runs")
    .column("application_id")
    .execute();

  await database.schema
    .createTable("letters")
    .addColumn("id", "integer", (column) => column.primaryKey().autoIncrement())
    .addColumn("application_id", "text", (column) =>
      column.notNull().references("applications.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (column) => column.notNull())
    .addColumn("provider", "text", (column) => column.notNull())
    .addColumn("model", "text")
    .addColumn("text", "text", (column) => column.notNull())
    .addColumn("warnings_json", "text", (column) => column.notNull().defaultTo("[]"))
    .addColumn("prompt_tokens", "integer")
    .addColumn("completion_tokens", "integer")
    .addColumn("cache_key", "text")
    .addColumn("feedback", "text")
    .addColumn("created_at", "text", (column) => column.notNull())
    .addUniqueConstraint("letters_version_unique", ["application_id", "version"])
    .execute();
  await database.schema.createIndex("letters_cache_key").on("letters").column("cache_key").execute();

  await database.schema
    .createTable("documents")
    .addColumn("id", "integer", (column) => column.primaryKey().autoIncrement())
    .addColumn("application_id", "text", (column) =>
      column.notNull().references("applications.id").onDelete("cascade"),
    )
    .addColumn("letter_version", "integer", (column) => column.notNull())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("path", "text", (column) => column.notNull())
    .addColumn("created_at", "text", (column) => column.notNull())
    .addUniqueConstraint("documents_unique", ["application_id", "letter_version", "kind"])
    .execute();
}

export async function down(database: Kysely<unknown>): Promise<void> {
  for (const table of ["documents", "letters", "step_runs", "steps", "jobs", "applications"]) {
    await database.schema.dropTable(table).ifExists().execute();
  }
}
