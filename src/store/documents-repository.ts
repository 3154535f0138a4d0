/** Where each letter version's DOCX and PDF were written. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export type DocumentKind = "docx" | "pdf";

export class DocumentsRepository {
  constructor(private readonly database: Kysely<Database>) {}

  async save(
    applicationId: string,
    letterVersion: number,
    kind: DocumentKind,
    filePath: string,
    now: string,
  ) {
    const row = {
      application_id: applicationId,
      letter_version: letterVersion,
      kind,
      path: filePath,
      created_at: now,
    };
    await this.database
      .insertInto("documents")
      .values(row)
      .onConflict((conflict) =>
        conflict
          .columns(["application_id", "letter_version", "kind"])
          .doUpdateSet({ path: filePath, created_at: now }),
      )
      .execute();
  }

  /** Paths of the documents of one letter version. */
  async forVersion(
    applicationId: string,
    letterVersion: number,
  ): Promise<Record<DocumentKind, string | null>> {
    const rows = await this.database
      .selectFrom("documents")
      .select(["kind", "path"])
      .where("application_id", "=", applicationId)
      .where("letter_version", "=", letterVersion)
      .execute();
    return {
      docx: rows.find((row) => row.kind === "docx")?.path ?? null,
      pdf: rows.find((row) => row.kind === "pdf")?.path ?? null,
    };
  }
}
