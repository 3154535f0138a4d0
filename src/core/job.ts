/** The structured job posting every extractor produces (INTERFACE.md, "Job"). */

export const workplaces = ["remote", "hybrid", "onsite"] as const;
export type Workplace = (typeof workplaces)[number];

export const employmentTypes = [
  "full_time",
  "part_time",
  "contract",
  "temporary",
  "internship",
  "other",
] as const;
export type EmploymentType = (typeof employmentTypes)[number];

export const salaryPeriods = ["year", "month", "week", "day", "hour"] as const;
export type SalaryPeriod = (typeof salaryPeriods)[number];

export interface Salary {
  min: number | null;
  max: number | null;
  /** ISO 4217 code, e.g. "USD". */
  currency: string | null;
  period: SalaryPeriod | null;
}

export interface Job {
  title: string | null;
  company: string | null;
  location: string | null;
  workplace: Workplace | null;
  employmentType: EmploymentType | null;
  salary: Salary | null;
  /** YYYY-MM-DD */
  datePosted: string | null;
  /** YYYY-MM-DD */
  validThrough: string | null;
  /** Plain text, paragraphs separated by blank lines, bullets as "- ". */
  description: string;
  applyUrl: string | null;
  url: string;
  /** Which extractor found it: "json-ld", "greenhouse", "lever", …, "html". */
  source: string;
}
