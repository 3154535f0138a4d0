/** Table types for the typed query layer (kysely). Timestamps are ISO-8601 strings; JSON columns are text. */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface ApplicationsTable {
  id: string;
  /** Canonical posting URL: the identity of a posting. */
  url: string;
  /** The canonical URL for the posting's application; "URL id" for one made with --force. Unique. */
  posting_key: string;
  /** The URL exactly as the user submitted it. */
  submitted_url: string;
  stage: string;
  status: string;
  /** "url" when fetched, "html" or "text" when the user supplied the page. */
  input_kind: string;
  /** The page the user supplied (--html/--text), kept so nothing submitted is lost. */
  input_content: string | null;
  card_id: string | null;
  card_url: string | null;
  /** The letter version whose documents are attached to the card; null when none are. */
  card_letter_version: Generated<number | null>;
  /** The process working on the application ("host:pid:nonce"), and until when its claim holds. */
  lease_owner: Generated<string | null>;
  lease_expires_at: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface JobsTable {
  application_id: string;
  title: string | null;
  company: string | null;
  location: string | null;
  workplace: string | null;
  employment_type: string | null;
  salary_json: string | null;
  date_posted: string | null;
  valid_through: string | null;
  description: string;
  apply_url: string | null;
  url: string;
  source: string;
  updated_at: string;
}

export interface StepsTable {
  application_id: string;
  name: string;
  status: string;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  ms: number;
  updated_at: string;
}

export interface StepRunsTable {
  id: Generated<number>;
  application_id: string;
  name: string;
  status: string;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  ms: number;
  finished_at: string;
}

export interface LettersTable {
  id: Generated<number>;
  application_id: string;
  version: number;
  provider: string;
  model: string | null;
  text: string;
  warnings_json: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** Hash of job, profile, provider, model and options: equal keys reuse the letter. */
  cache_key: string | null;
  feedback: string | null;
  profile_hash: Generated<string | null>;
  estimated_cost_usd: Generated<number | null>;
  created_at: string;
}

export interface ProfilesTable {
  content_hash: string;
  source_path: string;
  name: string | null;
  profile_json: string;
  created_at: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  application_id: string;
  letter_version: number;
  kind: string;
  path: string;
  created_at: string;
}

export interface Database {
  applications: ApplicationsTable;
  jobs: JobsTable;
  steps: StepsTable;
  step_runs: StepRunsTable;
  letters: LettersTable;
  documents: DocumentsTable;
  profiles: ProfilesTable;
}

export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type JobRow = Selectable<JobsTable>;
export type StepRow = Selectable<StepsTable>;
export type StepRunRow = Selectable<StepRunsTable>;
export type LetterRow = Selectable<LettersTable>;
export type DocumentRow = Selectable<DocumentsTable>;
