/**
 * Decodes a page body to text. The charset comes from, in order: a byte-order mark, the
 * Content-Type header, then a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first
 * 4 KB; UTF-8 otherwise. Decoding goes through iconv-lite, so windows-1252, ISO-8859-x, Shift_JIS,
 * GBK, EUC-KR and friends all work.
 */
import iconv from "iconv-lite";

const sniffBytes = 4096;

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return match?.[1] ? normaliseCharset(match[1]) : null;
}

export function charsetFromBom(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

export function charsetFromMeta(bytes: Buffer): string | null {
  const head = bytes.subarray(0, sniffBytes).toString("latin1");
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1] ? normaliseCharset(direct[1]) : null;
}

/** The charset a body should be decoded with. */
export function detectCharset(contentType: string | null | undefined, bytes: Buffer): string {
  return charsetFromBom(bytes) ?? charsetFromContentType(contentType) ?? charsetFromMeta(bytes) ?? "utf-8";
}

export function decodeBody(bytes: Buffer, contentType: string | null | undefined): string {
  const bom = charsetFromBom(bytes);
  const charset = bom ?? detectCharset(contentType, bytes);
  const usable = iconv.encodingExists(charset) ? charset : "utf-8";
  // iconv-lite strips the BOM by default.
  return iconv.decode(bytes, usable);
}

function normaliseCharset(name: string): string {
  const lower = name.trim().toLowerCase();
  // Browsers treat latin1 / iso-8859-1 / ascii labels as windows-1252 (WHATWG Encoding).
  if (lower === "iso-8859-1" || lower === "latin1" || lower === "us-ascii" || lower === "ascii")
    return "windows-1252";
  if (lower === "x-sjis" || lower === "sjis") return "shift_jis";
  if (lower === "gb2312") return "gbk";
  return lower;
}
