import { describe, expect, it } from "vitest";
import { buildLetterDocument, renderPdf } from "../../src/documents/index.js";
import {
  bodyOnlyLetter,
  embeddedTrueTypeFonts,
  fixedDate,
  fullLetter,
  longLetter,
  makeJob,
  makeProfile,
  readPdf,
} from "./letter-fixtures.js";

const letter = (
  letterText = fullLetter,
  overrides: Partial<Parameters<typeof buildLetterDocument>[0]> = {},
) =>
  buildLetterDocument({
    job: makeJob(),
    profile: makeProfile(),
    letterText,
    date: fixedDate,
    timeZone: "UTC",
    ...overrides,
  });

/** Whitespace-insensitive, since the PDF wraps lines where it likes. */
const flat = (text: string): string => text.replace(/\s+/g, " ").trim();

function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const index = text.indexOf(part, from);
    expect(index, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = index + part.length;
  }
}

describe("renderPdf", () => {
  it("prints every part of the letter in order on one page", async () => {
    const pdf = await readPdf(await renderPdf(letter()));
    expect(pdf.pages).toHaveLength(1);
    expectInOrder(flat(pdf.text), [
      "Zoë Łukasz-Дмитрий",
      "Berlin · +49 30 1234567 · zoe@example.com",
      "linkedin.com/in/zoe-example · github.com/zoe-example",
      "7 March 2025",
      "Ørsted Digital",
      "Berlin, Germany",
      "Application for Senior Platform Engineer",
      "Dear Hiring Manager,",
      "I am writing to apply for the Senior Platform Engineer role at Ørsted Digital.",
      "cutting release time from days to minutes.",
      "I would welcome the chance to talk about how I can help your team.",
      "Sincerely,",
      "Zoë Łukasz-Дмитрий",
    ]);
    // The writer's own closing and e-mail line are not printed a second time.
    expect(flat(pdf.text).match(/Sincerely/g)).toHaveLength(1);
    expect(flat(pdf.text).match(/zoe@example\.com/g)).toHaveLength(1);
  });

  it("keeps Latin, Greek and Cyrillic names intact in the text layer", async () => {
    const names = "Zoë Łukasz Ørsted Дмитрий Αλέξανδρος Şükrü Nguyễn";
    const pdf = await readPdf(
      await renderPdf(
        letter(`Dear team,\n\nReferences: ${names}.\n\nBest,\nZoë`, {
          profile: makeProfile({ name: names }),
        }),
      ),
    );
    const text = flat(pdf.text).normalize("NFC");
    expect(text).toContain(`References: ${names}.`);
    expect(text.startsWith(names)).toBe(true);
  });

  it("embeds the Unicode TrueType fonts as subsets", async () => {
    const buffer = await renderPdf(letter());
    const fonts = embeddedTrueTypeFonts(buffer);
    expect(fonts.map((name) => name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "DejaVuSerif",
      "DejaVuSerif-Bold",
    ]);
    // None of the 14 standard fonts, which cannot show "Дмитрий".
    expect(buffer.toString("latin1")).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("writes title, author, subject, keywords and the letter's date as metadata", async () => {
    const pdf = await readPdf(await renderPdf(letter()));
    expect(pdf.info).toMatchObject({
      Title: "Cover letter – Zoë Łukasz-Дмитрий – Senior Platform Engineer, Ørsted Digital",
      Author: "Zoë Łukasz-Дмитрий",
      Subject: "Application for Senior Platform Engineer",
      Keywords: "Cover letter, Ørsted Digital, Senior Platform Engineer",
      Creator: "jobpipe",
      CreationDate: "D:20250307100000Z",
      Language: "en-DE",
    });
  });

  it("renders a letter without a profile or a signed name (no author to record)", async () => {
    const bytes = await renderPdf(letter(`${bodyOnlyLetter}\n\nSincerely,`, { profile: null }));
    const pdf = await readPdf(bytes);
    expect(flat(pdf.text)).toContain("Application for Senior Platform Engineer");
    expect(pdf.info.Author).toBeUndefined();
  });

  it("gives the same bytes for the same letter, and honours a creation date passed in", async () => {
    const first = await renderPdf(letter());
    const second = await renderPdf(letter());
    expect(first.equals(second)).toBe(true);
    const dated = await readPdf(
      await renderPdf(letter(), { creationDate: new Date("2024-01-02T03:04:05Z") }),
    );
    expect(dated.info.CreationDate).toBe("D:20240102030405Z");
  });

  it("flows a long letter onto more pages, with numbered footers after the first", async () => {
    const pdf = await readPdf(await renderPdf(letter(longLetter(14))));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    const all = flat(pdf.text);
    expectInOrder(all, [
      ...Array.from({ length: 14 }, (_, index) => `Paragraph ${index + 1}:`),
      "Kind regards,",
      "Zoë Łukasz-Дмитрий",
    ]);
    const last = pdf.pages.length;
    expect(flat(pdf.pages[0] ?? "")).not.toContain("Page 1");
    expect(flat(pdf.pages[last - 1] ?? "")).toContain(`Zoë Łukasz-Дмитрий · Page ${last} of ${last}`);
    // The closing and the name stay together on the last page.
    expect(flat(pdf.pages[last - 1] ?? "")).toMatch(/Kind regards, Zoë Łukasz-Дмитрий/);
  });

  it("wraps long lines inside the margins rather than running off the page", async () => {
    const sentence = "word ".repeat(200).trim();
    const pdf = await readPdf(await renderPdf(letter(`Dear team,\n\n${sentence}\n\nBest,\nZoë`)));
    const bodyLines = (pdf.pages[0] ?? "").split("\n").filter((line) => line.startsWith("word"));
    expect(bodyLines.length).toBeGreaterThan(5);
    for (const line of bodyLines) expect(line.length).toBeLessThan(100);
  });

  it("uses Letter paper for US postings and A4 elsewhere", async () => {
    const pageSize = (buffer: Buffer) =>
      /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(buffer.toString("latin1"))?.slice(1);
    expect(pageSize(await renderPdf(letter()))).toEqual(["595.28", "841.89"]);
    const us = letter(fullLetter, { job: makeJob({ location: "Austin, TX" }) });
    expect(pageSize(await renderPdf(us))).toEqual(["612", "792"]);
  });

  it("reports a missing font as a PDF render error", async () => {
    await expect(renderPdf(letter(), { fontPath: "/nonexistent/font.ttf" })).rejects.toMatchObject({
      code: "JOBPIPE_ERR_PDF_RENDER",
    });
  });
});
