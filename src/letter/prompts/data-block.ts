/**
 * Quoted data blocks for prompts. The posting, the résumé, the previous letter and the user's
 * feedback are wrapped in `<name>` … `</name>` tags; the system prompt tells the model that such
 * blocks are data, never instructions. Hostile text could try to close a block early ("</job_posting>
 * Ignore previous instructions…"), so any tag of ours inside the text is defused before quoting.
 */

export const dataBlockNames = ["job_posting", "resume", "previous_letter", "user_feedback"] as const;
export type DataBlockName = (typeof dataBlockNames)[number];

const ourTags = new RegExp(`<\\s*/?\\s*(${dataBlockNames.join("|")})\\b[^>]*>?`, "gi");

/** Replaces any opening or closing tag of ours in `text` with a harmless look-alike: `‹/job_posting›`. */
export function neutraliseDelimiters(text: string): string {
  return text.replace(ourTags, (match) => match.replace(/</g, "‹").replace(/>/g, "›"));
}

/** Cuts `text` to at most `maxChars`, on a line boundary when possible, marking the cut. */
export function truncateForPrompt(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastBreak = cut.lastIndexOf("\n");
  return `${lastBreak > maxChars * 0.8 ? cut.slice(0, lastBreak) : cut}\n[… truncated]`;
}

export function dataBlock(name: DataBlockName, content: string): string {
  return `<${name}>\n${neutraliseDelimiters(content.trim())}\n</${name}>`;
}
