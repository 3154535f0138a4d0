/**
 * The one place that orders the steps and records each one.
 *
 *   submit(url | page)  → refuse unfetchable URLs (nothing stored), reuse a known posting unless
 *                         --force, else store the application, then resume it
 *   resume(id)          → run every step that is neither ok nor skipped, in order:
 *     fetch → extract   (the job; without it the application is "failed" and nothing else runs)
 *     tracker           (Trello card, or skipped when the built-in board is used)
 *     letter            (a cached letter for the same inputs is reused without a model call)
 *     docx, pdf         (rendered from the newest letter version)
 *     attachments       (the documents uploaded to the card, part of the tracker step)
 *   setStage(id, stage) → the stage is stored at once; the card follows (or the tracker step is
 *                         left failed for `sync` to finish)
 *   writeLetter(id)     → a new letter version (with the user's feedback), then its documents
 *   sync()              → stages of cards the user moved on Trello, then resume every application
 *                         with a step left failed or pending
 *
 * Each step's result is stored as it finishes, so a failure later on never loses what was done, and
 * a re-run (`jobpipe sync`) never repeats a step that succeeded.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import {
  AppError,
  type Application,
  type Job,
  type LetterDraft,
  type Profile,
  type Stage,
  type StepName,
  type Steps,
  type TrackerFile,
  toAppError,
} from "../core/index.js";
import { isUniqueViolation, type StepRecord } from "../store/index.js";
import { applicationStatus } from "./application-status.js";
import type { PipelineDependencies, PostingSource } from "./dependencies.js";
import { letterCacheKey } from "./letter-cache-key.js";
import { failedStep, okStep, pendingStep, skippedStep } from "./step-outcome.js";

export interface SubmitInput {
  url: string;
  /** The page itself, when the site blocks fetching. */
  html?: string | null;
  text?: string | null;
  /** Make a new application even when this posting is known. */
  force?: boolean;
  /** false = don't file a card (--no-tracker). */
  tracker?: boolean;
  /** false = no letter and no documents (--no-letter). */
  letter?: boolean;
  /** Only store the application, with every step pending, for `sync` (or a re-run) to do later. */
  defer?: boolean;
  signal?: AbortSignal;
}

export interface SyncReport {
  /** Every application that had work left, as it is now. */
  applications: Application[];
  /** Stages taken from cards the user moved on Trello. */
  stageChanges: { id: string; from: Stage; to: Stage }[];
  /** Why reading the board failed, when it did. */
  trackerError: string | null;
}

export interface SubmitResult {
  application: Application;
  /** true when a known posting's application was reused instead of creating one. */
  reused: boolean;
}

export class Pipeline {
  /** Applications being worked on in this process, so two callers never run the same steps at once. */
  private readonly running = new Map<string, Promise<Application>>();

  constructor(private readonly dependencies: PipelineDependencies) {}

  async submit(input: SubmitInput): Promise<SubmitResult> {
    const { store } = this.dependencies;
    const checkedUrl = await this.dependencies.checkUrl(input.url);
    const canonicalUrl = this.dependencies.canonicalUrl(checkedUrl);

    if (!input.force) {
      const known = await store.applications.findLatestByUrl(canonicalUrl);
      if (known) return this.submitKnown(known.id, input);
    }

    const id = this.dependencies.newId();
    const now = this.timestamp();
    const notWanted = (reason: string) => skippedStep(`not wanted (${reason})`);
    try {
      await store.createApplication(
        {
          id,
          url: canonicalUrl,
          // Unique: a second application for the posting exists only when asked for (--force).
          posting_key: input.force ? `${canonicalUrl} ${id}` : canonicalUrl,
          submitted_url: checkedUrl,
          stage: "saved",
          status: "failed",
          input_kind: input.html != null ? "html" : input.text != null ? "text" : "url",
          input_content: input.html ?? input.text ?? null,
          card_id: null,
          card_url: null,
          created_at: now,
          updated_at: now,
        },
        {
          fetch: pendingStep(),
          extract: pendingStep(),
          tracker: input.tracker === false ? notWanted("--no-tracker") : pendingStep(),
          letter: input.letter === false ? notWanted("--no-letter") : pendingStep(),
          docx: input.letter === false ? notWanted("--no-letter") : pendingStep(),
          pdf: input.letter === false ? notWanted("--no-letter") : pendingStep(),
        },
      );
    } catch (error) {
      // Another process stored this posting between our look-up and our insert: use theirs.
      const known = isUniqueViolation(error) ? await store.applications.findLatestByUrl(canonicalUrl) : null;
      if (!known) throw error;
      return this.submitKnown(known.id, input);
    }
    this.dependencies.logger.child({ applicationId: id }).info({ url: canonicalUrl }, "application created");
    if (input.defer) return { application: await this.current(id), reused: false };
    return { application: await this.resume(id, { signal: input.signal }), reused: false };
  }

  /** A posting that is already stored: keep a page the user now brings, then finish what is left. */
  private async submitKnown(id: string, input: SubmitInput): Promise<SubmitResult> {
    const { store } = this.dependencies;
    const supplied = input.html ?? input.text ?? null;
    const known = await this.requireRow(id);
    if (supplied !== null && known.input_kind === "url") {
      const extract = (await store.steps.forApplication(id)).extract;
      if (extract.status !== "ok") {
        // The site blocked us before; the user now brings the page: keep it and use it.
        await store.applications.update(id, {
          input_kind: input.html != null ? "html" : "text",
          input_content: supplied,
        });
      }
    }
    if (input.defer) return { application: await this.current(id), reused: true };
    return { application: await this.resume(id, { signal: input.signal }), reused: true };
  }

  private async current(id: string): Promise<Application> {
    const application = await this.dependencies.store.loadApplication(id);
    if (!application) throw new AppError("JOBPIPE_ERR_NOT_FOUND", `No application with id ${id}`);
    return application;
  }

  /** Runs every step of the application that is neither ok nor skipped. */
  async resume(id: string, options: { signal?: AbortSignal } = {}): Promise<Application> {
    const inFlight = this.running.get(id);
    if (inFlight) return inFlight;
    return this.exclusive(id, () => this.runSteps(id, options));
  }

  private async runSteps(id: string, options: { signal?: AbortSignal }): Promise<Application> {
    const { store } = this.dependencies;
    const row = await store.applications.findById(id);
    if (!row) throw new AppError("JOBPIPE_ERR_NOT_FOUND", `No application with id ${id}`);
    const logger = this.dependencies.logger.child({ applicationId: id });
    let steps = await store.steps.forApplication(id);
    let job = await store.jobs.find(id);

    if (job === null || steps.extract.status !== "ok") {
      const posting = await this.runFetch(
        id,
        row.submitted_url,
        row.input_kind,
        row.input_content,
        logger,
        options,
      );
      job = posting ? await this.runExtract(id, posting, logger) : null;
    }

    if (job !== null) {
      steps = await store.steps.forApplication(id);
      if (needsRun(steps, "tracker")) await this.runTracker(id, job, logger, options);
      if (needsRun(steps, "letter")) await this.runLetter(id, job, logger, options);
      await this.runDocuments(id, job, logger);
      await this.runAttachments(id, logger, options);
    }
    return this.finish(id, logger);
  }

  /** Stores the status the steps add up to and returns the application. */
  private async finish(id: string, logger: Logger): Promise<Application> {
    const { store } = this.dependencies;
    const [job, steps] = await Promise.all([store.jobs.find(id), store.steps.forApplication(id)]);
    const status = applicationStatus(job, steps);
    await store.applications.update(id, { status, updated_at: this.timestamp() });
    logger.info({ status, steps: summarise(steps) }, "application finished");
    const application = await store.loadApplication(id);
    if (!application)
      throw new AppError("JOBPIPE_ERR_NOT_FOUND", `Application ${id} disappeared while running`);
    return application;
  }

  /** Moves the application to a stage; its card follows when there is one. */
  async setStage(id: string, stage: Stage, options: { signal?: AbortSignal } = {}): Promise<Application> {
    const row = await this.requireRow(id);
    return this.exclusive(row.id, async () => {
      const { store, tracker } = this.dependencies;
      const logger = this.dependencies.logger.child({ applicationId: row.id });
      await store.applications.update(row.id, { stage, updated_at: this.timestamp() });
      logger.info({ from: row.stage, to: stage }, "stage changed");
      const current = await this.requireRow(row.id);
      if (tracker && current.card_id) {
        const started = performance.now();
        try {
          await tracker.moveCard(current.card_id, stage, { signal: options.signal });
          await this.record(row.id, "tracker", okStep(1, performance.now() - started));
        } catch (error) {
          const outcome = failedStep(error, performance.now() - started);
          outcome.errorMessage = `Moving the card to ${stage} failed: ${outcome.errorMessage}`;
          logger.warn({ code: outcome.errorCode }, "moving the card failed");
          await this.record(row.id, "tracker", outcome);
        }
      }
      return this.finish(row.id, logger);
    });
  }

  /**
   * Writes a new version of the letter (taking the user's feedback into account) and its documents.
   * A failing model leaves the current letter in place and throws.
   */
  async writeLetter(
    id: string,
    request: { feedback?: string | null; signal?: AbortSignal } = {},
  ): Promise<Application> {
    const row = await this.requireRow(id);
    return this.exclusive(row.id, async () => {
      const { store, letterWriter, letterTone } = this.dependencies;
      const logger = this.dependencies.logger.child({ applicationId: row.id });
      const job = await store.jobs.find(row.id);
      if (!job) {
        throw new AppError(
          "JOBPIPE_ERR_NOT_A_JOB_PAGE",
          "This application has no job yet: run `jobpipe sync` first",
        );
      }
      const started = performance.now();
      const profile = await this.dependencies.loadProfile();
      if (profile) await store.profiles.save(profile, this.timestamp());
      const previous = await store.letters.latest(row.id);
      const feedback = request.feedback?.trim() || null;
      const draft = await letterWriter.write(
        { job, profile, tone: letterTone, feedback, previousText: previous?.text ?? null },
        { signal: request.signal },
      );
      const stored = await store.letters.addVersion(row.id, draft, {
        // Only an unprompted letter may be reused for another posting; feedback makes it personal.
        cacheKey: feedback === null ? letterCacheKey(job, profile, letterWriter, letterTone) : null,
        feedback,
        now: this.timestamp(),
        profileHash: profile?.contentHash ?? null,
      });
      await this.record(row.id, "letter", {
        ...okStep(draft.attempts, performance.now() - started),
        errorMessage: draft.warnings.length > 0 ? draft.warnings.join(" ") : null,
      });
      logger.info({ version: stored.version, feedback: feedback !== null }, "new letter version written");
      await this.record(row.id, "docx", pendingStep());
      await this.record(row.id, "pdf", pendingStep());
      await this.runDocuments(row.id, job, logger);
      await this.runAttachments(row.id, logger, { signal: request.signal });
      return this.finish(row.id, logger);
    });
  }

  /**
   * Finishes the work left behind. First takes the stages of cards the user moved on Trello (only
   * for applications whose card is in step, so a move jobpipe still owes Trello isn't undone), then
   * resumes every application with a step left failed or pending, oldest first.
   */
  async sync(options: { signal?: AbortSignal } = {}): Promise<SyncReport> {
    const { store, tracker } = this.dependencies;
    const logger = this.dependencies.logger;
    const stageChanges: SyncReport["stageChanges"] = [];
    let trackerError: string | null = null;
    if (tracker) {
      try {
        const stagesByCard = await tracker.readCardStages({ signal: options.signal });
        for (const row of await store.applications.listWithCards()) {
          const stage = stagesByCard.get(row.card_id ?? "");
          if (!stage || stage === row.stage) continue;
          if ((await store.steps.forApplication(row.id)).tracker.status !== "ok") continue;
          await store.applications.update(row.id, { stage, updated_at: this.timestamp() });
          stageChanges.push({ id: row.id, from: row.stage as Stage, to: stage });
          logger.info({ applicationId: row.id, from: row.stage, to: stage }, "stage taken from Trello");
        }
      } catch (error) {
        trackerError = toAppError(error).toString();
        logger.warn({ error: trackerError }, "reading card stages from Trello failed");
      }
    }
    const applications: Application[] = [];
    for (const row of await store.applications.listUnfinished()) {
      if (options.signal?.aborted) break;
      applications.push(await this.resume(row.id, options));
    }
    return { applications, stageChanges, trackerError };
  }

  private async requireRow(idOrPrefix: string) {
    const row = await this.dependencies.store.applications.findByIdOrPrefix(idOrPrefix);
    if (!row)
      throw new AppError("JOBPIPE_ERR_NOT_FOUND", `No application with id ${JSON.stringify(idOrPrefix)}`);
    return row;
  }

  /**
   * Runs `work` once no other work on this application is in flight, in this process (awaited) or
   * in another process on the same database (its lease is respected: the application is returned
   * as it stands, and that process finishes it).
   */
  private async exclusive(id: string, work: () => Promise<Application>): Promise<Application> {
    for (let inFlight = this.running.get(id); inFlight; inFlight = this.running.get(id)) {
      await inFlight.catch(() => undefined);
    }
    const run = this.underLease(id, work).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async underLease(id: string, work: () => Promise<Application>): Promise<Application> {
    const { store } = this.dependencies;
    const now = this.dependencies.now();
    const expiresAt = new Date(now.getTime() + leaseMs).toISOString();
    if (!(await store.leases.acquire(id, now.toISOString(), expiresAt))) {
      this.dependencies.logger.child({ applicationId: id }).info("another jobpipe process is working on it");
      const application = await store.loadApplication(id);
      if (!application) throw new AppError("JOBPIPE_ERR_NOT_FOUND", `No application with id ${id}`);
      return application;
    }
    try {
      return await work();
    } finally {
      await store.leases.release(id);
    }
  }

  private async runFetch(
    id: string,
    url: string,
    inputKind: string,
    inputContent: string | null,
    logger: Logger,
    options: { signal?: AbortSignal },
  ): Promise<PostingSource | null> {
    if ((inputKind === "html" || inputKind === "text") && inputContent !== null) {
      await this.record(id, "fetch", skippedStep("the page was supplied by the user"));
      return this.dependencies.postingFromUserInput(url, inputContent, inputKind);
    }
    const started = performance.now();
    try {
      const posting = await this.dependencies.fetchPosting(url, { signal: options.signal, logger });
      await this.record(id, "fetch", okStep(posting.attempts, performance.now() - started));
      return posting;
    } catch (error) {
      const outcome = failedStep(error, performance.now() - started);
      logger.warn({ code: outcome.errorCode, err: outcome.appError }, "fetch failed");
      await this.record(id, "fetch", outcome);
      return null;
    }
  }

  private async runExtract(id: string, posting: PostingSource, logger: Logger): Promise<Job | null> {
    const started = performance.now();
    try {
      const job = this.dependencies.extractPosting(posting);
      await this.dependencies.store.jobs.save(id, job, this.timestamp());
      await this.record(id, "extract", okStep(1, performance.now() - started));
      logger.info({ title: job.title, company: job.company, source: job.source }, "job extracted");
      return job;
    } catch (error) {
      const outcome = failedStep(error, performance.now() - started);
      logger.warn({ code: outcome.errorCode }, "extract failed");
      await this.record(id, "extract", outcome);
      return null;
    }
  }

  /** The card exists (made once, found again after a lost answer) and sits in the stage's list. */
  private async runTracker(
    id: string,
    job: Job,
    logger: Logger,
    options: { signal?: AbortSignal },
  ): Promise<void> {
    const { tracker, store } = this.dependencies;
    if (tracker === null) {
      await this.record(
        id,
        "tracker",
        skippedStep("Trello is not configured: tracked on the built-in board"),
      );
      return;
    }
    const started = performance.now();
    try {
      const row = await this.requireRow(id);
      let cardId = row.card_id;
      if (cardId === null) {
        const separateCard = row.posting_key !== row.url;
        const card = await tracker.ensureCard(
          { applicationId: id, postingUrl: row.url, job, separateCard },
          { signal: options.signal },
        );
        await store.applications.update(id, { card_id: card.cardId, card_url: card.cardUrl });
        cardId = card.cardId;
        logger.info({ cardId }, "card filed");
      }
      if (row.stage !== "saved")
        await tracker.moveCard(cardId, row.stage as Stage, { signal: options.signal });
      await this.record(id, "tracker", okStep(1, performance.now() - started));
    } catch (error) {
      const outcome = failedStep(error, performance.now() - started);
      logger.warn({ code: outcome.errorCode, attempts: outcome.attempts }, "tracker failed");
      await this.record(id, "tracker", outcome);
    }
  }

  private async runLetter(
    id: string,
    job: Job,
    logger: Logger,
    options: { signal?: AbortSignal },
  ): Promise<void> {
    const { store, letterWriter, letterTone } = this.dependencies;
    const started = performance.now();
    try {
      const profile = await this.dependencies.loadProfile();
      if (profile) await store.profiles.save(profile, this.timestamp());
      const cacheKey = letterCacheKey(job, profile, letterWriter, letterTone);
      const cached = await store.letters.findByCacheKey(cacheKey);
      let draft: LetterDraft;
      if (cached) {
        draft = {
          provider: cached.provider as LetterDraft["provider"],
          model: cached.model,
          text: cached.text,
          warnings: JSON.parse(cached.warnings_json) as string[],
          usage: null,
          attempts: 0,
        };
        logger.info(
          { fromApplication: cached.application_id, version: cached.version },
          "letter reused from cache",
        );
      } else {
        draft = await letterWriter.write({ job, profile, tone: letterTone }, { signal: options.signal });
      }
      const stored = await store.letters.addVersion(id, draft, {
        cacheKey,
        feedback: null,
        now: this.timestamp(),
        profileHash: profile?.contentHash ?? null,
      });
      const warning = draft.warnings.length > 0 ? draft.warnings.join(" ") : null;
      await this.record(id, "letter", {
        ...okStep(draft.attempts, performance.now() - started),
        errorMessage: warning,
      });
      for (const kind of ["docx", "pdf"] as const) {
        const steps = await store.steps.forApplication(id);
        if (steps[kind].status === "ok") await this.record(id, kind, pendingStep());
      }
      logger.info(
        { provider: draft.provider, model: draft.model, version: stored.version, attempts: draft.attempts },
        "letter written",
      );
    } catch (error) {
      const outcome = failedStep(error, performance.now() - started);
      logger.warn({ code: outcome.errorCode, attempts: outcome.attempts }, "letter failed");
      await this.record(id, "letter", outcome);
    }
  }

  private async runDocuments(id: string, job: Job, logger: Logger): Promise<void> {
    const steps = await this.dependencies.store.steps.forApplication(id);
    if (steps.letter.status !== "ok") return;
    for (const kind of ["docx", "pdf"] as const) {
      if (needsRun(steps, kind)) await this.runDocument(id, kind, job, logger);
    }
  }

  /**
   * Uploads the newest letter's DOCX and PDF to the card once both exist, replacing an earlier
   * version's. A failure leaves the tracker step failed, so `sync` uploads them later.
   */
  private async runAttachments(id: string, logger: Logger, options: { signal?: AbortSignal }): Promise<void> {
    const { store, tracker } = this.dependencies;
    const row = await this.requireRow(id);
    if (tracker === null || row.card_id === null) return;
    const letter = await store.letters.latest(id);
    if (!letter || row.card_letter_version === letter.version) return;
    const steps = await store.steps.forApplication(id);
    if (steps.docx.status !== "ok" || steps.pdf.status !== "ok" || steps.tracker.status !== "ok") return;
    const paths = await store.documents.forVersion(id, letter.version);
    if (paths.docx === null || paths.pdf === null) return;
    const started = performance.now();
    try {
      const files = await Promise.all([
        attachmentFile(paths.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        attachmentFile(paths.pdf, "application/pdf"),
      ]);
      await tracker.replaceAttachments(row.card_id, files, { signal: options.signal });
      await store.applications.update(id, { card_letter_version: letter.version });
      logger.info({ cardId: row.card_id, version: letter.version }, "letter attached to the card");
    } catch (error) {
      const outcome = failedStep(error, performance.now() - started);
      outcome.errorMessage = `Attaching the letter to the card failed: ${outcome.errorMessage}`;
      logger.warn({ code: outcome.errorCode }, "attaching the letter failed");
      await this.record(id, "tracker", outcome);
    }
  }

  private async runDocument(id: string, kind: "docx" | "pdf", job: Job, logger: Logger): Promise<void> {
    const { store, documents } = this.dependencies;
    const started = performance.now();
    try {
      const letter = await store.letters.latest(id);
      if (!letter) throw new AppError("JOBPIPE_ERR_INTERNAL", "There is no letter to render yet");
      const profile = await this.loadProfileQuietly();
      const input = { job, profile, letterText: letter.text, date: new Date(letter.created_at) };
      const content = kind === "docx" ? await documents.docx(input) : await documents.pdf(input);
      const filePath = await this.dependencies.saveDocumentFile({
        applicationId: id,
        letterVersion: letter.version,
        fileName: documents.fileName(job.company, job.title, kind),
        content,
      });
      await store.documents.save(id, letter.version, kind, filePath, this.timestamp());
      await this.record(id, kind, okStep(1, performance.now() - started));
      logger.info({ kind, path: filePath, bytes: content.length }, "document written");
    } catch (error) {
      const code = kind === "docx" ? "JOBPIPE_ERR_DOCX_RENDER" : "JOBPIPE_ERR_PDF_RENDER";
      const outcome = failedStep(
        error instanceof AppError
          ? error
          : new AppError(code, `Rendering the ${kind.toUpperCase()} failed: ${messageOf(error)}`, {
              cause: error,
            }),
        performance.now() - started,
      );
      logger.warn({ code: outcome.errorCode, err: error }, `${kind} failed`);
      await this.record(id, kind, outcome);
    }
  }

  /** Documents still render (without a sender block) when the résumé can't be read. */
  private async loadProfileQuietly(): Promise<Profile | null> {
    try {
      return await this.dependencies.loadProfile();
    } catch {
      return null;
    }
  }

  private async record(id: string, step: StepName, record: StepRecord): Promise<void> {
    await this.dependencies.store.steps.record(id, step, record, this.timestamp());
  }

  private timestamp(): string {
    return this.dependencies.now().toISOString();
  }
}

/** How long a process may hold an application before another may take it over. */
const leaseMs = 15 * 60 * 1000;

function needsRun(steps: Steps, step: StepName): boolean {
  return steps[step].status === "pending" || steps[step].status === "failed";
}

function summarise(steps: Steps): Record<string, string> {
  return Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, step.status]));
}

async function attachmentFile(filePath: string, mimeType: string): Promise<TrackerFile> {
  return { fileName: path.basename(filePath), mimeType, data: await readFile(filePath) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
