import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/index.js";
import { loadProfile } from "../../src/profile/index.js";

const corpus = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");
const fixtures = path.resolve("test/fixtures/profiles");
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "jobpipe-profile-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function unreadable(file: string): Promise<AppError> {
  const error = await loadProfile(file).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("JOBPIPE_ERR_PROFILE_UNREADABLE");
  expect((error as AppError).message).toContain(file);
  return error as AppError;
}

const resumeLines = [
  "Ada Lovelace",
  "ada@example.org | +44 20 7946 0958",
  "EXPERIENCE",
  "Lead Engineer | Analytical Engines Ltd | 2019 - present",
  "• Designed a Python service that schedules 40,000 calculations a day",
  "• Mentored four junior engineers through code review",
  "EDUCATION",
  "BSc, Mathematics",
  "University of London, 2011 - 2015",
  "SKILLS",
  "Python, SQL, Airflow",
];

function makePdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
    for (const line of lines) document.text(line);
    document.end();
  });
}

describe("loadProfile: JSON Resume", () => {
  it("reads Thomas Davis's real résumé", async () => {
    const file = path.join(corpus, "resumes/thomasdavis/resume.json");
    const profile = await loadProfile(file);
    expect(profile).toMatchObject({
      name: "Thomas Davis",
      label: "Web Developer",
      email: "thomasalwyndavis@gmail.com",
      city: "Melbourne",
      sourcePath: file,
    });
    expect(profile.links.map((link) => link.url)).toContain("https://github.com/thomasdavis");
    expect(profile.experience[0]).toMatchObject({
      employer: "Tokenized",
      title: "Senior Javascript Developer",
      endDate: null,
    });
    expect(profile.experience.map((item) => item.employer)).toContain("Earbits");
    expect(profile.education[0]).toMatchObject({
      institution: "The University of Queensland",
      studyType: "Bachelors",
    });
    expect(profile.skills).toContain("Postgres");
    expect(profile.text).toContain("Transferred all of the infrastructure from Heroku to AWS");
    const bytes = await readFile(file);
    expect(profile.contentHash).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("reads the schema's sample résumé", async () => {
    const profile = await loadProfile(path.join(corpus, "resumes/jsonresume-schema/sample.resume.json"));
    expect(profile).toMatchObject({
      name: "Richard Hendriks",
      phone: "(912) 555-4321",
      city: "San Francisco",
    });
    expect(profile.experience[0]?.employer).toBe("Pied Piper");
  });

  it("names the field that breaks the schema", async () => {
    const error = await unreadable(path.join(fixtures, "invalid-dates.resume.json"));
    expect(error.message).toMatch(
      /not a valid JSON Resume: work\[0\]\.startDate must be a date like 2014-06-29/,
    );
  });

  it("reports bad JSON with its position", async () => {
    const file = path.join(scratch, "broken.json");
    await writeFile(file, '{ "basics": { "name": "X", } }');
    const error = await unreadable(file);
    expect(error.message).toMatch(/invalid JSON \(.*position \d+/);
  });

  it("rejects JSON that is not an object", async () => {
    const file = path.join(scratch, "array.json");
    await writeFile(file, "[1, 2]");
    expect((await unreadable(file)).message).toMatch(/must be a JSON object/);
  });
});

describe("loadProfile: Markdown and text", () => {
  it("reads Wei Lee's Markdown résumé", async () => {
    const profile = await loadProfile(path.join(corpus, "resumes/markdown/wei-lee.resume.md"));
    expect(profile.name).toBe("Wei Lee");
    expect(profile.email).toBe("weilee.rx@gmail.com");
    expect(profile.links.map((link) => link.url)).toEqual(
      expect.arrayContaining(["https://github.com/Lee-W", "https://www.linkedin.com/in/clleew/"]),
    );
    expect(profile.experience[0]).toMatchObject({
      employer: "Rakuten USA",
      title: "Machine Learning Engineer",
      startDate: "Apr 2017",
      endDate: null,
    });
    expect(profile.experience[0]?.highlights).toContain(
      "Developed backend API for machine learning services",
    );
    expect(profile.education).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          institution: "National Cheng Kung University",
          studyType: "Master",
          area: "Computer Science and Information Engineering",
        }),
      ]),
    );
    expect(profile.skills).toEqual(expect.arrayContaining(["Python", "Docker", "AWS"]));
  });

  it("reads Marco Gorelli's résumé: 'Title at Employer; dates' and nested bullets", async () => {
    const profile = await loadProfile(path.join(corpus, "resumes/markdown/marco-gorelli.resume.md"));
    expect(profile.name).toBe("Marco Edward Gorelli");
    expect(profile.email).toBe("marcogorelli@protonmail.com");
    expect(profile.summary).toMatch(/pandas core developer/);
    expect(profile.experience[0]).toMatchObject({
      employer: "Samsung R&D Institute UK",
      title: "Data Scientist",
    });
    expect(
      profile.experience[0]?.highlights.some((item) => item.includes("pipeline ran over 30x faster")),
    ).toBe(true);
    expect(profile.experience.map((item) => item.employer)).toEqual(
      expect.arrayContaining(["Sedex", "Sensium"]),
    );
    expect(profile.education[0]).toMatchObject({ studyType: "MRes", area: "Mathematics of Planet Earth" });
  });

  it("reads Chad Ostrowski's résumé: front matter, setext headings, 'Employer • Title • dates'", async () => {
    const profile = await loadProfile(path.join(corpus, "resumes/markdown/chad-ostrowski.resume.md"));
    expect(profile.name).toBe("Chad Ostrowski");
    expect(profile.experience[0]).toMatchObject({
      employer: "Aha Labs",
      title: "Cofounder & CEO",
      startDate: "2021",
    });
    expect(profile.experience.find((item) => item.employer === "Comcast")).toMatchObject({
      title: "Engineer",
      startDate: "2010",
      endDate: "2012",
    });
    expect(profile.skills).toEqual(expect.arrayContaining(["Rust", "TypeScript", "React"]));
    expect(profile.education[0]).toMatchObject({
      institution: "Pennsylvania State University",
      studyType: "BSc",
    });
    expect(profile.text).not.toContain("<iframe");
  });

  it("reads front matter and ATX headings (own fixture)", async () => {
    const profile = await loadProfile(path.join(fixtures, "grace-hopper.md"));
    expect(profile).toMatchObject({
      name: "Grace Hopper",
      email: "grace@example.org",
      phone: "+1 202 555 0100",
      city: "Arlington",
      label: "Compiler engineer",
    });
    expect(profile.experience.map((item) => [item.employer, item.title])).toEqual([
      ["Remington Rand", "Senior Compiler Engineer"],
      ["Harvard Computation Lab", "Researcher"],
    ]);
    expect(profile.education[0]).toMatchObject({ institution: "Yale University", studyType: "PhD" });
    expect(profile.skills).toEqual(expect.arrayContaining(["COBOL", "Teaching"]));
  });

  it("reads a plain-text résumé with bare section titles", async () => {
    const profile = await loadProfile(path.join(fixtures, "ada-lovelace.txt"));
    expect(profile).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.org",
      phone: "+44 20 7946 0958",
    });
    expect(profile.experience.map((item) => [item.employer, item.title, item.endDate])).toEqual([
      ["Analytical Engines Ltd", "Lead Engineer", null],
      ["Babbage & Co", "Software Developer", "2019"],
    ]);
    expect(profile.education[0]).toMatchObject({ institution: "University of London", studyType: "BSc" });
    expect(profile.skills).toEqual(["Python", "SQL", "Airflow", "Docker", "Kubernetes"]);
  });
});

describe("loadProfile: PDF and DOCX", () => {
  it("reads a PDF résumé's text", async () => {
    const file = path.join(scratch, "ada.pdf");
    await writeFile(file, await makePdf(resumeLines));
    const profile = await loadProfile(file);
    expect(profile.name).toBe("Ada Lovelace");
    expect(profile.email).toBe("ada@example.org");
    expect(profile.experience[0]).toMatchObject({
      employer: "Analytical Engines Ltd",
      title: "Lead Engineer",
    });
    expect(profile.experience[0]?.highlights[0]).toMatch(/Python service/);
    expect(profile.skills).toEqual(["Python", "SQL", "Airflow"]);
    expect(profile.contentHash).toBe(
      createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    );
  });

  it("reads a DOCX résumé with Word headings and bullets", async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Ada Lovelace", heading: HeadingLevel.TITLE }),
            new Paragraph("ada@example.org"),
            new Paragraph({ text: "Experience", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              text: "Lead Engineer | Analytical Engines Ltd | 2019 - present",
              heading: HeadingLevel.HEADING_2,
            }),
            new Paragraph({
              text: "Designed a Python service that schedules calculations",
              bullet: { level: 0 },
            }),
            new Paragraph({ text: "Education", heading: HeadingLevel.HEADING_1 }),
            new Paragraph("BSc, Mathematics"),
            new Paragraph("University of London, 2011 - 2015"),
            new Paragraph({ text: "Skills", heading: HeadingLevel.HEADING_1 }),
            new Paragraph("Python, SQL, Airflow"),
          ],
        },
      ],
    });
    const file = path.join(scratch, "ada.docx");
    await writeFile(file, await Packer.toBuffer(document));
    const profile = await loadProfile(file);
    expect(profile.name).toBe("Ada Lovelace");
    expect(profile.email).toBe("ada@example.org");
    expect(profile.experience[0]).toMatchObject({
      employer: "Analytical Engines Ltd",
      title: "Lead Engineer",
    });
    expect(profile.experience[0]?.highlights).toEqual([
      "Designed a Python service that schedules calculations",
    ]);
    expect(profile.education[0]).toMatchObject({ institution: "University of London" });
    expect(profile.skills).toEqual(["Python", "SQL", "Airflow"]);
  });

  it("reports a corrupt PDF", async () => {
    const file = path.join(scratch, "corrupt.pdf");
    await writeFile(file, "%PDF-1.4\nthis is not really a pdf");
    expect((await unreadable(file)).message).toMatch(/not a readable PDF/);
  });

  it("reports a PDF without text", async () => {
    const file = path.join(scratch, "blank.pdf");
    await writeFile(file, await makePdf([]));
    expect((await unreadable(file)).message).toMatch(/no text layer/);
  });

  it("reports a corrupt DOCX", async () => {
    const file = path.join(scratch, "corrupt.docx");
    await writeFile(file, "PK not a zip at all");
    expect((await unreadable(file)).message).toMatch(/not a readable DOCX/);
  });
});

describe("loadProfile: files that can't be read", () => {
  it("a missing file", async () => {
    expect((await unreadable(path.join(scratch, "nope.json"))).message).toMatch(/does not exist/);
  });

  it("an empty file", async () => {
    const file = path.join(scratch, "empty.md");
    await writeFile(file, "  \n");
    expect((await unreadable(file)).message).toMatch(/is empty/);
  });

  it("an unsupported extension", async () => {
    const file = path.join(scratch, "resume.odt");
    await writeFile(file, "x");
    expect((await unreadable(file)).message).toMatch(/unsupported file type "\.odt"; use \.json, \.md/);
  });

  it("a directory", async () => {
    const directory = path.join(scratch, "folder.md");
    await import("node:fs/promises").then((fs) => fs.mkdir(directory));
    expect((await unreadable(directory)).message).toMatch(/directory/);
  });
});
