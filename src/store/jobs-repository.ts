/** SQL for the jobs table: one extracted Job per application. */
import type { Kysely } from "kysely";
import type { EmploymentType, Job, Salary, Workplace } from "../core/index.js";
import type { Database, JobRow } from "./schema.js";

export class JobsRepository {
  constructor(private readonly database: Kysely<Database>) {}

  async save(applicationId: string, job: Job, now: string): Promise<void> {
    const row = {
      application_id: applicationId,
      title: job.title,
      company: job.company,
      location: job.location,
      workplace: job.workplace,
      employment_type: job.employmentType,
      salary_json: job.salary === null ? null : JSON.stringify(job.salary),
      date_posted: job.datePosted,
      valid_through: job.validThrough,
      description: job.description,
      apply_url: job.applyUrl,
      url: job.url,
      source: job.source,
      updated_at: now,
    };
    await this.database
      .insertInto("jobs")
      .values(row)
      .onConflict((conflict) => conflict.column("application_id").doUpdateSet(row))
      .execute();
  }

  async find(applicationId: string): Promise<Job | null> {
    const row = await this.database
      .selectFrom("jobs")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirst();
    return row ? jobFromRow(row) : null;
  }
}

export function jobFromRow(row: JobRow): Job {
  return {
    title: row.title,
    company: row.company,
    location: row.location,
    workplace: row.workplace as Workplace | null,
    employmentType: row.employment_type as EmploymentType | null,
    salary: row.salary_json === null ? null : (JSON.parse(row.salary_json) as Salary),
    datePosted: row.date_posted,
    validThrough: row.valid_through,
    description: row.description,
    applyUrl: row.apply_url,
    url: row.url,
    source: row.source,
  };
}
