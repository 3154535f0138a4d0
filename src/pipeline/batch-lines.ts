/** A pasted list of postings: one URL a line; blank lines and `#` comments are skipped. */

export interface BatchLine {
  /** 1-based line number in the input, for messages. */
  line: number;
  url: string;
}

export function parseBatchLines(text: string): BatchLine[] {
  const lines: BatchLine[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n|\r/)
    .forEach((raw, index) => {
      const url = raw.trim();
      if (url === "" || url.startsWith("#")) return;
      lines.push({ line: index + 1, url });
    });
  return lines;
}
