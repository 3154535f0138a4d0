/**
 * The small part of the ZIP format a DOCX needs: write an archive from entries (each deflated, or
 * deflated once and reused), and read one back into its files.
 *
 * Entries are prepared separately from writing so the parts of a DOCX that never change can be
 * compressed once per process and copied into every letter. No ZIP64, no encryption, no comments;
 * reading accepts stored and deflated entries, which is what Word, LibreOffice and docx write.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** One file, compressed and checksummed, ready to be written into any number of archives. */
export interface ZipEntry {
  readonly path: string;
  readonly name: Uint8Array;
  readonly crc32: number;
  readonly size: number;
  readonly method: 0 | 8;
  readonly data: Uint8Array;
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) {
    crc = (crcTable[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();

/** Compresses one file for the archive; text is written as UTF-8. */
export function zipEntry(path: string, content: string | Uint8Array): ZipEntry {
  const bytes = typeof content === "string" ? encoder.encode(content) : content;
  const deflated = deflateRawSync(bytes);
  const stored = deflated.byteLength >= bytes.byteLength;
  return {
    path,
    name: encoder.encode(path),
    crc32: crc32(bytes),
    size: bytes.byteLength,
    method: stored ? 0 : 8,
    data: stored ? bytes : deflated,
  };
}

/** MS-DOS date and time, the only timestamps a plain ZIP header holds (two-second resolution). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

const utf8NameFlag = 0x0800;

/** The archive holding `entries` in order, each stamped with `modified`. */
export function writeZip(entries: readonly ZipEntry[], modified: Date): Buffer {
  const stamp = dosDateTime(modified);
  let localSize = 0;
  let centralSize = 0;
  for (const entry of entries) {
    localSize += 30 + entry.name.byteLength + entry.data.byteLength;
    centralSize += 46 + entry.name.byteLength;
  }
  const archive = Buffer.alloc(localSize + centralSize + 22);
  let local = 0;
  let central = localSize;
  for (const entry of entries) {
    const offset = local;
    archive.writeUInt32LE(0x04034b50, local);
    archive.writeUInt16LE(20, local + 4);
    archive.writeUInt16LE(utf8NameFlag, local + 6);
    archive.writeUInt16LE(entry.method, local + 8);
    archive.writeUInt16LE(stamp.time, local + 10);
    archive.writeUInt16LE(stamp.date, local + 12);
    archive.writeUInt32LE(entry.crc32, local + 14);
    archive.writeUInt32LE(entry.data.byteLength, local + 18);
    archive.writeUInt32LE(entry.size, local + 22);
    archive.writeUInt16LE(entry.name.byteLength, local + 26);
    archive.writeUInt16LE(0, local + 28);
    archive.set(entry.name, local + 30);
    archive.set(entry.data, local + 30 + entry.name.byteLength);
    local += 30 + entry.name.byteLength + entry.data.byteLength;

    archive.writeUInt32LE(0x02014b50, central);
    archive.writeUInt16LE(20, central + 4);
    archive.writeUInt16LE(20, central + 6);
    archive.writeUInt16LE(utf8NameFlag, central + 8);
    archive.writeUInt16LE(entry.method, central + 10);
    archive.writeUInt16LE(stamp.time, central + 12);
    archive.writeUInt16LE(stamp.date, central + 14);
    archive.writeUInt32LE(entry.crc32, central + 16);
    archive.writeUInt32LE(entry.data.byteLength, central + 20);
    archive.writeUInt32LE(entry.size, central + 24);
    archive.writeUInt16LE(entry.name.byteLength, central + 28);
    // extra length, comment length, disk number, internal and external attributes stay zero
    archive.writeUInt32LE(offset, central + 42);
    archive.set(entry.name, central + 46);
    central += 46 + entry.name.byteLength;
  }
  archive.writeUInt32LE(0x06054b50, central);
  archive.writeUInt16LE(entries.length, central + 8);
  archive.writeUInt16LE(entries.length, central + 10);
  archive.writeUInt32LE(centralSize, central + 12);
  archive.writeUInt32LE(localSize, central + 16);
  return archive;
}

/** The files in an archive by path, in the archive's order (folders left out). */
export function readZip(archive: Uint8Array): Map<string, Uint8Array> {
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = bytes.byteLength - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a ZIP archive: no end of central directory");
  const count = bytes.readUInt16LE(end + 10);
  let central = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    if (bytes.readUInt32LE(central) !== 0x02014b50) throw new Error("ZIP central directory is damaged");
    const method = bytes.readUInt16LE(central + 10);
    const compressedSize = bytes.readUInt32LE(central + 20);
    const size = bytes.readUInt32LE(central + 24);
    const nameLength = bytes.readUInt16LE(central + 28);
    const skip = nameLength + bytes.readUInt16LE(central + 30) + bytes.readUInt16LE(central + 32);
    const offset = bytes.readUInt32LE(central + 42);
    const path = bytes.toString("utf8", central + 46, central + 46 + nameLength);
    central += 46 + skip;
    if (path.endsWith("/")) continue;
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    const data = bytes.subarray(start, start + compressedSize);
    let content: Uint8Array;
    if (method === 0) content = Uint8Array.from(data);
    else if (method === 8) content = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
    else throw new Error(`ZIP entry ${path} uses unsupported compression method ${method}`);
    if (content.byteLength !== size) throw new Error(`ZIP entry ${path} is not the size the archive gives`);
    files.set(path, content);
  }
  return files;
}
