/**
 * `<Company>_<Title>_Cover_Letter.<ext>`, safe on every file system and still readable: Unicode
 * letters stay ("Ørsted_Ingeniør_Cover_Letter.pdf"); separators, "..", control and invisible
 * characters, shell and Windows-reserved characters become "_"; a Windows device name (CON, NUL…)
 * never starts the name; the whole name stays within 200 UTF-8 bytes.
 */

/** Bytes a part may take, so two parts plus the suffix stay well under the usual 255-byte limit. */
const maxPartBytes = 80;
const suffix = "Cover_Letter";
const windowsReserved = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cuts at whole characters (and whole letter-plus-accent clusters) to fit `maxBytes`. */
function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let result = "";
  for (const { segment } of segmenter.segment(text)) {
    if (utf8Length(result + segment) > maxBytes) break;
    result += segment;
  }
  return result;
}

/** One readable, safe part of a file name, or null when nothing usable is left. */
export function fileNamePart(value: string | null | undefined): string | null {
  if (!value) return null;
  const safe = value
    .normalize("NFC")
    // Anything but letters, accents, digits, "-" and "." (control, bidi, slashes, quotes, spaces…).
    .replace(/[^\p{L}\p{M}\p{N}.-]+/gu, "_")
    // No "..", no leading or trailing dots, dashes or underscores.
    .replace(/\.{2,}/gu, ".")
    .replace(/[_.-]*_[_.-]*/gu, "_")
    .replace(/^[_.-]+|[_.-]+$/gu, "");
  const truncated = truncateBytes(safe, maxPartBytes).replace(/[_.-]+$/u, "");
  return truncated === "" ? null : truncated;
}

export function documentFileName(
  company: string | null,
  title: string | null,
  extension: "docx" | "pdf",
): string {
  const parts = [fileNamePart(company), fileNamePart(title)].filter((part): part is string => part !== null);
  let stem = [...parts, suffix].join("_");
  // Windows treats "CON.x_…" as the device CON: the part before the first dot must not be reserved.
  const device = stem.split(".")[0] ?? "";
  if (windowsReserved.test(device)) stem = `_${stem}`;
  return `${stem}.${extension}`;
}
