import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { buildLetterDocument, renderPdf } from "../../src/documents/index.js";
import { stripFontHinting } from "../../src/documents/strip-font-hinting.js";
import {
  embeddedFontPrograms,
  fixedDate,
  fullLetter,
  makeJob,
  makeProfile,
  readPdf,
} from "./letter-fixtures.js";

const require = createRequire(import.meta.url);
const dejaVu = (file: string): Buffer => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/** fontkit's view of a font, as far as these tests read it. */
interface ParsedFont {
  numGlyphs: number;
  directory: { tables: Record<string, unknown> };
  glyphsForString(text: string): Array<{
    id: number;
    advanceWidth: number;
    path: { toSVG(): string };
    bbox: { minX: number; maxX: number };
  }>;
}
const parse = (bytes: Uint8Array): ParsedFont => fontkit.create(bytes) as unknown as ParsedFont;

const names = "Zoë Łukasz Ørsted Дмитрий Αλέξανδρος Çağrı ñ ß æ œ fi ﬁ";

describe("stripFontHinting", () => {
  for (const file of ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"]) {
    it(`drops the hinting tables of ${file} and keeps every outline and width`, () => {
      const original = dejaVu(file);
      const stripped = stripFontHinting(original);
      expect(stripped.byteLength).toBeLessThan(original.byteLength);

      const before = parse(original);
      const after = parse(stripped);
      for (const tag of ["fpgm", "prep", "cvt ", "hdmx"])
        expect(after.directory.tables).not.toHaveProperty(tag);
      for (const tag of ["glyf", "loca", "cmap", "hmtx", "GSUB", "GPOS", "name", "OS/2"]) {
        expect(after.directory.tables).toHaveProperty([tag]);
      }
      expect(after.numGlyphs).toBe(before.numGlyphs);

      const glyphsBefore = before.glyphsForString(names);
      const glyphsAfter = after.glyphsForString(names);
      expect(glyphsAfter.map((glyph) => glyph.id)).toEqual(glyphsBefore.map((glyph) => glyph.id));
      glyphsAfter.forEach((glyph, index) => {
        const expected = glyphsBefore[index];
        expect(glyph.advanceWidth).toBe(expected?.advanceWidth);
        expect(glyph.path.toSVG()).toBe(expected?.path.toSVG());
      });
      // The letters themselves have outlines (not blank boxes).
      expect(glyphsAfter.filter((glyph) => glyph.path.toSVG().length > 20).length).toBeGreaterThan(30);
    });
  }

  it("keeps the outline of every glyph in the font, simple and composite alike", () => {
    const original = dejaVu("DejaVuSerif.ttf");
    const before = parse(original) as unknown as { getGlyph(id: number): { path: { toSVG(): string } } };
    const after = parse(stripFontHinting(original)) as unknown as typeof before;
    const count = parse(original).numGlyphs;
    for (let id = 0; id < count; id++) {
      expect(after.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(before.getGlyph(id).path.toSVG());
    }
  });

  it("leaves no instructions in any glyph", () => {
    const font = Buffer.from(stripFontHinting(dejaVu("DejaVuSerif.ttf")));
    const tables = new Map<string, number>();
    for (let index = 0; index < font.readUInt16BE(4); index++) {
      const record = 12 + index * 16;
      tables.set(font.toString("latin1", record, record + 4), font.readUInt32BE(record + 8));
    }
    const [glyf, loca, head, maxp] = ["glyf", "loca", "head", "maxp"].map((tag) => tables.get(tag) ?? -1);
    expect(font.readInt16BE((head ?? 0) + 50)).toBe(1); // long loca offsets
    let simple = 0;
    let composite = 0;
    for (let id = 0; id < font.readUInt16BE((maxp ?? 0) + 4); id++) {
      const start = (glyf ?? 0) + font.readUInt32BE((loca ?? 0) + id * 4);
      if (start === (glyf ?? 0) + font.readUInt32BE((loca ?? 0) + id * 4 + 4)) continue;
      const contours = font.readInt16BE(start);
      if (contours >= 0) {
        simple++;
        expect(font.readUInt16BE(start + 10 + contours * 2), `glyph ${id}`).toBe(0);
        continue;
      }
      composite++;
      let position = start + 10;
      let flags = 0x20;
      while (flags & 0x20) {
        flags = font.readUInt16BE(position);
        expect(flags & 0x100, `glyph ${id}`).toBe(0);
        position += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      }
    }
    expect(simple).toBeGreaterThan(1000);
    expect(composite).toBeGreaterThan(1000);
  });

  it("returns anything that is not a plain TrueType font unchanged", () => {
    const notAFont = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(stripFontHinting(notAFont)).toBe(notAFont);
    const cff = new Uint8Array(64);
    cff.set([0x4f, 0x54, 0x54, 0x4f]); // 'OTTO'
    expect(stripFontHinting(cff)).toBe(cff);
    const collection = new Uint8Array(64);
    collection.set([0x74, 0x74, 0x63, 0x66]); // 'ttcf'
    expect(stripFontHinting(collection)).toBe(collection);
  });

  it("gives PDFs whose embedded subsets carry no hinting and still print the Unicode names", async () => {
    const letter = buildLetterDocument({
      job: makeJob({ company: "Ørsted Digital" }),
      profile: makeProfile({ name: "Zoë Łukasz-Дмитрий" }),
      letterText: fullLetter.replace(
        "I would welcome",
        "Αλέξανδρος and Дмитрий send their regards.\n\nI would welcome",
      ),
      date: fixedDate,
      timeZone: "UTC",
    });
    const pdf = await renderPdf(letter);
    const programs = embeddedFontPrograms(pdf);
    expect(programs).toHaveLength(2);
    for (const program of programs) {
      const font = parse(program);
      for (const tag of ["fpgm", "prep", "cvt "]) expect(font.directory.tables).not.toHaveProperty(tag);
      expect(font.directory.tables).toHaveProperty("glyf");
      expect(font.numGlyphs).toBeGreaterThan(10);
    }
    const { text } = await readPdf(pdf);
    for (const name of ["Zoë Łukasz-Дмитрий", "Ørsted Digital", "Αλέξανδρος", "Дмитрий"]) {
      expect(text).toContain(name);
    }
  });
});
