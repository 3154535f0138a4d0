import { describe, expect, it } from "vitest";
import { skillLexicon } from "../../src/letter/offline/skill-lexicon.js";

const skillsIn = (text: string) =>
  skillLexicon
    .filter((entry) => new RegExp(entry.pattern.source, "iu").test(text))
    .map((entry) => entry.name);

describe("skill lexicon", () => {
  it("finds JavaScript by name or as JS, but not inside Node.js, Next.js or Vue.js", () => {
    expect(skillsIn("5+ years of TypeScript and Node.js")).not.toContain("JavaScript");
    expect(skillsIn("Next.js and Vue.js")).not.toContain("JavaScript");
    expect(skillsIn("modern JS and CSS")).toContain("JavaScript");
    expect(skillsIn("JavaScript (ES2022)")).toContain("JavaScript");
  });
});
