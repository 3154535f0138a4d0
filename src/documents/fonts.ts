/**
 * Where the PDF renderer's fonts live. The Unicode text fonts (DejaVu Serif, covering Latin, Greek
 * and Cyrillic) ship in the `dejavu-fonts-ttf` npm package, so `npm ci` alone is enough. CJK needs a
 * much larger font; it is taken from the caller's path, else from a few well-known system locations
 * (Debian's fonts-noto-cjk, fonts-wqy-zenhei, macOS), else CJK characters are left to the text font.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

export interface PdfFontPaths {
  fontPath: string;
  boldFontPath: string;
  /** A TTF, OTF or TTC with CJK glyphs, or null when none is known. */
  cjkFontPath: string | null;
  /** For a TTC, the PostScript name of the face to use (e.g. "NotoSerifCJKjp-Regular"). */
  cjkFontFamily?: string | null;
}

const require = createRequire(import.meta.url);

function packagedFont(fileName: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${fileName}`);
}

/** Known system CJK fonts, most letter-like first, with the face to pick from a collection. */
const systemCjkFonts: ReadonlyArray<readonly [string, string | null]> = [
  ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "NotoSerifCJKjp-Regular"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular"],
  ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYiZenHei"],
  ["/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN"],
  ["/System/Library/Fonts/Supplemental/Arial Unicode.ttf", null],
];

/** The first CJK font found on this machine, or null. */
export function findSystemCjkFont(): { path: string; family: string | null } | null {
  for (const [path, family] of systemCjkFonts) {
    if (existsSync(path)) return { path, family };
  }
  return null;
}

let cached: PdfFontPaths | null = null;

/**
 * The default font paths: DejaVu Serif from the npm package, and a system CJK font when there is one
 * (or `cjkFontPath` when given, e.g. from configuration).
 */
export function defaultPdfFontPaths(cjkFontPath?: string | null): PdfFontPaths {
  if (cjkFontPath) {
    return { ...defaultPdfFontPaths(), cjkFontPath, cjkFontFamily: null };
  }
  if (cached === null) {
    const systemCjk = findSystemCjkFont();
    cached = {
      fontPath: packagedFont("DejaVuSerif.ttf"),
      boldFontPath: packagedFont("DejaVuSerif-Bold.ttf"),
      cjkFontPath: systemCjk?.path ?? null,
      cjkFontFamily: systemCjk?.family ?? null,
    };
  }
  return cached;
}
