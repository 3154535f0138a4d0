/**
 * Splits the letter writer's text into salutation, body paragraphs, closing and signature.
 *
 * A writer (model or offline) may return just the body, or a whole letter: a header with address
 * and date, a "Subject:" line, "Dear …,", the paragraphs, "Sincerely,\nName" and contact lines. The
 * renderers build the header, subject, closing and name themselves, so whatever of those the text
 * already has is found here and lifted out rather than printed twice.
 */

export interface LetterParagraph {
  text: string;
  /** A "- item" line of the writer's text; rendered as a bulleted list item. */
  bullet: boolean;
}

export interface ParsedLetterText {
  salutation: string | null;
  paragraphs: LetterParagraph[];
  closing: string | null;
  /** The first line under the closing, when it looks like a name. */
  signatureName: string | null;
}

const salutationStarts = [
  "dear",
  "hello",
  "hi",
  "hey",
  "greetings",
  "to whom it may concern",
  "good morning",
  "good afternoon",
  "sehr geehrte",
  "sehr geehrter",
  "liebe",
  "lieber",
  "hallo",
  "guten tag",
  "grüezi",
  "bonjour",
  "madame",
  "monsieur",
  "mesdames",
  "chère",
  "cher",
  "estimad[oa]s?(?:/a)?",
  "querid[oa]s?",
  "hola",
  "buenos días",
  "gentile",
  "gentili",
  "egregi[oa]",
  "spettabile",
  "buongiorno",
  "salve",
  "geachte",
  "beste",
  "prezad[oa]s?(?:\\(as\\))?",
  "car[oa](?:\\(a\\))?",
  "olá",
  "bom dia",
  "exm[oa]s?\\.?",
  "szanown\\p{L}*",
  "dzień dobry",
  "witam",
  "hej",
  "hei",
  "kære",
  "bästa",
  "hallå",
  "goddag",
  "уважаем\\p{L}*",
  "здравствуйте",
  "добрый день",
];

const closingPhrases = [
  "sincerely",
  "sincerely yours",
  "yours sincerely",
  "yours faithfully",
  "yours truly",
  "very truly yours",
  "best regards",
  "kind regards",
  "kindest regards",
  "warm regards",
  "warmest regards",
  "with best regards",
  "with kind regards",
  "regards",
  "best wishes",
  "with best wishes",
  "all the best",
  "respectfully",
  "respectfully yours",
  "thank you",
  "thanks",
  "many thanks",
  "with thanks",
  "with appreciation",
  "with gratitude",
  "best",
  "cheers",
  "cordially",
  "mit freundlichen grü(?:ß|ss)en",
  "mit freundlichem gru(?:ß|ss)",
  "freundliche grü(?:ß|ss)e",
  "beste grü(?:ß|ss)e",
  "viele grü(?:ß|ss)e",
  "herzliche grü(?:ß|ss)e",
  "mit besten grü(?:ß|ss)en",
  "hochachtungsvoll",
  "cordialement",
  "bien cordialement",
  "bien à vous",
  "sincères salutations",
  "salutations distinguées",
  "veuillez agréer[^\\n]*",
  "je vous prie d['’]agréer[^\\n]*",
  "atentamente",
  "un saludo",
  "saludos",
  "saludos cordiales",
  "un cordial saludo",
  "reciba un cordial saludo",
  "cordiali saluti",
  "distinti saluti",
  "cordialmente",
  "in fede",
  "con i migliori saluti",
  "met vriendelijke groet(?:en)?",
  "vriendelijke groet(?:en)?",
  "hoogachtend",
  "met hartelijke groet(?:en)?",
  "atenciosamente",
  "com os melhores cumprimentos",
  "melhores cumprimentos",
  "cumprimentos",
  "z poważaniem",
  "z wyrazami szacunku",
  "pozdrawiam",
  "z pozdrowieniami",
  "med vänliga hälsningar",
  "vänliga hälsningar",
  "med vänlig hälsning",
  "med venlig hilsen",
  "venlig hilsen",
  "med vennlig hilsen",
  "vennlig hilsen",
  "mvh",
  "с уважением",
  "с наилучшими пожеланиями",
  "искренне ваш[а]?",
];

const salutationPattern = new RegExp(`^(?:${salutationStarts.join("|")})(?![\\p{L}])[^\\n]{0,80}$`, "iu");
/** Longest phrases first, so "sincerely yours" wins over "sincerely". */
const closingPattern = new RegExp(
  `^(${[...closingPhrases].sort((a, b) => b.length - a.length).join("|")})(?![\\p{L}])(.*)$`,
  "iu",
);
/** A name after the closing on the same line ("Best regards, Jane Doe"); case-sensitive on purpose. */
const inlineNamePattern = /^[,–—-]\s*(\p{Lu}[\p{L}\p{M}.'’-]*(?: \p{Lu}[\p{L}\p{M}.'’-]*){0,3})$/u;
const subjectLinePattern =
  /^(?:subject|re|betreff|objet|asunto|oggetto|onderwerp|assunto|temat|ämne|emne|тема)\s*:/iu;
const bulletPattern = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+/u;
/** How far from the start a salutation may sit (the writer's own header comes before it). */
const maxHeaderLines = 12;
/** How far from the end a closing may sit (name, e-mail, phone, links after it). */
const maxTrailerLines = 6;

export function cleanLetterText(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      // Control and invisible formatting characters (bidi overrides included), except newlines.
      .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (character) =>
        character === "\n" ? "\n" : character === "\t" ? " " : "",
      )
      // Markdown emphasis a model may add.
      .replace(/\*\*(.+?)\*\*/gu, "$1")
      .replace(/__(.+?)__/gu, "$1")
      .split("\n")
      .map((line) => line.replace(/[ \u00a0]+$/u, ""))
      .join("\n")
      .trim()
  );
}

function findSalutation(lines: string[]): number {
  let seen = 0;
  for (let index = 0; index < lines.length && seen < maxHeaderLines; index++) {
    const line = (lines[index] ?? "").trim();
    if (line === "") continue;
    seen++;
    if (salutationPattern.test(line)) return index;
  }
  return -1;
}

function matchClosing(line: string): { phrase: string; name: string | null } | null {
  const match = closingPattern.exec(line);
  if (!match) return null;
  const phrase = match[1] ?? "";
  const rest = (match[2] ?? "").trim();
  if (/^[,.!:]?$/u.test(rest)) return { phrase: `${phrase}${rest}`, name: null };
  const name = inlineNamePattern.exec(rest.replace(/^([,–—-])\s*/u, "$1"))?.[1] ?? null;
  return name ? { phrase: `${phrase},`, name } : null;
}

function findClosing(
  lines: string[],
  after: number,
): { index: number; phrase: string; name: string | null } | null {
  let seen = 0;
  for (let index = lines.length - 1; index > after && seen < maxTrailerLines; index--) {
    const line = (lines[index] ?? "").trim();
    if (line === "") continue;
    seen++;
    const match = matchClosing(line);
    if (match) return { index, ...match };
  }
  return null;
}

function tidyClosing(phrase: string): string {
  return phrase
    .trim()
    .replace(/[\s–—-]+$/u, "")
    .replace(/\s+/gu, " ");
}

function looksLikeName(line: string): boolean {
  return line.length <= 60 && !/[@/:]|\d{3}/u.test(line) && /\p{L}/u.test(line);
}

function toParagraphs(lines: string[]): LetterParagraph[] {
  const paragraphs: LetterParagraph[] = [];
  let current: LetterParagraph | null = null;
  const flush = (): void => {
    if (current && current.text.trim() !== "") {
      paragraphs.push({ text: current.text.replace(/\s+/gu, " ").trim(), bullet: current.bullet });
    }
    current = null;
  };
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line === "") {
      flush();
      continue;
    }
    if (bulletPattern.test(line)) {
      flush();
      current = { text: line.replace(bulletPattern, ""), bullet: true };
      continue;
    }
    if (current === null) current = { text: line, bullet: false };
    else (current as LetterParagraph).text += ` ${line}`;
  }
  flush();
  return paragraphs;
}

export function parseLetterText(text: string): ParsedLetterText {
  const lines = cleanLetterText(text).split("\n");
  const salutationIndex = findSalutation(lines);
  let bodyStart = salutationIndex + 1;
  if (salutationIndex === -1) {
    // No salutation: the text is the body, perhaps after a subject line.
    const firstIndex = lines.findIndex((line) => line.trim() !== "");
    bodyStart =
      firstIndex !== -1 && subjectLinePattern.test((lines[firstIndex] ?? "").trim()) ? firstIndex + 1 : 0;
  }
  const closing = findClosing(lines, bodyStart - 1);
  const bodyEnd = closing ? closing.index : lines.length;
  let signatureName = closing?.name?.trim() ?? null;
  if (closing && !signatureName) {
    const next = lines.slice(closing.index + 1).find((line) => line.trim() !== "");
    signatureName = next && looksLikeName(next.trim()) ? next.trim() : null;
  }
  return {
    salutation: salutationIndex === -1 ? null : (lines[salutationIndex] ?? "").trim(),
    paragraphs: toParagraphs(lines.slice(bodyStart, bodyEnd)),
    closing: closing ? tidyClosing(closing.phrase) : null,
    signatureName,
  };
}
