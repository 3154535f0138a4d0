/** Where commands write: results to stdout, messages to stderr. With --json, stdout carries only JSON. */
export interface Output {
  /** A line of human-readable result on stdout. */
  print(text: string): void;
  /** A JSON document on stdout (one line). */
  json(value: unknown): void;
  /** A message for the user on stderr. */
  error(text: string): void;
}

export const processOutput: Output = {
  print: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};
