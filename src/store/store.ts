/** The store: the repositories over one database, and the Application view assembled from them. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Application, ApplicationStatus, LetterProvider, Stage, StepName } from "../core/index.js";
import { ApplicationLeases, leaseOwnerName } from "./application-leases.js";
import { ApplicationsRepository } from "./applications-repository.js";
import { DocumentsRepository } from "./documents-repository.js";
import { JobsRepository } from "./jobs-repository.js";
import { LettersRepository } from "./letters-repository.js";
import { openDatabase } from "./open-database.js";
import { ProfilesRepository } from "./profiles-repository.js";
import type { ApplicationRow, Database, NewApplicationRow } from "./schema.js";
import { type StepRecord, StepsRepository } from "./steps-repository.js";

export class Store {
  readonly applications: ApplicationsRepository;
  readonly jobs: JobsRepository;
  readonly steps: StepsRepository;
  readonly letters: LettersRepository;
  readonly documents: DocumentsRepository;
  readonly profiles: ProfilesRepository;
  readonly leases: ApplicationLeases;

  constructor(readonly database: Kysely<Database>) {
    this.profiles = new ProfilesRepository(database);
    this.leases = new ApplicationLeases(database, leaseOwnerName(randomBytes(4).toString("hex")));
    this.applications = new ApplicationsRepository(database);
    this.jobs = new JobsRepository(database);
    this.steps = new StepsRepository(database);
    this.letters = new LettersRepository(database);
    this.documents = new DocumentsRepository(database);
  }

  /**
   * Stores a new application and the first state of each of its steps in one transaction, so a
   * crash can never leave an application that `sync` would not see.
   */
  async createApplication(row: NewApplicationRow, steps: Record<StepName, StepRecord>): Promise<void> {
    await this.database.transaction().execute(async (transaction) => {
      await new ApplicationsRepository(transaction).insert(row);
      const repository = new StepsRepository(transaction);
      for (const [name, record] of Object.entries(steps) as [StepName, StepRecord][]) {
        await repository.record(row.id, name, record, row.created_at);
      }
    });
  }

  /** The application as INTERFACE.md's JSON, or null when there is no such id. */
  async loadApplication(id: string): Promise<Application | null> {
    const row = await this.applications.findById(id);
    return row ? this.toApplication(row) : null;
  }

  async toApplication(row: ApplicationRow): Promise<Application> {
    const [job, steps, letter] = await Promise.all([
      this.jobs.find(row.id),
      this.steps.forApplication(row.id),
      this.letters.latest(row.id),
    ]);
    const files = letter
      ? await this.documents.forVersion(row.id, letter.version)
      : { docx: null, pdf: null };
    return {
      id: row.id,
      url: row.url,
      status: row.status as ApplicationStatus,
      stage: row.stage as Stage,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      job,
      steps,
      tracker: row.card_id ? { cardId: row.card_id, cardUrl: row.card_url ?? "" } : null,
      letter: letter
        ? {
            provider: letter.provider as LetterProvider,
            model: letter.model,
            version: letter.version,
            text: letter.text,
          }
        : null,
      files,
    };
  }

  async isHealthy(): Promise<boolean> {
    const row = await this.database
      .selectFrom("applications")
      .select((expression) => expression.fn.countAll().as("count"))
      .executeTakeFirst();
    return row !== undefined;
  }

  async close(): Promise<void> {
    await this.database.destroy();
  }
}

export async function openStore(options: { path: string }): Promise<Store> {
  return new Store(await openDatabase(options));
}
