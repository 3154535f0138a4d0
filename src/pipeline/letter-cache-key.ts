/**
 * The letter cache key: the same job, profile, provider, model and options give the same key, so a
 * stored letter is reused without a model call.
 */
import { createHash } from "node:crypto";
import type { Job, LetterTone, LetterWriter, Profile } from "../core/index.js";

export function letterCacheKey(
  job: Job,
  profile: Profile | null,
  writer: LetterWriter,
  tone: LetterTone,
): string {
  const { url: _url, applyUrl: _applyUrl, ...content } = job;
  return createHash("sha256")
    .update(
      JSON.stringify({
        job: content,
        profile: profile?.contentHash ?? null,
        provider: writer.provider,
        model: writer.model,
        tone,
      }),
    )
    .digest("hex");
}
