/** The candidate, as read from their résumé (JOBPIPE_PROFILE). */

export interface ProfileLink {
  label: string;
  url: string;
}

export interface ProfileExperience {
  employer: string;
  title: string | null;
  startDate: string | null;
  endDate: string | null;
  summary: string | null;
  highlights: string[];
}

export interface ProfileEducation {
  institution: string;
  area: string | null;
  studyType: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface Profile {
  name: string | null;
  label: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  links: ProfileLink[];
  summary: string | null;
  experience: ProfileExperience[];
  education: ProfileEducation[];
  skills: string[];
  /** The résumé as plain text, for prompts. */
  text: string;
  /** sha256 of the source file's bytes. */
  contentHash: string;
  /** Path the profile was read from. */
  sourcePath: string;
}
