/**
 * Removes TrueType hinting from a font file, once per process, before it is parsed for the PDF.
 *
 * Hinting (the `fpgm`, `prep` and `cvt ` programs, the instructions inside each glyph, and the
 * device-metric tables `hdmx`, `LTSH`, `VDMX` computed from them) only helps rasterise at small pixel
 * sizes on screens; PDF viewers scale outlines and mostly ignore it. Every PDF subset copied it, and
 * decoding each glyph's instructions byte by byte was the largest single cost of embedding a font.
 *
 * Flow: read the table directory → rewrite `glyf` without instructions (simple glyphs lose their
 * instruction bytes; composite glyphs lose the WE_HAVE_INSTRUCTIONS flag and the trailing program)
 * with a long `loca` → zero the hinting limits in `maxp` → drop the hinting tables → write the font
 * back with fresh offsets and checksums. Outlines, metrics, cmap and the layout tables (GSUB, GPOS,
 * kern) are copied byte for byte. Anything that is not a plain TrueType font (CFF, collections) is
 * returned unchanged.
 */

interface TableRecord {
  tag: string;
  data: Uint8Array;
}

const trueTypeVersions = new Set([0x00010000, 0x74727565 /* 'true' */]);
const droppedTables = new Set(["fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"]);

// Composite glyph component flags (OpenType `glyf` table).
const argsAreWords = 0x0001;
const haveScale = 0x0008;
const moreComponents = 0x0020;
const haveXYScale = 0x0040;
const haveTwoByTwo = 0x0080;
const haveInstructions = 0x0100;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readTables(font: Uint8Array): TableRecord[] | null {
  if (font.byteLength < 12) return null;
  const data = view(font);
  if (!trueTypeVersions.has(data.getUint32(0))) return null;
  const count = data.getUint16(4);
  const tables: TableRecord[] = [];
  for (let index = 0; index < count; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = data.getUint32(record + 8);
    const length = data.getUint32(record + 12);
    if (offset + length > font.byteLength) throw new Error(`font table ${tag} runs past the end of the file`);
    tables.push({ tag, data: font.subarray(offset, offset + length) });
  }
  return tables;
}

/** One glyph's outline without its instructions (empty input stays empty). */
function glyphWithoutInstructions(glyph: Uint8Array): Uint8Array {
  if (glyph.byteLength === 0) return glyph;
  const data = view(glyph);
  const contours = data.getInt16(0);
  if (contours >= 0) {
    const lengthAt = 10 + contours * 2;
    const instructionLength = data.getUint16(lengthAt);
    const rest = glyph.subarray(lengthAt + 2 + instructionLength);
    const result = new Uint8Array(lengthAt + 2 + rest.byteLength);
    result.set(glyph.subarray(0, lengthAt), 0);
    // The two length bytes stay zero: no instructions.
    result.set(rest, lengthAt + 2);
    return result;
  }
  const result = glyph.slice();
  const out = view(result);
  let position = 10;
  let flags = moreComponents;
  while (flags & moreComponents) {
    flags = out.getUint16(position);
    out.setUint16(position, flags & ~haveInstructions);
    position += 4 + (flags & argsAreWords ? 4 : 2);
    if (flags & haveScale) position += 2;
    else if (flags & haveXYScale) position += 4;
    else if (flags & haveTwoByTwo) position += 8;
  }
  return result.subarray(0, position);
}

/** The `glyf` table without instructions and its matching long-format `loca`. */
function stripGlyphs(
  glyf: Uint8Array,
  loca: Uint8Array,
  longOffsets: boolean,
  glyphCount: number,
): { glyf: Uint8Array; loca: Uint8Array } {
  const locaView = view(loca);
  const offsetAt = (index: number): number =>
    longOffsets ? locaView.getUint32(index * 4) : locaView.getUint16(index * 2) * 2;
  const glyphs: Uint8Array[] = [];
  let total = 0;
  for (let index = 0; index < glyphCount; index++) {
    const glyph = glyphWithoutInstructions(glyf.subarray(offsetAt(index), offsetAt(index + 1)));
    glyphs.push(glyph);
    total += (glyph.byteLength + 3) & ~3;
  }
  const newGlyf = new Uint8Array(total);
  const newLoca = new Uint8Array((glyphCount + 1) * 4);
  const newLocaView = view(newLoca);
  let offset = 0;
  glyphs.forEach((glyph, index) => {
    newLocaView.setUint32(index * 4, offset);
    newGlyf.set(glyph, offset);
    offset += (glyph.byteLength + 3) & ~3;
  });
  newLocaView.setUint32(glyphCount * 4, offset);
  return { glyf: newGlyf, loca: newLoca };
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.byteLength + 3) & ~3);
  padded.set(bytes);
  const data = view(padded);
  let sum = 0;
  for (let position = 0; position < padded.byteLength; position += 4) {
    sum = (sum + data.getUint32(position)) >>> 0;
  }
  return sum;
}

function writeFont(version: number, tables: TableRecord[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const headerSize = 12 + sorted.length * 16;
  let size = headerSize;
  for (const table of sorted) size += (table.data.byteLength + 3) & ~3;
  const font = new Uint8Array(size);
  const data = view(font);
  const power = 2 ** Math.floor(Math.log2(sorted.length));
  data.setUint32(0, version);
  data.setUint16(4, sorted.length);
  data.setUint16(6, power * 16);
  data.setUint16(8, Math.log2(power));
  data.setUint16(10, sorted.length * 16 - power * 16);
  let offset = headerSize;
  let headOffset = -1;
  sorted.forEach((table, index) => {
    const record = 12 + index * 16;
    for (let character = 0; character < 4; character++) {
      data.setUint8(record + character, table.tag.charCodeAt(character));
    }
    data.setUint32(record + 4, checksum(table.data));
    data.setUint32(record + 8, offset);
    data.setUint32(record + 12, table.data.byteLength);
    font.set(table.data, offset);
    if (table.tag === "head") headOffset = offset;
    offset += (table.data.byteLength + 3) & ~3;
  });
  if (headOffset >= 0) data.setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

/** The font without hinting, or the same bytes when it is not a plain TrueType font. */
export function stripFontHinting(font: Uint8Array): Uint8Array {
  const tables = readTables(font);
  if (!tables) return font;
  const find = (tag: string): TableRecord | undefined => tables.find((table) => table.tag === tag);
  const head = find("head");
  const maxp = find("maxp");
  const glyf = find("glyf");
  const loca = find("loca");
  if (!head || !maxp || !glyf || !loca) return font;

  const newHead = head.data.slice();
  const headView = view(newHead);
  const longOffsets = headView.getInt16(50) === 1;
  headView.setInt16(50, 1);
  headView.setUint32(8, 0); // checkSumAdjustment, recomputed when the font is written

  const newMaxp = maxp.data.slice();
  const maxpView = view(newMaxp);
  const glyphCount = maxpView.getUint16(4);
  if (maxpView.getUint32(0) === 0x00010000 && newMaxp.byteLength >= 32) {
    // maxStorage, maxFunctionDefs, maxInstructionDefs, maxStackElements, maxSizeOfInstructions
    for (const field of [18, 20, 22, 24, 26]) maxpView.setUint16(field, 0);
  }

  const glyphs = stripGlyphs(glyf.data, loca.data, longOffsets, glyphCount);
  const replaced: Record<string, Uint8Array> = {
    head: newHead,
    maxp: newMaxp,
    glyf: glyphs.glyf,
    loca: glyphs.loca,
  };
  const kept = tables
    .filter((table) => !droppedTables.has(table.tag))
    .map((table) => ({ tag: table.tag, data: replaced[table.tag] ?? table.data }));
  return writeFont(view(font).getUint32(0), kept);
}
