import { describe, expect, it } from "vitest";
import { documentFileName } from "../../src/documents/index.js";

describe("documentFileName", () => {
  it("joins company, title and the suffix with underscores", () => {
    expect(documentFileName("Acme Corp", "Senior Engineer (Backend)", "pdf")).toBe(
      "Acme_Corp_Senior_Engineer_Backend_Cover_Letter.pdf",
    );
    expect(documentFileName("Acme", "Node.js Developer", "docx")).toBe(
      "Acme_Node.js_Developer_Cover_Letter.docx",
    );
  });

  it("keeps Unicode letters readable", () => {
    expect(documentFileName("Ørsted", "Ingeniør – Zoë's team", "pdf")).toBe(
      "Ørsted_Ingeniør_Zoë_s_team_Cover_Letter.pdf",
    );
    expect(documentFileName("Яндекс", "Разработчик", "docx")).toBe("Яндекс_Разработчик_Cover_Letter.docx");
  });

  it("falls back to the suffix alone when company and title are missing or empty", () => {
    expect(documentFileName(null, null, "pdf")).toBe("Cover_Letter.pdf");
    expect(documentFileName("///", "  ", "docx")).toBe("Cover_Letter.docx");
    expect(documentFileName("Acme", null, "pdf")).toBe("Acme_Cover_Letter.pdf");
  });

  it.each([
    ["../../etc/passwd", "x"],
    ["..", ".."],
    ["a/../../b", "c\\..\\d"],
    ["evil\u0000name\u0007", "line\nbreak\rtab\t"],
    ["<script>alert(1)</script>", 'quote"s:*?|'],
    ["right\u202eto\u200bleft", "fine"],
  ])("makes hostile names safe: %j / %j", (company, title) => {
    const name = documentFileName(company, title, "pdf");
    expect(name).not.toMatch(/[/\\<>:"|?*]/);
    expect(name).not.toContain("..");
    expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(name.startsWith(".")).toBe(false);
    expect(name).toMatch(/(?:^|_)Cover_Letter\.pdf$/u);
  });

  it("never starts with a Windows device name", () => {
    expect(documentFileName("CON", null, "pdf")).toBe("CON_Cover_Letter.pdf");
    const dotted = documentFileName("con.x", "y", "pdf");
    expect(dotted.split(".")[0]?.toLowerCase()).not.toBe("con");
    expect(dotted).toBe("_con.x_y_Cover_Letter.pdf");
  });

  it("caps the length in bytes without splitting characters", () => {
    const name = documentFileName("漢".repeat(200), "É".repeat(300), "docx");
    expect(Buffer.byteLength(name, "utf8")).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^漢+_É+_Cover_Letter\.docx$/u);
    expect(name).not.toContain("\ufffd");
  });
});
