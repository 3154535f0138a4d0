/** Maps schema.org employmentType values and wording in many languages to Job.employmentType. */
import type { EmploymentType } from "../../core/index.js";

const rules: Array<[RegExp, EmploymentType]> = [
  [/intern|praktik|stage\b|stagiaire|werkstudent|trainee|apprenti|alternance/i, "internship"],
  [/part[\s_-]?time|teilzeit|temps partiel|deltid|media jornada|tiempo parcial/i, "part_time"],
  [/contract|contractor|freelance|fixed[\s_-]?term|\bcdd\b|befristet|consult/i, "contract"],
  [/temporary|temp\b|seasonal|vikar|tijdelijk|interim/i, "temporary"],
  [
    /full[\s_-]?time|permanent|vollzeit|\bcdi\b|fuldtid|tiempo completo|jornada completa|temps plein|regular/i,
    "full_time",
  ],
  [/volunteer|per[\s_-]?diem|other/i, "other"],
];

export function mapEmploymentType(value: unknown): EmploymentType | null {
  const values = Array.isArray(value) ? value : [value];
  for (const entry of values) {
    if (typeof entry !== "string") continue;
    for (const [pattern, type] of rules) if (pattern.test(entry)) return type;
  }
  return null;
}
