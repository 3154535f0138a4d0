/**
 * A parsed font whose text layout (shaping: glyph choice, ligatures, kerning) is remembered across
 * documents.
 *
 * PDFKit measures and shapes text one word at a time and caches the result, but only for one
 * document. Shaping a word through GSUB and GPOS costs tens of microseconds, and a letter has a few
 * hundred words, most of which ("the", "and", "experience ") recur in every letter. So the font handed
 * to PDFKit is the parsed fontkit font behind a proxy whose `layout` looks the word up first.
 *
 * PDFKit scales the returned positions in place, so every call gets fresh position objects; glyphs,
 * which it only reads, are shared. Calls with extra arguments (features, script, direction) are not
 * cached. The cache is bounded: when full it starts again, which costs one re-shaping of each word.
 */
import type * as fontkit from "fontkit";

export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** What fontkit's `layout` returns, as far as PDFKit reads it. */
export interface LaidOutRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

interface CachedRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
}

/** A run PDFKit may scale: fresh positions, total width summed from them as fontkit's GlyphRun does. */
class CopiedRun implements LaidOutRun {
  readonly glyphs: unknown[];
  readonly positions: GlyphPosition[];

  constructor(cached: CachedRun) {
    this.glyphs = cached.glyphs;
    this.positions = cached.positions.map((position) => ({
      xAdvance: position.xAdvance,
      yAdvance: position.yAdvance,
      xOffset: position.xOffset,
      yOffset: position.yOffset,
    }));
  }

  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

export const defaultLayoutCacheSize = 20_000;

/** `font` with a process-wide memory of laid-out text; everything else passes through untouched. */
export function withLayoutCache(font: fontkit.Font, maxEntries = defaultLayoutCacheSize): fontkit.Font {
  const layout = font.layout.bind(font) as (text: string, ...rest: unknown[]) => LaidOutRun;
  const cache = new Map<string, CachedRun>();

  const cachedLayout = (text: string, ...rest: unknown[]): LaidOutRun => {
    if (rest.some((argument) => argument !== undefined)) return layout(text, ...rest);
    let cached = cache.get(text);
    if (!cached) {
      const run = layout(text);
      cached = { glyphs: [...run.glyphs], positions: new CopiedRun(run).positions };
      if (cache.size >= maxEntries) cache.clear();
      cache.set(text, cached);
    }
    return new CopiedRun(cached);
  };

  return new Proxy(font, {
    get(target, property) {
      if (property === "layout") return cachedLayout;
      return Reflect.get(target, property, target);
    },
  });
}
