/** A plausible model answer: about 280 words, naming the role and the company, no placeholders. */
export function sampleLetter(role: string, company: string): string {
  const paragraph = (sentences: string[]) => sentences.join(" ");
  return [
    "Dear Hiring Team,",
    paragraph([
      `I am writing to apply for the ${role} position with ${company}.`,
      "The posting asks for someone who can design reliable services, write clear code and explain trade-offs to colleagues,",
      "and that is the work I have enjoyed most over the past several years.",
      "I would welcome the chance to bring that experience to your team and to learn from the people already doing it well.",
    ]),
    paragraph([
      "In my most recent role I owned a set of backend services written in TypeScript on Node.js,",
      "backed by PostgreSQL, and I was responsible for their design, their tests and their behaviour in production.",
      "I introduced structured logging and tracing, which cut the time we needed to find the cause of an incident roughly in half,",
      "and I reworked a slow reporting query so that a page our customers used every morning loaded in under a second.",
    ]),
    paragraph([
      "I also care about written communication.",
      "I wrote the design documents for two larger changes, ran the reviews for them, and kept the team's runbooks current,",
      "so that anyone on call could resolve the common problems without waking someone else up.",
      "Mentoring newer engineers through code review has been one of the most rewarding parts of my work.",
    ]),
    paragraph([
      `What draws me to ${company} is the care that shows in how the role is described:`,
      "clear expectations, a focus on quality, and room to grow.",
      `I would be glad to talk about how I could contribute as your ${role},`,
      "and I am happy to share examples of my code and design documents.",
      "Thank you for your time and consideration.",
    ]),
    "Sincerely,\nAlex Candidate",
  ].join("\n\n");
}
