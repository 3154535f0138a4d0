import { describe, expect, it } from "vitest";
import { buildLetterDocument, renderDocx } from "../../src/documents/index.js";
import { fixedDate, fullLetter, longLetter, makeJob, makeProfile, readDocx } from "./letter-fixtures.js";

const letter = (letterText = fullLetter) =>
  buildLetterDocument({
    job: makeJob(),
    profile: makeProfile(),
    letterText,
    date: fixedDate,
    timeZone: "UTC",
  });

describe("renderDocx", () => {
  it("writes every part of the letter, in order, each in its named style", async () => {
    const docx = await readDocx(await renderDocx(letter()));
    expect(docx.paragraphs.map((paragraph) => paragraph.style)).toEqual([
      "SenderName",
      "SenderContact",
      "Date",
      "Recipient",
      "Subject",
      "Salutation",
      "BodyText",
      "BodyText",
      "BodyText",
      "Closing",
      "Signature",
    ]);
    expect(docx.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "Zoë Łukasz-Дмитрий",
      "Berlin · +49 30 1234567 · zoe@example.com\nlinkedin.com/in/zoe-example · github.com/zoe-example",
      "7 March 2025",
      "Ørsted Digital\nBerlin, Germany",
      "Application for Senior Platform Engineer",
      "Dear Hiring Manager,",
      expect.stringMatching(/^I am writing to apply/),
      expect.stringMatching(/^At my current employer/),
      "I would welcome the chance to talk about how I can help your team.",
      "Sincerely,",
      "Zoë Łukasz-Дмитрий",
    ]);
  });

  it("defines the styles it uses, with human names, in styles.xml", async () => {
    const { stylesXml } = await readDocx(await renderDocx(letter()));
    for (const [id, name] of [
      ["SenderName", "Sender Name"],
      ["BodyText", "Body Text"],
      ["Closing", "Closing"],
      ["Signature", "Signature"],
      ["Subject", "Subject"],
    ]) {
      expect(stylesXml).toMatch(
        new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>\\s*<w:name w:val="${name}"/>`),
      );
    }
    // The text language follows the letter's locale, so spell-checking works.
    expect(stylesXml).toContain('<w:lang w:val="en-DE"/>');
  });

  it("sets the document properties", async () => {
    const { coreXml } = await readDocx(await renderDocx(letter()));
    expect(coreXml).toContain(
      "<dc:title>Cover letter – Zoë Łukasz-Дмитрий – Senior Platform Engineer, Ørsted Digital</dc:title>",
    );
    expect(coreXml).toContain("<dc:creator>Zoë Łukasz-Дмитрий</dc:creator>");
    expect(coreXml).toContain("<dc:subject>Application for Senior Platform Engineer</dc:subject>");
  });

  it("escapes markup in the text rather than injecting it", async () => {
    const hostile = buildLetterDocument({
      job: makeJob({ title: "<w:p>Engineer</w:p> & <script>" }),
      profile: makeProfile(),
      letterText: "Dear team,\n\nI write </w:t></w:r> & more.\n\nThanks,\nZoë",
      date: fixedDate,
    });
    const docx = await readDocx(await renderDocx(hostile));
    expect(docx.paragraphs.find((paragraph) => paragraph.style === "Subject")?.text).toBe(
      "Application for <w:p>Engineer</w:p> & <script>",
    );
    expect(docx.paragraphs.find((paragraph) => paragraph.style === "BodyText")?.text).toBe(
      "I write </w:t></w:r> & more.",
    );
  });

  it("renders list items as bulleted paragraphs and adds a footer for later pages", async () => {
    const docx = await readDocx(
      await renderDocx(letter("Dear team,\n\nI bring:\n- Go\n- Rust\n\nThanks,\nZoë")),
    );
    const bullets = docx.paragraphs.filter((paragraph) => paragraph.style === "ListBullet");
    expect(bullets.map((paragraph) => paragraph.text)).toEqual(["Go", "Rust"]);
    // The bullet comes from the List Bullet style itself, so Word continues the list on Enter.
    expect(docx.stylesXml).toMatch(
      /<w:style [^>]*w:styleId="ListBullet"[^>]*>(?:(?!<\/w:style>)[\s\S])*<w:numPr>/,
    );
    expect(docx.documentXml.match(/<w:pStyle /g)?.length).toBe(docx.paragraphs.length);
    expect(docx.documentXml).toContain("<w:titlePg/>");
  });

  it("uses Letter paper for US postings and A4 elsewhere", async () => {
    const us = buildLetterDocument({
      job: makeJob({ location: "New York, NY" }),
      profile: null,
      letterText: longLetter(2),
      date: fixedDate,
    });
    expect((await readDocx(await renderDocx(us))).documentXml).toContain('<w:pgSz w:w="12240" w:h="15840"');
    expect((await readDocx(await renderDocx(letter()))).documentXml).toContain(
      '<w:pgSz w:w="11906" w:h="16838"',
    );
  });
});
