/**
 * The JSON Resume schema (../shared/corpus/resumes/jsonresume-schema/schema.json, draft-07) as zod.
 * Like the original, objects allow extra properties and every field is optional; what is present
 * must have the right type, dates must be ISO 8601 prefixes (2014, 2014-06, 2014-06-29), and the
 * email and URL fields must be well-formed.
 */
import { z } from "zod";

const iso8601 = z
  .string()
  .regex(
    /^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$/,
    "must be a date like 2014-06-29, 2014-06 or 2014",
  );
const uri = z.string().refine((value) => URL.canParse(value), "must be a URL");
const email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address");
const text = z.string();
const texts = z.array(z.string());

const work = z
  .looseObject({
    name: text,
    location: text,
    description: text,
    position: text,
    url: uri,
    startDate: iso8601,
    endDate: iso8601,
    summary: text,
    highlights: texts,
  })
  .partial();

export const jsonResumeSchema = z
  .looseObject({
    $schema: uri,
    basics: z
      .looseObject({
        name: text,
        label: text,
        image: text,
        email,
        phone: text,
        url: uri,
        summary: text,
        location: z
          .looseObject({ address: text, postalCode: text, city: text, countryCode: text, region: text })
          .partial(),
        profiles: z.array(z.looseObject({ network: text, username: text, url: uri }).partial()),
      })
      .partial(),
    work: z.array(work),
    volunteer: z.array(
      z
        .looseObject({
          organization: text,
          position: text,
          url: uri,
          startDate: iso8601,
          endDate: iso8601,
          summary: text,
          highlights: texts,
        })
        .partial(),
    ),
    education: z.array(
      z
        .looseObject({
          institution: text,
          url: uri,
          area: text,
          studyType: text,
          startDate: iso8601,
          endDate: iso8601,
          score: text,
          courses: texts,
        })
        .partial(),
    ),
    awards: z.array(z.looseObject({ title: text, date: iso8601, awarder: text, summary: text }).partial()),
    certificates: z.array(z.looseObject({ name: text, date: iso8601, url: uri, issuer: text }).partial()),
    publications: z.array(
      z.looseObject({ name: text, publisher: text, releaseDate: iso8601, url: uri, summary: text }).partial(),
    ),
    skills: z.array(z.looseObject({ name: text, level: text, keywords: texts }).partial()),
    languages: z.array(z.looseObject({ language: text, fluency: text }).partial()),
    interests: z.array(z.looseObject({ name: text, keywords: texts }).partial()),
    references: z.array(z.looseObject({ name: text, reference: text }).partial()),
    projects: z.array(
      z
        .looseObject({
          name: text,
          description: text,
          highlights: texts,
          keywords: texts,
          startDate: iso8601,
          endDate: iso8601,
          url: uri,
          roles: texts,
          entity: text,
          type: text,
        })
        .partial(),
    ),
    meta: z.looseObject({ canonical: uri, version: text, lastModified: text }).partial(),
  })
  .partial();

export type JsonResume = z.infer<typeof jsonResumeSchema>;

/** "work[2].startDate must be a date like 2014-06-29…; basics.email must be an email address" */
export function describeSchemaIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (joined, key) =>
          typeof key === "number" ? `${joined}[${key}]` : joined ? `${joined}.${String(key)}` : String(key),
        "",
      );
      return `${path || "(root)"} ${issue.message}`;
    })
    .join("; ");
}
