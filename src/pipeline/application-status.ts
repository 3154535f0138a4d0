/** INTERFACE.md's status rule: no job → failed; every wanted step done → success; else partial. */
import type { ApplicationStatus, Job, Steps } from "../core/index.js";

export function applicationStatus(job: Job | null, steps: Steps): ApplicationStatus {
  if (job === null) return "failed";
  const laterSteps = [steps.tracker, steps.letter, steps.docx, steps.pdf];
  return laterSteps.every((step) => step.status === "ok" || step.status === "skipped")
    ? "success"
    : "partial_success";
}
