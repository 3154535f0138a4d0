/** The jobpipe library entry: `import { extractJob } from "jobpipe"`. */
export type { EmploymentType, Job, Salary, SalaryPeriod, Workplace } from "./core/index.js";
export {
  type AtsName,
  atsEndpointFor,
  type ExtractJobOptions,
  extractFromAtsResponse,
  extractJob,
  isUsableJob,
} from "./extract/index.js";
