/**
 * Step results: the current state of each step (steps) and the history of every run (step_runs),
 * written together in one transaction, so the error tracking never disagrees with the state.
 */
import type { Kysely } from "kysely";
import { type StepName, type StepResult, type StepStatus, type Steps, stepNames } from "../core/index.js";
import type { Database, StepRunRow } from "./schema.js";

export interface StepRecord {
  status: StepStatus;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  ms: number;
}

export class StepsRepository {
  constructor(private readonly database: Kysely<Database>) {}

  async record(applicationId: string, name: StepName, record: StepRecord, now: string): Promise<void> {
    const current = {
      application_id: applicationId,
      name,
      status: record.status,
      error_code: record.errorCode,
      error_message: record.errorMessage,
      attempts: record.attempts,
      ms: Math.round(record.ms),
      updated_at: now,
    };
    const write = async (transaction: Kysely<Database>) => {
      await transaction
        .insertInto("steps")
        .values(current)
        .onConflict((conflict) => conflict.columns(["application_id", "name"]).doUpdateSet(current))
        .execute();
      if (record.status === "ok" || record.status === "failed") {
        const { updated_at, ...run } = current;
        await transaction
          .insertInto("step_runs")
          .values({ ...run, finished_at: updated_at })
          .execute();
      }
    };
    // Inside a caller's transaction already (a new application and its steps): write there.
    if (this.database.isTransaction) await write(this.database);
    else await this.database.transaction().execute(write);
  }

  /** Every step of the application; steps never recorded are reported as pending. */
  async forApplication(applicationId: string): Promise<Steps> {
    const rows = await this.database
      .selectFrom("steps")
      .selectAll()
      .where("application_id", "=", applicationId)
      .execute();
    const steps = Object.fromEntries(
      stepNames.map((name) => [
        name,
        { status: "pending", error: null, attempts: 0, ms: 0 } satisfies StepResult,
      ]),
    ) as Steps;
    for (const row of rows) {
      if (!(stepNames as readonly string[]).includes(row.name)) continue;
      const failed = row.status === "failed";
      steps[row.name as StepName] = {
        status: row.status as StepStatus,
        error: failed ? [row.error_code, row.error_message].filter(Boolean).join(": ") : null,
        attempts: row.attempts,
        ms: row.ms,
        note: failed ? null : row.error_message,
      };
    }
    return steps;
  }

  /** The history of runs, newest first (what the web app's error view shows). */
  async runs(applicationId: string): Promise<StepRunRow[]> {
    return this.database
      .selectFrom("step_runs")
      .selectAll()
      .where("application_id", "=", applicationId)
      .orderBy("id", "desc")
      .execute();
  }
}
