/**
 * The offline letter writer: the default when no model is configured. Deterministic (same job and
 * profile, same letter) and grounded: every claim is a résumé statement matched to one of the
 * posting's requirements.
 *
 * Flow: extract the posting's requirements → rank résumé statements against them → compose an
 * opening (role, company, who the candidate is, what the role asks for), two or three evidence
 * sentences tied to requirements, the matching skills, education, and a closing with name and
 * contact → grow or trim to 250–400 words. Without a profile it writes a short, honest letter of
 * interest and warns that JOBPIPE_PROFILE is not set.
 */
import type {
  LetterDraft,
  LetterRequest,
  LetterTone,
  LetterWriter,
  Profile,
  ProfileExperience,
} from "../core/index.js";
import { checkLetter } from "./checks.js";
import {
  cleanText,
  collectStatements,
  joinList,
  lowerFirst,
  matchesPattern,
  type Statement,
  shortenClause,
  splitSentences,
} from "./offline/evidence.js";
import { extractRequirements, type Requirement } from "./offline/requirements.js";
import { maximumLetterWords, minimumLetterWords } from "./prompts/system-prompt.js";
import { countWords, shortCompanyName } from "./text-tools.js";

export const missingProfileWarning =
  "No résumé is configured, so this is a short, generic letter of interest. Set JOBPIPE_PROFILE to your résumé (.json, .md, .txt, .pdf or .docx) so letters can cite your experience.";

export function createOfflineLetterWriter(): LetterWriter {
  return {
    provider: "offline",
    model: null,
    async write(request: LetterRequest): Promise<LetterDraft> {
      const text = request.profile
        ? composeWithProfile(request, request.profile)
        : composeWithoutProfile(request);
      const warnings = request.profile ? [] : [missingProfileWarning];
      const problems = checkLetter(text, { job: request.job, profile: request.profile });
      warnings.push(...problems.map((problem) => `The letter ${problem}; please review it before sending.`));
      return { provider: "offline", model: null, text, warnings, usage: null, attempts: 1 };
    },
  };
}

interface Names {
  role: string | null;
  company: string | null;
}

function namesOf(request: LetterRequest): Names {
  return {
    role: request.job.title ? displayTitle(request.job.title, request.job.location) : null,
    company: request.job.company ? shortCompanyName(request.job.company) : null,
  };
}

function salutation({ company }: Names): string {
  return company ? `Dear ${company} Hiring Team,` : "Dear Hiring Team,";
}

/** "the Senior Data Engineer position at Acme" with graceful fallbacks when either is unknown. */
function positionPhrase({ role, company }: Names): string {
  if (role && company) return `the ${role} position at ${company}`;
  if (role) return `the ${role} position described in your posting`;
  if (company) return `the open position at ${company}`;
  return "the position described in your posting";
}

const openings: Record<LetterTone, (position: string) => string> = {
  formal: (position) => `I am writing to apply for ${position}.`,
  warm: (position) => `I was excited to read about ${position}, and I would love to apply.`,
  concise: (position) => `I am applying for ${position}.`,
};

const closings: Record<LetterTone, (names: Names) => string> = {
  formal: ({ company, role }) =>
    `I would welcome the opportunity to discuss how my experience could support ${company ? `${company}'s` : "your"} work${role ? ` as ${article(role)} ${role}` : ""}. Thank you for your time and consideration.`,
  warm: ({ company }) =>
    `I would be glad to talk about how I could help ${company ?? "your team"} and to learn more about the team's plans. Thank you for reading my application.`,
  concise: ({ company }) =>
    `I would welcome a conversation about how I can contribute to ${company ?? "your team"}. Thank you for your consideration.`,
};

const requirementLeads = [
  (phrase: string) => `The posting asks for ${phrase}.`,
  (phrase: string) => `You also ask for ${phrase}.`,
  (phrase: string) => `The role calls for ${phrase} as well.`,
];

function composeWithProfile(request: LetterRequest, profile: Profile): string {
  const names = namesOf(request);
  const requirements = extractRequirements(request.job.description);
  const statements = collectStatements(profile, requirements).sort(
    (first, second) => second.score - first.score,
  );
  const chosen = chooseEvidence(statements, requirements);
  const extraStatements = statements.filter(
    (statement) => !chosen.some((pick) => pick.statement === statement),
  );

  const build = (maxClauseWords: number, extraCount: number, includeOptional: boolean): string => {
    const paragraphs: string[] = [];
    paragraphs.push(
      [
        openings[request.tone](positionPhrase(names)),
        introduceCandidate(profile),
        whyThisRole(requirements, chosen),
      ]
        .filter(Boolean)
        .join(" "),
    );
    const introduced = new Set<string>();
    const evidenceSentences = chosen.map((pick, index) => {
      const lead = pick.requirement
        ? (requirementLeads[index] ?? requirementLeads[2])?.(pick.requirement.phrase)
        : null;
      return [lead, evidenceSentence(pick.statement, maxClauseWords, introduced)].filter(Boolean).join(" ");
    });
    const extras = extraStatements
      .slice(0, extraCount)
      .map((statement, index) =>
        evidenceSentence(statement, maxClauseWords, introduced, index === 0 ? "Beyond that" : null),
      );
    const evidence = [...evidenceSentences, ...extras];
    if (evidence.length > 2) {
      paragraphs.push(evidence.slice(0, 2).join(" "), evidence.slice(2).join(" "));
    } else if (evidence.length > 0) {
      paragraphs.push(evidence.join(" "));
    }
    const skills = skillsSentence(profile, requirements);
    const education = includeOptional ? educationSentence(profile) : null;
    const summary = includeOptional ? summarySentence(profile) : null;
    const rounding = [skills, summary, education].filter(Boolean).join(" ");
    if (rounding) paragraphs.push(rounding);
    paragraphs.push(closings[request.tone](names));
    return [salutation(names), ...paragraphs, signOff(profile)].join("\n\n");
  };

  // Grow until the letter reaches the minimum, then trim until it fits the maximum.
  const concise = request.tone === "concise";
  let text = build(concise ? 30 : 40, 0, !concise);
  for (let extraCount = 1; countWords(text) < minimumLetterWords && extraCount <= 4; extraCount++) {
    text = build(40, extraCount, true);
  }
  if (countWords(text) < minimumLetterWords) text = build(70, 6, true);
  for (const maxClauseWords of [30, 22, 16]) {
    if (countWords(text) <= maximumLetterWords) break;
    text = build(maxClauseWords, 0, true);
  }
  if (countWords(text) > maximumLetterWords) text = build(16, 0, false);
  return text;
}

interface Pick {
  statement: Statement;
  requirement: Requirement | null;
}

/** Two or three statements, each evidence for a different requirement, preferring different employers. */
function chooseEvidence(statements: Statement[], requirements: Requirement[]): Pick[] {
  const picks: Pick[] = [];
  const usedStatements = new Set<Statement>();
  const usedEmployers = new Set<string>();
  requirements.forEach((requirement, index) => {
    if (picks.length >= 3) return;
    const candidates = statements.filter(
      (statement) => statement.matches.includes(index) && !usedStatements.has(statement),
    );
    const best =
      candidates.find((statement) => !usedEmployers.has(statement.experience?.employer ?? "")) ??
      candidates[0];
    if (!best) return;
    picks.push({ statement: best, requirement });
    usedStatements.add(best);
    usedEmployers.add(best.experience?.employer ?? "");
  });
  for (const statement of statements) {
    if (picks.length >= 2) break;
    if (!usedStatements.has(statement)) {
      picks.push({ statement, requirement: null });
      usedStatements.add(statement);
    }
  }
  return picks;
}

/**
 * "At Rakuten USA, where I work as a Machine Learning Engineer, I built…" the first time an employer
 * comes up; "At Rakuten USA, I also…" / "There, …" after that, so the letter doesn't repeat itself.
 */
function evidenceSentence(
  statement: Statement,
  maxClauseWords: number,
  introduced: Set<string>,
  transition: string | null = null,
): string {
  const clause = shortenClause(statement.clause, maxClauseWords);
  const experience = statement.experience;
  if (!experience) return `${transition ? `${transition}, ` : ""}${clause}.`;
  if (introduced.has(experience.employer)) {
    // Second mention of an employer: no repeated role context.
    const repeat = /^I (was|am|had|have) /.test(clause)
      ? `At ${experience.employer}, ${clause.replace(/^I (\w+) /, "I $1 also ")}.`
      : /^I /.test(clause)
        ? `At ${experience.employer}, I also ${clause.slice(2)}.`
        : `At ${experience.employer}, ${clause} as well.`;
    return transition ? `${transition}, ${lowerFirst(repeat)}` : repeat;
  }
  introduced.add(experience.employer);
  const where = roleContext(experience);
  return transition ? `${transition}, ${lowerFirst(where)}, ${clause}.` : `${where}, ${clause}.`;
}

/** "At Rakuten USA, where I work as a Machine Learning Engineer" (tense from the end date). */
function roleContext(experience: ProfileExperience): string {
  const current = isCurrent(experience);
  if (!experience.title) return `At ${experience.employer}`;
  return `At ${experience.employer}, where I ${current ? "work" : "worked"} as ${article(experience.title)} ${experience.title}`;
}

function isCurrent(experience: ProfileExperience): boolean {
  return !experience.endDate || /^(now|present|current|today)$/i.test(experience.endDate.trim());
}

function introduceCandidate(profile: Profile): string | null {
  const latest = profile.experience[0];
  if (profile.label) {
    const label = cleanText(profile.label);
    if (latest?.title && isCurrent(latest)) {
      return `I am ${article(label)} ${label}, currently working as ${article(latest.title)} ${latest.title} at ${latest.employer}.`;
    }
    return `I am ${article(label)} ${label}.`;
  }
  if (latest?.title) {
    return isCurrent(latest)
      ? `I currently work as ${article(latest.title)} ${latest.title} at ${latest.employer}.`
      : `Most recently I worked as ${article(latest.title)} ${latest.title} at ${latest.employer}.`;
  }
  return null;
}

function whyThisRole(requirements: Requirement[], chosen: Pick[]): string | null {
  const matched = chosen.flatMap((pick) => (pick.requirement ? [pick.requirement.phrase] : []));
  if (matched.length > 0) {
    return `The role's emphasis on ${joinList(matched)} matches work I have done, and I would like to give concrete examples.`;
  }
  const asked = requirements.slice(0, 3).map((requirement) => requirement.phrase);
  if (asked.length === 0) return null;
  return `I understand the role centres on ${joinList(asked)}; here is the experience I would bring to it.`;
}

/** Résumé skills that the posting also names, in the résumé's own words. */
function skillsSentence(profile: Profile, requirements: Requirement[]): string | null {
  const matched = profile.skills
    .map(cleanText)
    .filter((skill) => skill.length > 1 && skill.length < 40)
    .filter((skill) => requirements.some((requirement) => matchesPattern(requirement.pattern, skill)));
  const unique = [...new Set(matched)].slice(0, 6);
  if (unique.length === 0) return null;
  return `My résumé also lists ${joinList(unique)}, which the posting names among its needs.`;
}

function educationSentence(profile: Profile): string | null {
  const degree = profile.education[0];
  if (!degree) return null;
  const studyType = degree.studyType ? cleanText(degree.studyType) : null;
  const area = degree.area ? cleanText(degree.area) : null;
  if (area) return `I studied ${area} at ${degree.institution}${studyType ? ` (${studyType})` : ""}.`;
  if (studyType) return `I hold a ${studyType} from ${degree.institution}.`;
  return `I studied at ${degree.institution}.`;
}

function summarySentence(profile: Profile): string | null {
  if (!profile.summary) return null;
  const first = splitSentences(cleanText(profile.summary))[0];
  if (!first || first.split(/\s+/).length > 40) return null;
  return /^I\b/.test(first)
    ? `In short: ${first.replace(/[.\s]*$/, ".")}`
    : `In short: ${lowerFirst(first).replace(/[.\s]*$/, ".")}`;
}

function signOff(profile: Profile): string {
  const preferred = ["LinkedIn", "GitHub", "Website", "GitLab"];
  const link = [...profile.links].sort(
    (first, second) => rank(preferred, first.label) - rank(preferred, second.label),
  )[0];
  const contact = [profile.email, profile.phone, profile.city, link?.url].filter((value): value is string =>
    Boolean(value),
  );
  return ["Sincerely,", profile.name, contact.join(" · ")].filter(Boolean).join("\n");
}

function rank(order: string[], label: string): number {
  const index = order.findIndex((entry) => entry.toLowerCase() === label.toLowerCase());
  return index === -1 ? order.length : index;
}

/**
 * The title as the letter says it: codes in brackets dropped, trailing locations dropped, qualifiers
 * kept in parentheses: "Software Engineer, Observability, Europe" → "Software Engineer (Observability)".
 */
export function displayTitle(title: string, location: string | null): string {
  const withoutCodes = title
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const [head = withoutCodes, ...rest] = withoutCodes.split(/\s*,\s*|\s+[-–—|]\s+/);
  const region =
    /^(remote|hybrid|on-?site|europe|emea|apac|amer|americas|latam|us|usa|uk|eu|north america|worldwide|global|anywhere|full[- ]time|part[- ]time)$/i;
  const qualifiers = rest.filter(
    (part) =>
      part !== "" &&
      !region.test(part) &&
      !location?.toLowerCase().includes(part.toLowerCase()) &&
      !/\(.*\)/.test(part),
  );
  return qualifiers.length > 0 ? `${head} (${qualifiers.join(", ")})` : head;
}

function composeWithoutProfile(request: LetterRequest): string {
  const names = namesOf(request);
  const requirements = extractRequirements(request.job.description).map((requirement) => requirement.phrase);
  const focus = requirements.slice(0, 3);
  const more = requirements.slice(3, 6);
  const paragraphs = [
    salutation(names),
    [
      openings[request.tone](positionPhrase(names)),
      focus.length > 0
        ? `Reading the posting, I understand that the role centres on ${joinList(focus)}${more.length > 0 ? `, with ${joinList(more)} also mentioned` : ""}.`
        : "I have read the posting carefully and would like to be considered.",
    ].join(" "),
    `I would be glad to explain in a conversation how my background relates to these needs, and I can share a full résumé and references on request. I am interested in ${names.company ? `${names.company}'s` : "your"} work and in contributing to it${names.role ? ` as ${article(names.role)} ${names.role}` : ""}.`,
    closings[request.tone](names),
    "Sincerely,",
  ];
  return paragraphs.join("\n\n");
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(uni|use|eu|one)/i.test(phrase) ? "an" : "a";
}
