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
 *
 * Each step's result is stored as it finishes, so a failure later on never loses what was done, and
 * a re-run (`jobpipe sync`) never repeats a step that succeeded.
 */
import type { Logger } from "pino";
import {
  AppError,
  type Application,
  type Job,
  type LetterDraft,
  type Profile,
  type StepName,
  type Steps,
} from "../core/index.js";
import type { StepRecord } from "../store/index.js";
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
  signal?: AbortSignal;
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
    const supplied = input.html ?? input.text ?? null;
    const checkedUrl = await this.dependencies.checkUrl(input.url);
    const canonicalUrl = this.dependencies.canonicalUrl(checkedUrl);

    if (!input.force) {
      const known = await store.applications.findLatestByUrl(canonicalUrl);
      if (known) {
        if (supplied !== null && known.input_kind === "url") {
          const extract = (await store.steps.forApplication(known.id)).extract;
          if (extract.status !== "ok") {
            // The site blocked us before; the user now brings the page: keep it and use it.
            await store.applications.update(known.id, {
              input_kind: input.html != null ? "html" : "text",
              input_content: supplied,
            });
          }
        }
        return { application: await this.resume(known.id, { signal: input.signal }), reused: true };
      }
    }

    const id = this.dependencies.newId();
    const now = this.timestamp();
    await store.applications.insert({
      id,
      url: canonicalUrl,
      submitted_url: checkedUrl,
      stage: "saved",
      status: "failed",
      input_kind: input.html != null ? "html" : input.text != null ? "text" : "url",
      input_content: supplied,
      card_id: null,
      card_url: null,
      created_at: now,
      updated_at: now,
    });
    const logger = this.dependencies.logger.child({ applicationId: id });
    logger.info({ url: canonicalUrl }, "application created");
    if (input.tracker === false) await this.record(id, "tracker", skippedStep("not wanted (--no-tracker)"));
    if (input.letter === false) {
      for (const step of ["letter", "docx", "pdf"] as const) {
        await this.record(id, step, skippedStep("not wanted (--no-letter)"));
      }
    }
    return { application: await this.resume(id, { signal: input.signal }), reused: false };
  }

  /** Runs every step of the application that is neither ok nor skipped. */
  async resume(id: string, options: { signal?: AbortSignal } = {}): Promise<Application> {
    const inFlight = this.running.get(id);
    if (inFlight) return inFlight;
    const run = this.runSteps(id, options).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
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
      if (needsRun(steps, "tracker")) await this.runTracker(id, row.url, job, logger, options);
      if (needsRun(steps, "letter")) await this.runLetter(id, job, logger, options);
      steps = await store.steps.forApplication(id);
      for (const kind of ["docx", "pdf"] as const) {
        if (needsRun(steps, kind) && steps.letter.status === "ok")
          await this.runDocument(id, kind, job, logger);
      }
    }

    steps = await store.steps.forApplication(id);
    const status = applicationStatus(job, steps);
    await store.applications.update(id, { status, updated_at: this.timestamp() });
    logger.info({ status, steps: summarise(steps) }, "application finished");
    const application = await store.loadApplication(id);
    if (!application)
      throw new AppError("JOBPIPE_ERR_NOT_FOUND", `Application ${id} disappeared while running`);
    return application;
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

  private async runTracker(
    id: string,
    postingUrl: string,
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
      const card = await tracker.ensureCard(
        { applicationId: id, postingUrl, job },
        { signal: options.signal },
      );
      await store.applications.update(id, { card_id: card.cardId, card_url: card.cardUrl });
      await this.record(id, "tracker", okStep(attemptsOf(card), performance.now() - started));
      logger.info({ cardId: card.cardId }, "card filed");
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

function needsRun(steps: Steps, step: StepName): boolean {
  return steps[step].status === "pending" || steps[step].status === "failed";
}

function summarise(steps: Steps): Record<string, string> {
  return Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, step.status]));
}

function attemptsOf(value: object): number {
  const attempts = (value as { attempts?: unknown }).attempts;
  return typeof attempts === "number" ? attempts : 1;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
