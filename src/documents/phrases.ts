/** The few fixed phrases of a letter, per language. Languages not listed here use English. */

export const letterLanguages = [
  "en",
  "de",
  "fr",
  "es",
  "it",
  "nl",
  "pt",
  "pl",
  "sv",
  "da",
  "nb",
  "ru",
] as const;
export type LetterLanguage = (typeof letterLanguages)[number];

export interface LetterPhrases {
  subject: (title: string) => string;
  /** Subject when the posting has no title. */
  subjectWithoutTitle: string;
  salutation: string;
  salutationToName: (name: string) => string;
  closing: string;
  /** "Page 2 of 3", for letters longer than one page. */
  page: (page: number, pages: number) => string;
  coverLetter: string;
}

const phrases: Record<LetterLanguage, LetterPhrases> = {
  en: {
    subject: (title) => `Application for ${title}`,
    subjectWithoutTitle: "Application",
    salutation: "Dear Hiring Manager,",
    salutationToName: (name) => `Dear ${name},`,
    closing: "Sincerely,",
    page: (page, pages) => `Page ${page} of ${pages}`,
    coverLetter: "Cover letter",
  },
  de: {
    subject: (title) => `Bewerbung als ${title}`,
    subjectWithoutTitle: "Bewerbung",
    salutation: "Sehr geehrte Damen und Herren,",
    salutationToName: (name) => `Guten Tag ${name},`,
    closing: "Mit freundlichen Grüßen",
    page: (page, pages) => `Seite ${page} von ${pages}`,
    coverLetter: "Anschreiben",
  },
  fr: {
    subject: (title) => `Candidature au poste de ${title}`,
    subjectWithoutTitle: "Candidature",
    salutation: "Madame, Monsieur,",
    salutationToName: (name) => `Bonjour ${name},`,
    closing: "Cordialement,",
    page: (page, pages) => `Page ${page} sur ${pages}`,
    coverLetter: "Lettre de motivation",
  },
  es: {
    subject: (title) => `Candidatura para el puesto de ${title}`,
    subjectWithoutTitle: "Candidatura",
    salutation: "Estimado equipo de selección:",
    salutationToName: (name) => `Estimado/a ${name}:`,
    closing: "Atentamente,",
    page: (page, pages) => `Página ${page} de ${pages}`,
    coverLetter: "Carta de presentación",
  },
  it: {
    subject: (title) => `Candidatura per la posizione di ${title}`,
    subjectWithoutTitle: "Candidatura",
    salutation: "Gentile responsabile della selezione,",
    salutationToName: (name) => `Gentile ${name},`,
    closing: "Cordiali saluti,",
    page: (page, pages) => `Pagina ${page} di ${pages}`,
    coverLetter: "Lettera di presentazione",
  },
  nl: {
    subject: (title) => `Sollicitatie ${title}`,
    subjectWithoutTitle: "Sollicitatie",
    salutation: "Geachte heer/mevrouw,",
    salutationToName: (name) => `Beste ${name},`,
    closing: "Met vriendelijke groet,",
    page: (page, pages) => `Pagina ${page} van ${pages}`,
    coverLetter: "Motivatiebrief",
  },
  pt: {
    subject: (title) => `Candidatura para ${title}`,
    subjectWithoutTitle: "Candidatura",
    salutation: "Prezados(as),",
    salutationToName: (name) => `Caro(a) ${name},`,
    closing: "Atenciosamente,",
    page: (page, pages) => `Página ${page} de ${pages}`,
    coverLetter: "Carta de apresentação",
  },
  pl: {
    subject: (title) => `Aplikacja na stanowisko ${title}`,
    subjectWithoutTitle: "Aplikacja",
    salutation: "Szanowni Państwo,",
    salutationToName: (name) => `Dzień dobry ${name},`,
    closing: "Z poważaniem",
    page: (page, pages) => `Strona ${page} z ${pages}`,
    coverLetter: "List motywacyjny",
  },
  sv: {
    subject: (title) => `Ansökan: ${title}`,
    subjectWithoutTitle: "Ansökan",
    salutation: "Hej,",
    salutationToName: (name) => `Hej ${name},`,
    closing: "Med vänliga hälsningar",
    page: (page, pages) => `Sida ${page} av ${pages}`,
    coverLetter: "Personligt brev",
  },
  da: {
    subject: (title) => `Ansøgning: ${title}`,
    subjectWithoutTitle: "Ansøgning",
    salutation: "Kære rekrutteringsansvarlige",
    salutationToName: (name) => `Kære ${name}`,
    closing: "Med venlig hilsen",
    page: (page, pages) => `Side ${page} af ${pages}`,
    coverLetter: "Ansøgning",
  },
  nb: {
    subject: (title) => `Søknad: ${title}`,
    subjectWithoutTitle: "Søknad",
    salutation: "Hei,",
    salutationToName: (name) => `Hei ${name},`,
    closing: "Med vennlig hilsen",
    page: (page, pages) => `Side ${page} av ${pages}`,
    coverLetter: "Søknadsbrev",
  },
  ru: {
    subject: (title) => `Отклик на вакансию «${title}»`,
    subjectWithoutTitle: "Отклик на вакансию",
    salutation: "Здравствуйте!",
    salutationToName: (name) => `Здравствуйте, ${name}!`,
    closing: "С уважением,",
    page: (page, pages) => `Страница ${page} из ${pages}`,
    coverLetter: "Сопроводительное письмо",
  },
};

export function phrasesFor(language: string): LetterPhrases {
  const normalized = language === "no" || language === "nn" ? "nb" : language;
  return (letterLanguages as readonly string[]).includes(normalized)
    ? phrases[normalized as LetterLanguage]
    : phrases.en;
}
