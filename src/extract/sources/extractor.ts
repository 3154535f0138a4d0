import type { Job } from "../../core/index.js";
import type { ExtractContext } from "../context.js";

/** One way of reading a job from a page. Returns null when the page holds nothing it knows. */
export interface Extractor {
  name: string;
  extract(context: ExtractContext): Job | null;
}
