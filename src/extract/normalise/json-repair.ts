/**
 * Lenient JSON for the blobs pages embed: tries strict JSON first, then repairs the usual damage —
 * CDATA wrappers, HTML and JS comments, raw control characters inside strings, trailing commas,
 * entity-encoded quotes, a trailing semicolon — and tries again. Returns undefined when hopeless.
 */
import { decodeEntities } from "./text.js";

export function parseLooseJson(text: string): unknown {
  const attempt = tryParse(text);
  if (attempt.ok) return attempt.value;
  const cleaned = repair(stripWrappers(text));
  const second = tryParse(cleaned);
  if (second.ok) return second.value;
  if (/&(quot|#34|#x22);/i.test(cleaned)) {
    const decoded = tryParse(repair(decodeEntities(cleaned)));
    if (decoded.ok) return decoded.value;
  }
  return undefined;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function stripWrappers(text: string): string {
  return text
    .trim()
    .replace(/^\s*\/\/\s*<!\[CDATA\[/, "")
    .replace(/\/\/\s*\]\]>\s*$/, "")
    .replace(/^\s*<!\[CDATA\[/, "")
    .replace(/\]\]>\s*$/, "")
    .replace(/^\s*<!--/, "")
    .replace(/-->\s*$/, "")
    .replace(/;\s*$/, "")
    .trim();
}

/** One pass over the text that knows when it is inside a string. */
function repair(text: string): string {
  let out = "";
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (inString) {
      if (char === "\\") {
        out += char + (text[index + 1] ?? "");
        index++;
        continue;
      }
      if (char === '"') {
        inString = false;
        out += char;
        continue;
      }
      const code = char.charCodeAt(0);
      if (code < 0x20) {
        out +=
          char === "\n"
            ? "\\n"
            : char === "\r"
              ? "\\r"
              : char === "\t"
                ? "\\t"
                : `\\u${code.toString(16).padStart(4, "0")}`;
        continue;
      }
      out += char;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
      continue;
    }
    if (char === "/" && text[index + 1] === "/") {
      const end = text.indexOf("\n", index);
      index = end === -1 ? text.length : end - 1;
      continue;
    }
    if (char === "/" && text[index + 1] === "*") {
      const end = text.indexOf("*/", index + 2);
      index = end === -1 ? text.length : end + 1;
      continue;
    }
    if (char === "<" && text.startsWith("<!--", index)) {
      const end = text.indexOf("-->", index);
      index = end === -1 ? text.length : end + 2;
      continue;
    }
    if (char === ",") {
      const rest = /^\s*([}\]])/.exec(text.slice(index + 1, index + 200));
      if (rest) continue;
    }
    out += char;
  }
  return out;
}
