/**
 * `npm run bench`: every benchmark, one after the other, printing figures (nothing here passes or
 * fails). Run after a build (the npm script builds first). Each benchmark also runs alone:
 * `node bench/documents.js`, `node bench/extract.js`.
 */
import { benchBatch } from "./batch.js";
import { benchDocuments } from "./documents.js";
import { benchExtract } from "./extract.js";

const selected = new Set(process.argv.slice(2));
const benchmarks = [
  ["documents", benchDocuments],
  ["extract", benchExtract],
  ["batch", benchBatch],
];

for (const [name, benchmark] of benchmarks) {
  if (selected.size > 0 && !selected.has(name)) continue;
  console.log(`\n== ${name} ==`);
  await benchmark();
}
