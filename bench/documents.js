/**
 * Benchmark: DOCX + PDF for one letter, warm, median of many runs; and, when LibreOffice (`soffice`)
 * is installed, LibreOffice converting the same DOCX to PDF (what the original tool shelled out to),
 * reported as a ratio. Needs the build: `npx tsc -p tsconfig.build.json` (or `npm run build`).
 *
 * Two more figures keep the headline honest: the very first letter in the process (fonts parsed and
 * stripped, DOCX template packed), and the PDF of letters made only of words never laid out before,
 * since the PDF renderer remembers how it shaped each word across documents.
 *
 * Run alone: `node bench/documents.js`.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { buildLetterDocument, renderDocx, renderPdf } from "../dist/documents/index.js";

const run = promisify(execFile);

const job = {
  title: "Senior Platform Engineer",
  company: "Ørsted Digital",
  location: "Berlin, Germany",
  workplace: "hybrid",
  employmentType: "full_time",
  salary: null,
  datePosted: "2025-03-01",
  validThrough: null,
  description: "We are looking for an engineer to build and run our platform with a small, kind team.",
  applyUrl: null,
  url: "https://jobs.example.com/orsted/123",
  source: "json-ld",
};

const profile = {
  name: "Zoë Łukasz-Дмитрий",
  label: "Platform engineer",
  email: "zoe@example.com",
  phone: "+49 30 1234567",
  city: "Berlin",
  links: [{ label: "GitHub", url: "https://github.com/zoe-example" }],
  summary: null,
  experience: [],
  education: [],
  skills: [],
  text: "",
  contentHash: "0".repeat(64),
  sourcePath: "bench",
};

const letterText = `Dear Hiring Manager,

I am writing to apply for the Senior Platform Engineer role at Ørsted Digital. For six years I have built and run platforms that other engineers rely on every day, and I would like to bring that experience to your team.

At my current employer I moved forty services onto a shared deployment pipeline, cutting release time from days to minutes, and wrote the runbooks our on-call engineers use at night. I care about boring, dependable systems, clear documentation and colleagues who feel safe asking questions.

Your posting mentions a platform that serves customers around the clock. That is the work I enjoy most: making the right thing the easy thing, measuring what matters, and fixing causes rather than symptoms.

I would welcome the chance to talk about how I can help your team.

Sincerely,
Zoë Łukasz-Дмитрий`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall-clock and CPU time of one call; CPU time shows the cost when other work shares the machine. */
async function time(operation) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await operation();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

function findSoffice() {
  for (const name of ["soffice", "libreoffice"]) {
    try {
      execFileSync("which", [name], { stdio: "ignore" });
      return name;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

/** Converts the DOCX to PDF with LibreOffice, cold each time (a fresh process, as a shell-out is). */
async function benchLibreOffice(docx, runs) {
  const soffice = findSoffice();
  if (!soffice) return null;
  const directory = await mkdtemp(path.join(tmpdir(), "jobpipe-bench-lo-"));
  try {
    const input = path.join(directory, "letter.docx");
    await writeFile(input, docx);
    const profileUrl = pathToFileURL(path.join(directory, "profile")).href;
    const convert = () =>
      run(soffice, [
        `-env:UserInstallation=${profileUrl}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        directory,
        input,
      ]);
    await convert(); // first start builds the profile; not counted
    const times = [];
    for (let index = 0; index < runs; index++) times.push((await time(convert)).ms);
    const files = await readdir(directory);
    if (!files.includes("letter.pdf")) throw new Error("LibreOffice produced no PDF");
    return { medianMs: median(times), runs };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The letter with a suffix unique to `run` on every word, so none of its words was shaped before. */
function unseenWordsLetter(run) {
  let suffix = "";
  for (let value = run + 1; value > 0; value = Math.floor(value / 26)) {
    suffix += String.fromCharCode(97 + (value % 26));
  }
  return letterText.replace(/\p{L}+/gu, (word) => `${word}${suffix}`);
}

export async function benchDocuments({ runs = 60, warmup = 10, libreOfficeRuns = 3 } = {}) {
  const date = new Date("2025-03-07T10:00:00Z");
  const both = async (text = letterText) => {
    const letter = buildLetterDocument({ job, profile, letterText: text, date, timeZone: "UTC" });
    const [docx, pdf] = await Promise.all([renderDocx(letter), renderPdf(letter)]);
    return { docx, pdf };
  };
  const first = await time(() => both());
  for (let index = 0; index < warmup; index++) await both();

  const docxTimes = [];
  const pdfTimes = [];
  const bothTimes = [];
  const bothCpuTimes = [];
  let last = null;
  for (let index = 0; index < runs; index++) {
    const letter = buildLetterDocument({ job, profile, letterText, date, timeZone: "UTC" });
    docxTimes.push((await time(() => renderDocx(letter))).ms);
    pdfTimes.push((await time(() => renderPdf(letter))).ms);
    const measured = await time(both);
    bothTimes.push(measured.ms);
    bothCpuTimes.push(measured.cpuMs);
    last = measured.result;
  }

  // Never-seen words: the PDF pays for shaping every word again (the DOCX has nothing to remember).
  const unseenPdfTimes = [];
  for (let index = 0; index < runs; index++) {
    const letter = buildLetterDocument({
      job,
      profile,
      letterText: unseenWordsLetter(index),
      date,
      timeZone: "UTC",
    });
    unseenPdfTimes.push((await time(() => renderPdf(letter))).ms);
  }

  const result = {
    runs,
    docxMedianMs: round(median(docxTimes)),
    pdfMedianMs: round(median(pdfTimes)),
    bothMedianMs: round(median(bothTimes)),
    bothCpuMedianMs: round(median(bothCpuTimes)),
    firstBothMs: round(first.ms),
    unseenWordsPdfMedianMs: round(median(unseenPdfTimes)),
    docxBytes: last.docx.length,
    pdfBytes: last.pdf.length,
    targetMs: 20,
    libreOffice: null,
  };
  const libreOffice = libreOfficeRuns > 0 ? await benchLibreOffice(last.docx, libreOfficeRuns) : null;
  if (libreOffice) {
    result.libreOffice = {
      runs: libreOffice.runs,
      medianMs: round(libreOffice.medianMs),
      ratio: round(libreOffice.medianMs / result.bothMedianMs),
    };
  }

  console.log(
    `documents: DOCX ${result.docxMedianMs} ms + PDF ${result.pdfMedianMs} ms; both ${result.bothMedianMs} ms ` +
      `(CPU ${result.bothCpuMedianMs} ms) ` +
      `(median of ${runs} warm runs, target ≤ ${result.targetMs} ms; ${result.docxBytes} + ${result.pdfBytes} bytes)`,
  );
  console.log(
    `documents: first letter in the process ${result.firstBothMs} ms; ` +
      `PDF of a letter of never-seen words ${result.unseenWordsPdfMedianMs} ms (median of ${runs})`,
  );
  console.log(
    result.libreOffice
      ? `documents: LibreOffice DOCX→PDF ${result.libreOffice.medianMs} ms (median of ${result.libreOffice.runs}); ` +
          `jobpipe is ${result.libreOffice.ratio}× faster`
      : libreOfficeRuns > 0
        ? "documents: soffice not installed; LibreOffice comparison skipped"
        : "documents: LibreOffice comparison not requested",
  );
  return result;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchDocuments();
}
