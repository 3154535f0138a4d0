/**
 * Guesses the locale a letter should be dated and phrased in.
 *
 * The language comes from the letter itself when it has enough words (the writer may answer a German
 * posting in English), else from the posting; the region comes from the posting's location, salary
 * currency and host name. "en" with no region becomes "en-US"; any other language gets its home region.
 */
import type { Job } from "../core/index.js";
import { type LetterLanguage, letterLanguages } from "./phrases.js";

const stopWords: Record<LetterLanguage, readonly string[]> = {
  en: [
    "the",
    "and",
    "you",
    "with",
    "for",
    "our",
    "are",
    "will",
    "your",
    "this",
    "that",
    "have",
    "we",
    "of",
    "to",
  ],
  de: [
    "und",
    "der",
    "die",
    "das",
    "mit",
    "für",
    "wir",
    "sie",
    "ist",
    "nicht",
    "auf",
    "ein",
    "eine",
    "zu",
    "bei",
  ],
  fr: [
    "le",
    "la",
    "les",
    "et",
    "des",
    "vous",
    "nous",
    "pour",
    "une",
    "dans",
    "est",
    "avec",
    "sur",
    "du",
    "votre",
  ],
  es: [
    "el",
    "los",
    "las",
    "y",
    "para",
    "con",
    "una",
    "que",
    "por",
    "nuestro",
    "su",
    "es",
    "del",
    "en",
    "como",
  ],
  it: [
    "il",
    "di",
    "e",
    "per",
    "che",
    "una",
    "un",
    "della",
    "nel",
    "sono",
    "siamo",
    "nostro",
    "gli",
    "con",
    "alla",
  ],
  nl: [
    "het",
    "een",
    "en",
    "van",
    "voor",
    "met",
    "wij",
    "je",
    "jij",
    "zijn",
    "op",
    "ons",
    "bij",
    "naar",
    "onze",
  ],
  pt: ["o", "os", "e", "para", "com", "uma", "um", "que", "em", "nosso", "na", "no", "você", "não", "ao"],
  pl: ["i", "w", "z", "na", "do", "się", "jest", "dla", "oraz", "nie", "jako", "że", "będzie", "od", "pracy"],
  sv: ["och", "att", "det", "som", "för", "med", "är", "på", "vi", "du", "av", "till", "har", "vår", "inte"],
  da: ["og", "at", "det", "som", "for", "med", "er", "på", "vi", "du", "af", "til", "har", "vores", "ikke"],
  nb: ["og", "å", "det", "som", "for", "med", "er", "på", "vi", "du", "av", "til", "har", "vår", "ikke"],
  ru: ["и", "в", "на", "с", "для", "мы", "вы", "что", "не", "по", "опыт", "работы", "или", "от", "как"],
};

const homeRegion: Record<LetterLanguage, string> = {
  en: "US",
  de: "DE",
  fr: "FR",
  es: "ES",
  it: "IT",
  nl: "NL",
  pt: "PT",
  pl: "PL",
  sv: "SE",
  da: "DK",
  nb: "NO",
  ru: "RU",
};

/** Place names and countries (lower case) to ISO 3166 region codes. */
const placeNames: ReadonlyArray<readonly [string, string]> = [
  [
    "germany|deutschland|berlin|münchen|munich|hamburg|frankfurt|köln|cologne|stuttgart|düsseldorf|leipzig",
    "DE",
  ],
  ["austria|österreich|wien|vienna|graz|linz|salzburg", "AT"],
  ["switzerland|schweiz|suisse|svizzera|zürich|zurich|genève|geneva|basel|bern|lausanne", "CH"],
  ["france|paris|lyon|marseille|toulouse|bordeaux|lille|nantes", "FR"],
  ["spain|españa|madrid|barcelona|valencia|sevilla|málaga", "ES"],
  ["italy|italia|milano|milan|roma|rome|torino|turin|bologna", "IT"],
  ["netherlands|nederland|amsterdam|rotterdam|utrecht|eindhoven|den haag|the hague", "NL"],
  ["belgium|belgië|belgique|brussels|bruxelles|brussel|antwerp|antwerpen|gent|ghent", "BE"],
  ["portugal|lisboa|lisbon|porto", "PT"],
  ["brazil|brasil|são paulo|sao paulo|rio de janeiro", "BR"],
  ["poland|polska|warszawa|warsaw|kraków|krakow|wrocław|wroclaw|gdańsk|gdansk|poznań", "PL"],
  ["sweden|sverige|stockholm|göteborg|gothenburg|malmö", "SE"],
  ["denmark|danmark|copenhagen|københavn|aarhus", "DK"],
  ["norway|norge|oslo|bergen|trondheim", "NO"],
  ["finland|suomi|helsinki|espoo|tampere", "FI"],
  ["ireland|dublin|cork|galway", "IE"],
  ["united kingdom|uk|england|scotland|wales|london|manchester|edinburgh|glasgow|bristol", "GB"],
  ["canada|toronto|vancouver|montreal|montréal|ottawa|calgary", "CA"],
  ["australia|sydney|melbourne|brisbane|perth", "AU"],
  ["new zealand|auckland|wellington", "NZ"],
  ["india|bangalore|bengaluru|mumbai|delhi|hyderabad|pune|chennai", "IN"],
  ["singapore", "SG"],
  ["mexico|méxico|ciudad de méxico", "MX"],
  ["argentina|buenos aires", "AR"],
  ["russia|россия|москва|moscow|санкт-петербург", "RU"],
  [
    "united states|usa|u\\.s\\.|us|new york|nyc|san francisco|seattle|austin|boston|chicago|los angeles|denver|atlanta",
    "US",
  ],
];

/** `\b` only knows ASCII letters, so "österreich" needs Unicode-aware edges. */
const placeRegions: ReadonlyArray<readonly [RegExp, string]> = placeNames.map(
  ([names, region]) =>
    [new RegExp(`(?<![\\p{L}\\p{N}])(?:${names})(?![\\p{L}\\p{N}])`, "u"), region] as const,
);

const usStates = new Set(
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(
    " ",
  ),
);

const currencyRegions: Record<string, string> = {
  USD: "US",
  GBP: "GB",
  CAD: "CA",
  AUD: "AU",
  NZD: "NZ",
  CHF: "CH",
  SEK: "SE",
  DKK: "DK",
  NOK: "NO",
  PLN: "PL",
  INR: "IN",
  BRL: "BR",
  SGD: "SG",
  MXN: "MX",
  RUB: "RU",
};

const hostRegions: Record<string, string> = {
  de: "DE",
  at: "AT",
  ch: "CH",
  fr: "FR",
  es: "ES",
  it: "IT",
  nl: "NL",
  be: "BE",
  pt: "PT",
  br: "BR",
  pl: "PL",
  se: "SE",
  dk: "DK",
  no: "NO",
  fi: "FI",
  ie: "IE",
  uk: "GB",
  ca: "CA",
  au: "AU",
  nz: "NZ",
  in: "IN",
  sg: "SG",
  mx: "MX",
  ar: "AR",
  ru: "RU",
};

/** Regions whose paper is US Letter; everyone else uses A4. */
const letterPaperRegions = new Set(["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"]);

export function paperSizeFor(locale: string): "a4" | "letter" {
  const region = regionOf(locale);
  return region !== null && letterPaperRegions.has(region) ? "letter" : "a4";
}

/** The language subtag ("de" of "de-AT"), lower-cased. */
export function languageOf(locale: string): string {
  return (locale.split("-")[0] ?? "en").toLowerCase();
}

function regionOf(locale: string): string | null {
  try {
    return new Intl.Locale(locale).region ?? null;
  } catch {
    return null;
  }
}

/** A canonical BCP 47 tag that Intl accepts, or null. */
export function canonicalLocale(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value.trim().replace(/_/g, "-"));
    if (!canonical) return null;
    // Rejects tags Intl accepts syntactically but cannot format (it falls back silently otherwise).
    new Intl.DateTimeFormat(canonical);
    return canonical;
  } catch {
    return null;
  }
}

/** The language with the most stop-word hits, or null when the text is too short to tell. */
export function detectLanguage(text: string): LetterLanguage | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 12) return null;
  let best: LetterLanguage | null = null;
  let bestScore = 0;
  for (const language of letterLanguages) {
    const set = new Set(stopWords[language]);
    let score = 0;
    for (const word of words) if (set.has(word)) score++;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return bestScore >= 3 && bestScore / words.length >= 0.04 ? best : null;
}

/** The posting's region from its location, salary currency or host name, or null. */
export function detectRegion(job: Job): string | null {
  const location = job.location ?? "";
  const lower = location.toLowerCase();
  for (const [pattern, region] of placeRegions) if (pattern.test(lower)) return region;
  const stateCode = /,\s*([A-Z]{2})\b/.exec(location)?.[1];
  if (stateCode && usStates.has(stateCode)) return "US";
  const currency = job.salary?.currency?.toUpperCase();
  if (currency && currencyRegions[currency]) return currencyRegions[currency] ?? null;
  try {
    const topLevel = new URL(job.url).hostname.split(".").pop() ?? "";
    return hostRegions[topLevel] ?? null;
  } catch {
    return null;
  }
}

/**
 * The locale for a letter: an explicit, valid `requested` locale wins; otherwise language from the
 * letter (or the posting) and region from the posting.
 */
export function guessLocale(job: Job, letterText: string, requested?: string | null): string {
  const explicit = canonicalLocale(requested);
  if (explicit) return explicit;
  const language =
    detectLanguage(letterText) ?? detectLanguage(`${job.title ?? ""}\n${job.description}`) ?? null;
  const region = detectRegion(job);
  const chosenLanguage = language ?? "en";
  const chosenRegion = region ?? homeRegion[chosenLanguage];
  return canonicalLocale(`${chosenLanguage}-${chosenRegion}`) ?? "en-US";
}
