import { describe, expect, it } from "vitest";
import { buildLetterDocument, parseLetterText } from "../../src/documents/index.js";
import { bodyOnlyLetter, fixedDate, fullLetter, makeJob, makeProfile } from "./letter-fixtures.js";

const build = (overrides: Partial<Parameters<typeof buildLetterDocument>[0]> = {}) =>
  buildLetterDocument({
    job: makeJob(),
    profile: makeProfile(),
    letterText: fullLetter,
    date: fixedDate,
    timeZone: "UTC",
    ...overrides,
  });

describe("buildLetterDocument", () => {
  it("lifts the writer's salutation and closing out of the body instead of repeating them", () => {
    const letter = build();
    expect(letter.salutation).toBe("Dear Hiring Manager,");
    expect(letter.closing).toBe("Sincerely,");
    expect(letter.paragraphs).toHaveLength(3);
    const body = letter.paragraphs.map((paragraph) => paragraph.text).join("\n");
    expect(body).not.toMatch(/Dear|Sincerely|zoe@example\.com/);
    // Soft-wrapped lines of one paragraph are joined with a space.
    expect(letter.paragraphs[0]?.text).toContain("I have built and run platforms");
  });

  it("adds a default salutation and closing when the text is only the body", () => {
    const letter = build({ letterText: bodyOnlyLetter });
    expect(letter.salutation).toBe("Dear Hiring Manager,");
    expect(letter.closing).toBe("Sincerely,");
    expect(letter.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "I am writing to apply for the Senior Platform Engineer role.",
      "I have built platforms for six years.",
    ]);
    expect(letter.signature).toBe("Zoë Łukasz-Дмитрий");
  });

  it("builds the sender block from the profile and the recipient from the job", () => {
    const letter = build();
    expect(letter.sender.name).toBe("Zoë Łukasz-Дмитрий");
    expect(letter.sender.contactLines).toEqual([
      "Berlin · +49 30 1234567 · zoe@example.com",
      "linkedin.com/in/zoe-example · github.com/zoe-example",
    ]);
    expect(letter.recipientLines).toEqual(["Ørsted Digital", "Berlin, Germany"]);
    expect(letter.subject).toBe("Application for Senior Platform Engineer");
    expect(letter.metadata).toMatchObject({
      author: "Zoë Łukasz-Дмитрий",
      subject: "Application for Senior Platform Engineer",
    });
    expect(letter.metadata.createdAt.toISOString()).toBe(fixedDate.toISOString());
  });

  it("takes the signature from the letter when there is no profile", () => {
    const letter = build({ profile: null });
    expect(letter.sender).toEqual({ name: "Zoë Łukasz-Дмитрий", contactLines: [] });
    expect(letter.signature).toBe("Zoë Łukasz-Дмитрий");
  });

  it("dates an English letter for a US posting the US way on Letter paper", () => {
    const letter = build({ job: makeJob({ location: "Austin, TX", company: "Acme" }) });
    expect(letter.locale).toBe("en-US");
    expect(letter.date).toBe("March 7, 2025");
    expect(letter.paperSize).toBe("letter");
  });

  it("dates and phrases a German letter in German on A4", () => {
    const letter = build({
      job: makeJob({
        title: "Softwareentwickler (m/w/d)",
        location: "München",
        description:
          "Wir suchen eine Entwicklerin oder einen Entwickler für unser Team in München und freuen uns auf die Bewerbung.",
      }),
      letterText:
        "mit großem Interesse habe ich Ihre Anzeige gelesen und bewerbe mich für die Stelle, weil ich die Arbeit mit Ihnen und dem Team sehr spannend finde und eine neue Aufgabe suche.",
    });
    expect(letter.locale).toBe("de-DE");
    expect(letter.date).toBe("7. März 2025");
    expect(letter.subject).toBe("Bewerbung als Softwareentwickler (m/w/d)");
    expect(letter.salutation).toBe("Sehr geehrte Damen und Herren,");
    expect(letter.closing).toBe("Mit freundlichen Grüßen");
    expect(letter.paperSize).toBe("a4");
  });

  it("honours an explicit locale and ignores an invalid one", () => {
    expect(build({ locale: "fr-FR" }).date).toBe("7 mars 2025");
    expect(build({ locale: "not a locale!!" }).locale).toBe("en-DE");
  });

  it("names the hiring manager from the posting in the recipient block and salutation", () => {
    const letter = build({
      letterText: bodyOnlyLetter,
      job: makeJob({ description: "Join us.\n\nHiring manager: Jane Okafor\n\nWe value kindness." }),
    });
    expect(letter.recipientLines[0]).toBe("Jane Okafor");
    expect(letter.salutation).toBe("Dear Jane Okafor,");
  });

  it("reads a named salutation as the recipient", () => {
    const letter = build({ letterText: "Dear Ms. Jane Okafor,\n\nI apply.\n\nBest regards,\nZoë" });
    expect(letter.recipientLines).toEqual(["Ms. Jane Okafor", "Ørsted Digital", "Berlin, Germany"]);
    expect(letter.closing).toBe("Best regards,");
  });
});

describe("parseLetterText", () => {
  it("drops a header and subject line the writer put before the salutation", () => {
    const parsed = parseLetterText(
      "Zoë Example\nBerlin\n7 March 2025\n\nSubject: Application\n\nDear Hiring Team,\n\nFirst.\n\nSecond.\n\nKind regards,\nZoë Example",
    );
    expect(parsed).toEqual({
      salutation: "Dear Hiring Team,",
      paragraphs: [
        { text: "First.", bullet: false },
        { text: "Second.", bullet: false },
      ],
      closing: "Kind regards,",
      signatureName: "Zoë Example",
    });
  });

  it("keeps a closing-like sentence that is really body text", () => {
    const parsed = parseLetterText("Dear Sir,\n\nBody.\n\nThank you for your time and consideration.");
    expect(parsed.closing).toBeNull();
    expect(parsed.paragraphs.at(-1)?.text).toBe("Thank you for your time and consideration.");
  });

  it("splits a closing and name written on one line", () => {
    const parsed = parseLetterText("Hello,\n\nBody.\n\nBest regards, Jane Doe");
    expect(parsed.closing).toBe("Best regards,");
    expect(parsed.signatureName).toBe("Jane Doe");
  });

  it("keeps bullets as list items and strips markdown emphasis and control characters", () => {
    const parsed = parseLetterText(
      "Dear team,\n\nI bring:\n- **Go** and Rust\n- on-call\u202e care\n\nThanks,\nZoë",
    );
    expect(parsed.paragraphs).toEqual([
      { text: "I bring:", bullet: false },
      { text: "Go and Rust", bullet: true },
      { text: "on-call care", bullet: true },
    ]);
  });

  it("recognises German, French and Russian salutations and closings", () => {
    expect(
      parseLetterText("Sehr geehrte Frau Weber,\n\nText.\n\nMit freundlichen Grüßen\nAnna"),
    ).toMatchObject({
      salutation: "Sehr geehrte Frau Weber,",
      closing: "Mit freundlichen Grüßen",
      signatureName: "Anna",
    });
    expect(parseLetterText("Madame, Monsieur,\n\nTexte.\n\nCordialement,\nLéa")).toMatchObject({
      salutation: "Madame, Monsieur,",
      closing: "Cordialement,",
    });
    expect(parseLetterText("Здравствуйте!\n\nТекст.\n\nС уважением,\nДмитрий")).toMatchObject({
      salutation: "Здравствуйте!",
      closing: "С уважением,",
      signatureName: "Дмитрий",
    });
  });
});
