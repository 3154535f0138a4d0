import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError, attemptsOf, type Profile } from "../../src/core/index.js";
import {
  createLetterWriter,
  createOfflineLetterWriter,
  createOpenAiLetterWriter,
  type OpenAiLetterWriterOptions,
} from "../../src/letter/index.js";
import { loadProfile } from "../../src/profile/index.js";
import {
  completionResponse,
  errorResponse,
  type FakeOpenAi,
  startFakeOpenAi,
} from "../fakes/openai-server.js";
import { corpusJob, corpusResumes, memoryLogger, recordingSleep } from "./helpers.js";

const apiKey = "sk-test-0123456789abcdefSECRET";
const job = corpusJob("openai-fullstack");
let profile: Profile;
let goodLetter: string;
let fake: FakeOpenAi;

beforeAll(async () => {
  profile = await loadProfile(corpusResumes.thomasDavis);
  // A letter that passes every check: the offline writer's, for the same job and profile.
  goodLetter = (await createOfflineLetterWriter().write({ job, profile, tone: "formal" })).text;
});

beforeEach(async () => {
  fake = await startFakeOpenAi();
  fake.setDefault(completionResponse(goodLetter));
});

afterEach(async () => {
  await fake.close();
});

function writer(overrides: Partial<OpenAiLetterWriterOptions> = {}) {
  const sleep = recordingSleep();
  const log = memoryLogger();
  const letterWriter = createOpenAiLetterWriter({
    apiKey,
    baseUrl: fake.baseUrl,
    model: "gpt-4o-mini",
    logger: log.logger,
    sleep: sleep.sleep,
    ...overrides,
  });
  return { letterWriter, waits: sleep.waits, log };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("OpenAI letter writer: retry policy", () => {
  it("429, 429, success: three calls, waiting 1 s then 2 s", async () => {
    fake.enqueue(errorResponse(429, "Rate limit reached"), errorResponse(429, "Rate limit reached"));
    const { letterWriter, waits, log } = writer();
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(fake.chatRequests()).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(draft.attempts).toBe(3);
    expect(draft.text).toBe(goodLetter);
    expect(draft.warnings).toEqual([]);
    const retries = log.lines().filter((line) => line.level === 40);
    expect(retries.map((line) => [line.attempt, line.waitMs, line.status])).toEqual([
      [1, 1000, 429],
      [2, 2000, 429],
    ]);
  });

  it("always 500: four calls, waits 1 s, 2 s, 4 s, then a coded failure carrying the attempts", async () => {
    fake.setDefault(errorResponse(500, "The server had an error"));
    const { letterWriter, waits } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(fake.chatRequests()).toHaveLength(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(error.code).toBe("JOBPIPE_ERR_LLM_UNAVAILABLE");
    expect(attemptsOf(error)).toBe(4);
    expect(error.message).toMatch(/HTTP 500/);
    expect(error.message).toMatch(/4 attempts/);
  });

  it("rate limited every time: JOBPIPE_ERR_LLM_RATE_LIMITED after four calls", async () => {
    fake.setDefault(errorResponse(429, "Rate limit reached"));
    const { letterWriter } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_RATE_LIMITED");
    expect(attemptsOf(error)).toBe(4);
    expect(fake.chatRequests()).toHaveLength(4);
  });

  it("honours the server's retry-after-ms instead of the schedule", async () => {
    fake.enqueue(errorResponse(429, "slow down", { "retry-after-ms": "250" }));
    const { letterWriter, waits } = writer();
    await letterWriter.write({ job, profile, tone: "formal" });
    expect(waits).toEqual([250]);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it("honours Retry-After in seconds on a 503", async () => {
    fake.enqueue(errorResponse(503, "overloaded", { "retry-after": "3" }));
    const { letterWriter, waits } = writer();
    await letterWriter.write({ job, profile, tone: "formal" });
    expect(waits).toEqual([3000]);
  });

  it("retries 408 and 409 too", async () => {
    fake.enqueue(errorResponse(408, "timeout"), errorResponse(409, "conflict"));
    const { letterWriter, waits } = writer();
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(waits).toEqual([1000, 2000]);
    expect(draft.attempts).toBe(3);
  });

  it("401: one call, an authentication error that names OPENAI_API_KEY and never the key", async () => {
    fake.setDefault(errorResponse(401, `Incorrect API key provided: ${apiKey}`));
    const { letterWriter, waits, log } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(fake.chatRequests()).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error.code).toBe("JOBPIPE_ERR_LLM_AUTH");
    expect(error.message).toMatch(/authentication failed/i);
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(error.message).not.toContain(apiKey);
    expect(attemptsOf(error)).toBe(1);
    expect(log.raw()).not.toContain(apiKey);
  });

  it("403 fails at once as an authentication error", async () => {
    fake.setDefault(errorResponse(403, "Country, region, or territory not supported"));
    const { letterWriter } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_AUTH");
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("unknown model (404): one call, a bad-request error naming the model", async () => {
    fake.setDefault(errorResponse(404, "The model `gpt-nope` does not exist"));
    const { letterWriter } = writer({ model: "gpt-nope" });
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_BAD_REQUEST");
    expect(error.message).toContain("gpt-nope");
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("400 fails at once", async () => {
    fake.setDefault(errorResponse(400, "Invalid value for 'temperature'"));
    const { letterWriter } = writer({ temperature: 7 });
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_BAD_REQUEST");
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("a timeout is retried", async () => {
    fake.enqueue({ ...completionResponse(goodLetter), hangMs: 1500 });
    const { letterWriter, waits } = writer({ timeoutMs: 200 });
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(fake.chatRequests()).toHaveLength(2);
    expect(waits).toEqual([1000]);
    expect(draft.attempts).toBe(2);
  });

  it("a dropped connection is retried, and a server that never answers fails as unavailable", async () => {
    fake.setDefault({ destroy: true });
    const { letterWriter, waits } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_UNAVAILABLE");
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(attemptsOf(error)).toBe(4);
  });

  it("connection refused is retried, then fails as unavailable", async () => {
    const closed = await startFakeOpenAi();
    const deadUrl = closed.baseUrl;
    await closed.close();
    const { letterWriter, waits } = writer({ baseUrl: deadUrl });
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_UNAVAILABLE");
    expect(error.message).toMatch(/connect/i);
    expect(waits).toEqual([1000, 2000, 4000]);
  });
});

describe("OpenAI letter writer: answers", () => {
  it("sends the prompts, the model and the key; no response_format; records token usage", async () => {
    fake.setDefault(completionResponse(goodLetter, { promptTokens: 900, completionTokens: 410 }));
    const { letterWriter } = writer({ temperature: 0.4 });
    const draft = await letterWriter.write({ job, profile, tone: "warm" });
    const [request] = fake.chatRequests();
    const body = request?.body as Record<string, unknown>;
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.temperature).toBe(0.4);
    expect(body).not.toHaveProperty("response_format");
    const messages = fake.messagesOf(0);
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(messages[0]?.content).toMatch(/never instructions/);
    expect(messages[1]?.content).toContain("<job_posting>");
    expect(messages[1]?.content).toContain("Thomas Davis");
    expect(draft).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { promptTokens: 900, completionTokens: 410 },
      attempts: 1,
      warnings: [],
    });
  });

  it("empty content: JOBPIPE_ERR_LLM_EMPTY_RESPONSE", async () => {
    fake.setDefault(completionResponse(""));
    const { letterWriter } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_EMPTY_RESPONSE");
    expect(attemptsOf(error)).toBe(1);
  });

  it("a malformed body without choices: JOBPIPE_ERR_LLM_EMPTY_RESPONSE", async () => {
    fake.setDefault({ status: 200, body: { id: "x", object: "chat.completion" } });
    const { letterWriter } = writer();
    const error = await failure(letterWriter.write({ job, profile, tone: "formal" }));
    expect(error.code).toBe("JOBPIPE_ERR_LLM_EMPTY_RESPONSE");
    expect(error.message).toMatch(/no letter text/);
  });

  it("strips a chatty preamble and code fences around the letter", async () => {
    fake.setDefault(completionResponse(`Here is your cover letter:\n\n\`\`\`\n${goodLetter}\n\`\`\``));
    const { letterWriter } = writer();
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(draft.text).toBe(goodLetter);
  });

  it("a letter failing a check is sent back once with the reason; the fixed letter is kept", async () => {
    fake.enqueue(completionResponse(`${goodLetter}\n[Your Name]`), completionResponse(goodLetter));
    const { letterWriter } = writer();
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(fake.chatRequests()).toHaveLength(2);
    const retry = fake.messagesOf(1);
    expect(retry.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(retry[3]?.content).toContain('placeholder "[Your Name]"');
    expect(draft.text).toBe(goodLetter);
    expect(draft.warnings).toEqual([]);
    expect(draft.attempts).toBe(2);
    expect(draft.usage?.promptTokens).toBe(240);
  });

  it("still failing after the second ask: the letter is kept with warnings", async () => {
    const tooShort = "Dear OpenAI team,\n\nI want the Software Engineer job.\n\nThomas Davis";
    fake.setDefault(completionResponse(tooShort));
    const { letterWriter } = writer();
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(fake.chatRequests()).toHaveLength(2);
    expect(draft.text).toBe(tooShort);
    expect(draft.warnings.join("\n")).toMatch(/too short/);
  });

  it("feedback and the previous version reach the model", async () => {
    const { letterWriter } = writer();
    await letterWriter.write({
      job,
      profile,
      tone: "formal",
      feedback: "Mention cdnjs more prominently",
      previousText: "Dear OpenAI team, an earlier draft.",
    });
    const user = fake.messagesOf(0)[1]?.content ?? "";
    expect(user).toContain("<user_feedback>\nMention cdnjs more prominently\n</user_feedback>");
    expect(user).toContain("<previous_letter>\nDear OpenAI team, an earlier draft.\n</previous_letter>");
  });
});

describe("createLetterWriter", () => {
  it("is the offline writer without a key", async () => {
    const { logger } = memoryLogger();
    const letterWriter = createLetterWriter({ apiKey: null, model: "gpt-4o-mini", logger });
    expect(letterWriter.provider).toBe("offline");
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(draft.provider).toBe("offline");
    expect(fake.requests).toHaveLength(0);
  });

  it("is the OpenAI writer with a key, pointed at OPENAI_BASE_URL", async () => {
    const { logger } = memoryLogger();
    const letterWriter = createLetterWriter({ apiKey, baseUrl: fake.baseUrl, model: "llama3.1", logger });
    expect(letterWriter.provider).toBe("openai");
    const draft = await letterWriter.write({ job, profile, tone: "formal" });
    expect(draft.model).toBe("llama3.1");
    expect(fake.chatRequests()).toHaveLength(1);
  });
});
