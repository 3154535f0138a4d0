import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/index.js";
import { documentFileName } from "../../src/documents/index.js";
import { saveDocumentFile } from "../../src/store/document-files.js";

let dataDir: string;
let outside: string;

beforeEach(async () => {
  const root = await mkdtemp(path.join(tmpdir(), "jobpipe-docs-"));
  dataDir = path.join(root, "data");
  outside = path.join(root, "outside");
  await mkdir(dataDir);
  await mkdir(outside);
});

afterEach(async () => {
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

const save = (overrides: Partial<Parameters<typeof saveDocumentFile>[0]> = {}) =>
  saveDocumentFile({
    dataDir,
    applicationId: "app_123",
    letterVersion: 2,
    fileName: "Acme_Engineer_Cover_Letter.pdf",
    content: Buffer.from("%PDF-1.7 test"),
    ...overrides,
  });

describe("saveDocumentFile", () => {
  it("writes under documents/<application>/v<version>/ and returns the absolute path", async () => {
    const saved = await save();
    expect(path.isAbsolute(saved)).toBe(true);
    const realDataDir = await realpath(dataDir);
    expect(saved).toBe(
      path.join(realDataDir, "documents", "app_123", "v2", "Acme_Engineer_Cover_Letter.pdf"),
    );
    expect(await readFile(saved, "utf8")).toBe("%PDF-1.7 test");
    // No temporary file is left beside it.
    expect(await readdir(path.dirname(saved))).toEqual(["Acme_Engineer_Cover_Letter.pdf"]);
  });

  it("replaces an earlier file of the same version whole", async () => {
    await save({ content: Buffer.from("old") });
    const saved = await save({ content: Buffer.from("new and longer") });
    expect(await readFile(saved, "utf8")).toBe("new and longer");
  });

  it("keeps hostile titles inside the data dir once named by documentFileName", async () => {
    for (const title of ["../../etc/passwd", "..\\..\\windows", "<script>x</script>", "a\u0000b\u001b[31m"]) {
      const saved = await save({ fileName: documentFileName("../..", title, "pdf") });
      expect(path.relative(dataDir, saved).startsWith("..")).toBe(false);
      expect(path.dirname(saved).endsWith(path.join("documents", "app_123", "v2"))).toBe(true);
    }
    expect(await readdir(outside)).toEqual([]);
  });

  it.each([
    ["fileName", "../escape.pdf"],
    ["fileName", "sub/dir.pdf"],
    ["fileName", ".."],
    ["fileName", ".hidden"],
    ["fileName", "nul\u0000.pdf"],
    ["applicationId", "../other"],
    ["applicationId", ""],
    ["applicationId", "a/b"],
    ["letterVersion", 0],
    ["letterVersion", 1.5],
  ])("refuses a hostile %s %j", async (field, value) => {
    const attempt = save({ [field]: value });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "JOBPIPE_ERR_INVALID_INPUT" });
    expect(await readdir(outside)).toEqual([]);
  });

  it("refuses to follow a symlink out of the data dir", async () => {
    await symlink(outside, path.join(dataDir, "documents"));
    await expect(save()).rejects.toMatchObject({ code: "JOBPIPE_ERR_INVALID_INPUT" });
    // Nothing at all is created on the far side of the link.
    expect(await readdir(outside)).toEqual([]);
  });
});
