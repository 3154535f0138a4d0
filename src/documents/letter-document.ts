/**
 * The one letter model both renderers (DOCX and PDF) draw from, built purely from the job, the
 * profile, the writer's text and a date. Everything a renderer prints is decided here, so the two
 * files always say the same thing in the same order.
 */
import type { Job, Profile } from "../core/index.js";
import { type LetterParagraph, parseLetterText } from "./letter-text.js";
import { guessLocale, languageOf, paperSizeFor } from "./locale-guess.js";
import { phrasesFor } from "./phrases.js";

export type { LetterParagraph } from "./letter-text.js";

export interface LetterSender {
  name: string | null;
  /** Contact lines under the name: "City · phone · e-mail", then links. */
  contactLines: string[];
}

export interface LetterMetadata {
  title: string;
  author: string | null;
  subject: string;
  keywords: string[];
  creator: string;
  /** The letter's date; used as the files' creation date so output is reproducible. */
  createdAt: Date;
}

export interface LetterDocument {
  /** BCP 47 tag the date and phrases follow, e.g. "de-DE". */
  locale: string;
  /** The language subtag, e.g. "de". */
  language: string;
  paperSize: "a4" | "letter";
  sender: LetterSender;
  /** The date as printed, e.g. "7. März 2025". */
  date: string;
  /** YYYY-MM-DD */
  isoDate: string;
  /** Hiring manager (when known), company, location. */
  recipientLines: string[];
  /** "Application for <title>" (in the letter's language). */
  subject: string;
  salutation: string;
  paragraphs: LetterParagraph[];
  closing: string;
  /** The name printed under the closing. */
  signature: string | null;
  metadata: LetterMetadata;
}

export interface BuildLetterDocumentInput {
  job: Job;
  profile: Profile | null;
  letterText: string;
  date: Date;
  /** BCP 47 locale; guessed from the letter and posting when absent or invalid. */
  locale?: string;
  /** IANA time zone the date is shown in; the machine's when absent. */
  timeZone?: string;
  /** The person to address, when the caller knows it; else read from the posting or the salutation. */
  hiringManager?: string | null;
}

const separator = " · ";

/** Trims, collapses whitespace and drops control characters; null for nothing left. */
function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return cleaned === "" ? null : cleaned;
}

/** "https://www.linkedin.com/in/zoe/" → "linkedin.com/in/zoe", as people print links in letters. */
export function displayUrl(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//iu, "")
    .replace(/^www\./iu, "")
    .replace(/\/+$/u, "");
}

function senderOf(profile: Profile | null, fallbackName: string | null): LetterSender {
  const name = clean(profile?.name) ?? fallbackName;
  const contact = [clean(profile?.city), clean(profile?.phone), clean(profile?.email)].filter(
    (value): value is string => value !== null,
  );
  const links = (profile?.links ?? [])
    .map((link) => clean(link.url))
    .filter((url): url is string => url !== null && /^https?:\/\//iu.test(url))
    .map(displayUrl)
    .slice(0, 3);
  const contactLines = [contact.join(separator), links.join(separator)].filter((line) => line !== "");
  return { name, contactLines };
}

const hiringManagerLabel =
  /(?:hiring manager|recruiter|contact person|your contact|ansprechpartner(?:in)?|kontaktperson)\s*(?:is|ist)?\s*[:–—-]?\s*/giu;
/** Case-sensitive on purpose: a name is capitalised words, optionally after a title. */
const personName =
  /^((?:(?:Mr|Mrs|Ms|Mx|Dr|Herr|Frau)\.?\s+)?\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}'’-]+){1,2})/u;

/** A named person from "Hiring manager: Jane Doe" in the posting, or null. */
export function hiringManagerFromPosting(description: string): string | null {
  for (const match of description.matchAll(hiringManagerLabel)) {
    const name = personName.exec(description.slice((match.index ?? 0) + match[0].length))?.[1];
    if (name) return name.trim();
  }
  return null;
}

const genericAddressees =
  /hiring|team|manager|recruit|sir|madam|whom|damen|herren|madame|monsieur|selección|selezione|heer|mevrouw|prezad|państwo|all\b|there\b|everyone/iu;

/** The person a salutation names ("Dear Ms. Jane Doe," → "Ms. Jane Doe"), or null for "Dear Hiring Team,". */
function addresseeOf(salutation: string): string | null {
  const match = /^\p{L}+(?:\s+\p{Ll}+)?\s+(.+?)[,:!]?$/u.exec(salutation);
  const name = match?.[1]?.trim();
  // One word ("Dear Jane,") is too little for an address line.
  if (!name || genericAddressees.test(name) || !/^\p{Lu}\S*\s+\S/u.test(name)) return null;
  return name;
}

function formatDate(
  date: Date,
  locale: string,
  timeZone: string | undefined,
): { printed: string; iso: string } {
  const zone = timeZone ? { timeZone } : {};
  const printed = new Intl.DateTimeFormat(locale, { dateStyle: "long", ...zone }).format(date);
  const iso = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    ...zone,
  }).format(date);
  return { printed, iso };
}

export function buildLetterDocument(input: BuildLetterDocumentInput): LetterDocument {
  const { job, profile, date } = input;
  const parsed = parseLetterText(input.letterText);
  const locale = guessLocale(job, input.letterText, input.locale);
  const language = languageOf(locale);
  const phrases = phrasesFor(language);

  const title = clean(job.title);
  const company = clean(job.company);
  const hiringManager =
    clean(input.hiringManager) ??
    (parsed.salutation ? addresseeOf(parsed.salutation) : null) ??
    hiringManagerFromPosting(job.description);

  const sender = senderOf(profile, clean(parsed.signatureName));
  const subject = title ? phrases.subject(title) : phrases.subjectWithoutTitle;
  const salutation =
    parsed.salutation ?? (hiringManager ? phrases.salutationToName(hiringManager) : phrases.salutation);
  const { printed, iso } = formatDate(date, locale, input.timeZone);
  const recipientLines = [hiringManager, company, clean(job.location)].filter(
    (line): line is string => line !== null,
  );
  const keywords = [phrases.coverLetter, company, title].filter((word): word is string => word !== null);

  return {
    locale,
    language,
    paperSize: paperSizeFor(locale),
    sender,
    date: printed,
    isoDate: iso,
    recipientLines,
    subject,
    salutation,
    paragraphs: parsed.paragraphs,
    closing: parsed.closing ?? phrases.closing,
    signature: sender.name,
    metadata: {
      title: [
        phrases.coverLetter,
        sender.name,
        title && company ? `${title}, ${company}` : (title ?? company),
      ]
        .filter((part): part is string => part !== null)
        .join(" – "),
      author: sender.name,
      subject,
      keywords,
      creator: "jobpipe",
      createdAt: new Date(date.getTime()),
    },
  };
}
