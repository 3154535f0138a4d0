export {
  type AtsEndpoint,
  type AtsName,
  atsEndpointFor,
  atsNames,
  defaultAtsBaseUrls,
  extractFromAtsResponse,
} from "./ats/index.js";
export type { ExtractContext } from "./context.js";
export { type ExtractJobOptions, emptyJob, extractJob, isUsableJob } from "./extract-job.js";
export { parseLooseJson } from "./normalise/json-repair.js";
export { salaryFromSchema, salaryFromText } from "./normalise/salary.js";
export { htmlToText } from "./normalise/text.js";
export { extractors } from "./registry.js";
export type { Extractor } from "./sources/extractor.js";
