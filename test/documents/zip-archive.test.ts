import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { crc32, readZip, writeZip, zipEntry } from "../../src/documents/zip-archive.js";

const modified = new Date("2025-03-07T10:00:00Z");

describe("zip archive", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("writes archives another ZIP reader opens, with names, contents and dates intact", async () => {
    const long = "<w:p>repeated text compresses well</w:p>".repeat(200);
    const archive = writeZip(
      [
        zipEntry("[Content_Types].xml", "<Types/>"),
        zipEntry("word/document.xml", long),
        zipEntry("docProps/Zoë Łukasz.txt", "Дмитрий"),
        zipEntry("tiny", new Uint8Array([1, 2, 3])),
      ],
      modified,
    );
    const zip = await JSZip.loadAsync(archive);
    expect(Object.keys(zip.files)).toEqual([
      "[Content_Types].xml",
      "word/document.xml",
      "docProps/Zoë Łukasz.txt",
      "tiny",
    ]);
    expect(await zip.file("word/document.xml")?.async("string")).toBe(long);
    expect(await zip.file("docProps/Zoë Łukasz.txt")?.async("string")).toBe("Дмитрий");
    expect([...((await zip.file("tiny")?.async("uint8array")) ?? [])]).toEqual([1, 2, 3]);
    const date = zip.file("tiny")?.date;
    expect(date?.getUTCFullYear()).toBe(2025);
    // Compressible parts are deflated, not stored.
    expect(archive.byteLength).toBeLessThan(long.length / 4);
  });

  it("reads back what it writes, and what JSZip writes stored or deflated", async () => {
    const entries = new Map([
      ["a.xml", "<a>ü</a>".repeat(50)],
      ["folder/b.txt", "b"],
    ]);
    const own = readZip(
      writeZip(
        [...entries].map(([path, text]) => zipEntry(path, text)),
        modified,
      ),
    );
    expect([...own].map(([path, bytes]) => [path, new TextDecoder().decode(bytes)])).toEqual([...entries]);

    for (const compression of ["STORE", "DEFLATE"] as const) {
      const zip = new JSZip();
      zip.folder("folder");
      for (const [path, text] of entries) zip.file(path, text);
      const read = readZip(await zip.generateAsync({ type: "uint8array", compression }));
      expect([...read.keys()].sort()).toEqual([...entries.keys()].sort());
      for (const [path, text] of entries) expect(new TextDecoder().decode(read.get(path))).toBe(text);
    }
  });

  it("refuses bytes that are not a ZIP archive", () => {
    expect(() => readZip(new TextEncoder().encode("not a zip file at all, just some text"))).toThrow(
      /not a ZIP archive/,
    );
  });
});
