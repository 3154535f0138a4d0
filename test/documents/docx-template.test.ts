import { Packer } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  type BuildLetterDocumentInput,
  buildDocx,
  buildLetterDocument,
  renderDocx,
} from "../../src/documents/index.js";
import {
  bodyOnlyLetter,
  fixedDate,
  fullLetter,
  longLetter,
  makeJob,
  makeProfile,
} from "./letter-fixtures.js";

async function parts(docx: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const files = new Map<string, string>();
  for (const [path, file] of Object.entries(zip.files)) {
    if (!file.dir) files.set(path, await file.async("string"));
  }
  return files;
}

const withoutDates = (coreXml: string | undefined): string | undefined =>
  coreXml?.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*/g, "$1");

const letters: Array<[string, Partial<BuildLetterDocumentInput>]> = [
  ["a full letter", {}],
  [
    "markup, quotes and bullets",
    {
      job: makeJob({ title: `R&D <Lead> "Platform" 'Core'`, company: "Smith & Sons <GmbH>" }),
      letterText: `Dear team,\n\nWhat I bring:\n\n- Ten years of <b>Go</b> & Rust\n- On-call "calm"\n\nAnd a last word.\n\nBest,\nZoë`,
    },
  ],
  [
    "a German posting on Letter paper without a name",
    {
      job: makeJob({
        location: "Boston, MA",
        description: "Wir suchen eine Ingenieurin für unsere Plattform.",
      }),
      profile: makeProfile({ name: null }),
      letterText: bodyOnlyLetter,
    },
  ],
  ["a long letter", { letterText: longLetter(12) }],
];

function letterFor(overrides: Partial<BuildLetterDocumentInput>) {
  return buildLetterDocument({
    job: makeJob(),
    profile: makeProfile(),
    letterText: fullLetter,
    date: fixedDate,
    timeZone: "UTC",
    ...overrides,
  });
}

describe("the DOCX template", () => {
  for (const [name, overrides] of letters) {
    it(`writes ${name} exactly as docx's own Packer does, part for part`, async () => {
      const letter = letterFor(overrides);
      const ours = await parts(await renderDocx(letter));
      const theirs = await parts(await Packer.toBuffer(buildDocx(letter)));
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [path, xml] of theirs) {
        if (path === "docProps/core.xml") expect(withoutDates(ours.get(path))).toBe(withoutDates(xml));
        else expect(ours.get(path), path).toBe(xml);
      }
    });
  }

  it("dates the document with the letter's date and gives the same bytes for the same letter", async () => {
    const letter = letterFor({});
    const first = await renderDocx(letter);
    expect((await renderDocx(letter)).equals(first)).toBe(true);
    const core = (await parts(first)).get("docProps/core.xml") ?? "";
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-07T10:00:00Z</dcterms:created>',
    );
    expect(core).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-07T10:00:00Z</dcterms:modified>',
    );
    const zip = await JSZip.loadAsync(first);
    expect(zip.file("word/document.xml")?.date.getUTCFullYear()).toBe(2025);
  });

  it("keeps each letter's language and text apart when letters alternate", async () => {
    const english = letterFor({});
    const german = letterFor({
      job: makeJob({ description: "Wir suchen eine Ingenieurin für unsere Plattform im Herzen Berlins." }),
      letterText: "Sehr geehrte Damen und Herren,\n\nich bewerbe mich.\n\nMit freundlichen Grüßen\nZoë",
    });
    expect(german.locale).not.toBe(english.locale);
    for (let round = 0; round < 2; round++) {
      for (const letter of [english, german]) {
        const files = await parts(await renderDocx(letter));
        expect(files.get("word/styles.xml")).toContain(`<w:lang w:val="${letter.locale}"/>`);
        expect(files.get("word/document.xml")).toContain(letter.salutation);
      }
    }
  });
});
