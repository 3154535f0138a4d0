import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { type LaidOutRun, withLayoutCache } from "../../src/documents/layout-cache.js";

const require = createRequire(import.meta.url);
const font = fontkit.create(readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif.ttf")));

type Layout = (text: string, features?: unknown) => LaidOutRun;
const layoutOf = (subject: fontkit.Font): Layout => subject.layout.bind(subject) as unknown as Layout;
const plain = layoutOf(font);

function summary(run: LaidOutRun): { glyphs: number[]; positions: unknown[]; width: number } {
  return {
    glyphs: run.glyphs.map((glyph) => (glyph as { id: number }).id),
    positions: run.positions.map((position) => ({ ...position })),
    width: run.advanceWidth,
  };
}

describe("withLayoutCache", () => {
  it("lays out text exactly as the font does, first time and when remembered", () => {
    const cached = layoutOf(withLayoutCache(font));
    // "AV" and "To" kern; "ffi" may form a ligature; the rest is Unicode from the letters.
    for (const text of ["AVATAR ", "Today ", "office ", "Zoë ", "Łukasz-Дмитрий ", "Ørsted", "Αλέξανδρος "]) {
      const expected = summary(plain(text));
      expect(summary(cached(text))).toEqual(expected);
      expect(summary(cached(text))).toEqual(expected);
    }
  });

  it("hands out fresh positions, so a caller scaling them in place (as PDFKit does) changes nothing later", () => {
    const cached = layoutOf(withLayoutCache(font));
    const first = cached("Wave ");
    const width = first.advanceWidth;
    for (const position of first.positions) position.xAdvance *= 0.01;
    expect(first.advanceWidth).toBeCloseTo(width * 0.01);
    expect(cached("Wave ").advanceWidth).toBe(width);
  });

  it("passes calls with features straight to the font", () => {
    const cached = layoutOf(withLayoutCache(font));
    const features = { kern: false };
    expect(summary(cached("AVATAR", features))).toEqual(summary(plain("AVATAR", features)));
    expect(summary(cached("AVATAR"))).toEqual(summary(plain("AVATAR")));
  });

  it("stays correct when its bounded memory fills and starts again", () => {
    const cached = layoutOf(withLayoutCache(font, 2));
    for (const text of ["one ", "two ", "three ", "one ", "four ", "two "]) {
      expect(summary(cached(text))).toEqual(summary(plain(text)));
    }
  });

  it("leaves the rest of the font untouched", () => {
    const cached = withLayoutCache(font) as unknown as { postscriptName: string; unitsPerEm: number };
    expect(cached.postscriptName).toBe("DejaVuSerif");
    expect(cached.unitsPerEm).toBe((font as unknown as { unitsPerEm: number }).unitsPerEm);
  });
});
