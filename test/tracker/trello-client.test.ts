import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attemptsOf } from "../../src/core/index.js";
import {
  createTrelloClient,
  redactTrelloUrl,
  type TrelloClient,
  unlimitedTrelloRateLimiter,
} from "../../src/tracker/index.js";
import { type FakeTrello, startFakeTrello } from "../fakes/trello-server.js";
import { capturingLogger, caught, recordingSleep } from "./helpers.js";

let trello: FakeTrello;
let client: TrelloClient;
let waits: number[];
let logLines: string[];

function clientWith(overrides: { apiKey?: string; token?: string; timeoutMs?: number } = {}): TrelloClient {
  const { sleep, waits: recorded } = recordingSleep();
  waits = recorded;
  const { logger, lines } = capturingLogger();
  logLines = lines;
  return createTrelloClient({
    apiKey: overrides.apiKey ?? trello.apiKey,
    token: overrides.token ?? trello.token,
    baseUrl: trello.baseUrl,
    logger,
    sleep,
    timeoutMs: overrides.timeoutMs,
    rateLimiter: unlimitedTrelloRateLimiter,
  });
}

function expectNoSecrets(text: string) {
  expect(text).not.toContain(trello.apiKey);
  expect(text).not.toContain(trello.token);
}

beforeEach(async () => {
  trello = await startFakeTrello();
  client = clientWith();
});

afterEach(async () => {
  await trello.close();
});

describe("Trello client against the fake", () => {
  it("sends key and token as query parameters and reads members/me", async () => {
    const me = await client.getMe();
    expect(me.username).toBe("jobseeker");
    const request = trello.requests[0];
    expect(request?.path).toBe("/1/members/me");
    expect(request?.query.key).toBe(trello.apiKey);
    expect(request?.query.token).toBe(trello.token);
  });

  it("reads boards and lists, creates lists and labels", async () => {
    const board = await client.getBoard(trello.boardId);
    expect(board.id).toBe(trello.boardId);
    const lists = await client.getLists(trello.boardId);
    expect(lists.map((list) => list.name)).toEqual(["Saved", "Applied", "Interviewing", "Offer", "Rejected"]);
    const created = await client.createList(trello.boardId, "Withdrawn");
    expect(trello.lists().map((list) => list.id)).toContain(created.id);
    const label = await client.createLabel(trello.boardId, "remote", "green");
    expect((await client.getLabels(trello.boardId)).some((candidate) => candidate.id === label.id)).toBe(
      true,
    );
  });

  it("creates, updates, moves, labels, comments on and archives a card", async () => {
    const card = await client.createCard({
      idList: trello.listIds.Saved ?? "",
      name: "Engineer — Acme",
      desc: "hello",
      urlSource: "https://acme.example/jobs/1",
    });
    expect(card.id).toMatch(/^[0-9a-f]{24}$/);
    expect(card.shortUrl).toMatch(/^https:\/\/trello\.com\/c\//);
    expect(card.attachments?.[0]?.url).toBe("https://acme.example/jobs/1");

    await client.updateCard(card.id, { name: "Senior Engineer — Acme", desc: "updated" });
    await client.moveCard(card.id, trello.listIds.Applied ?? "");
    const label = await client.createLabel(trello.boardId, "hybrid", "yellow");
    await client.addLabelToCard(card.id, label.id);
    await client.addComment(card.id, "Applied today");

    const stored = trello.cards()[0];
    expect(stored?.name).toBe("Senior Engineer — Acme");
    expect(stored?.desc).toBe("updated");
    expect(stored?.idList).toBe(trello.listIds.Applied);
    expect(stored?.idLabels).toEqual([label.id]);
    expect(stored?.comments.map((comment) => comment.text)).toEqual(["Applied today"]);

    await client.archiveCard(card.id);
    expect(trello.cards()[0]?.closed).toBe(true);
    expect(await client.getBoardCards(trello.boardId)).toEqual([]);
    expect(await client.getBoardCards(trello.boardId, { filter: "all" })).toHaveLength(1);
  });

  it("attaches a URL and uploads a file as multipart, and deletes an attachment", async () => {
    const card = await client.createCard({ idList: trello.listIds.Saved ?? "", name: "Card" });
    await client.attachUrl(card.id, "https://acme.example/jobs/2", "Posting");
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0xff]);
    const uploaded = await client.attachFile(card.id, {
      fileName: "letter.pdf",
      mimeType: "application/pdf",
      data: bytes,
    });
    expect(uploaded.isUpload).toBe(true);
    const stored = trello.cards()[0]?.attachments ?? [];
    expect(stored.map((attachment) => attachment.name)).toEqual(["Posting", "letter.pdf"]);
    expect(stored[1]?.mimeType).toBe("application/pdf");
    expect([...(stored[1]?.data ?? [])]).toEqual([...bytes]);

    await client.deleteAttachment(card.id, uploaded.id);
    expect((await client.getAttachments(card.id)).map((attachment) => attachment.name)).toEqual(["Posting"]);
  });

  it("searches a board's cards", async () => {
    await client.createCard({ idList: trello.listIds.Saved ?? "", name: "Data Engineer — Acme" });
    await client.createCard({ idList: trello.listIds.Saved ?? "", name: "Designer — Beta" });
    const found = await client.searchCards(trello.boardId, "engineer");
    expect(found.map((card) => card.name)).toEqual(["Data Engineer — Acme"]);
  });

  it("401 fails at once with an auth error that names key/token but contains neither", async () => {
    const bad = clientWith({ token: "f".repeat(64) });
    const error = await caught(bad.getMe());
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_AUTH");
    expect(error.message).toContain("Trello rejected the API key or token (401");
    expect(error.message).toContain("invalid token");
    expect(trello.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error.message).not.toContain("f".repeat(64));
    expectNoSecrets(error.message);

    const badKey = clientWith({ apiKey: "0".repeat(32) });
    const keyError = await caught(badKey.getLists(trello.boardId));
    expect(keyError.message).toContain("invalid key");
    expect(keyError.message).not.toContain("0".repeat(32));
  });

  it("400 carries Trello's text and is not retried", async () => {
    const error = await caught(client.createCard({ idList: "0123456789abcdef01234567", name: "x" }));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_BAD_REQUEST");
    expect(error.message).toContain("invalid value for idList");
    expect(error.message).toContain("POST /1/cards");
    expect(trello.requests).toHaveLength(1);
    expectNoSecrets(error.message);
  });

  it("404 maps to not found", async () => {
    const error = await caught(client.getCard("0123456789abcdef01234567"));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_NOT_FOUND");
    expect(error.message).toContain("/1/cards/0123456789abcdef01234567");
  });

  it("retries 5xx on the 1 s, 2 s, 4 s schedule, then fails with 4 attempts", async () => {
    trello.failNext({ status: 500, count: 10 });
    const error = await caught(client.getLists(trello.boardId));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(error.message).toContain("answered 500");
    expect(attemptsOf(error)).toBe(4);
    expect(trello.requests).toHaveLength(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expectNoSecrets(error.message);
  });

  it("recovers from 429, 429 with two backoff waits", async () => {
    trello.failNext({ status: 429, count: 2 });
    const lists = await client.getLists(trello.boardId);
    expect(lists).toHaveLength(5);
    expect(trello.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it("a persistent 429 ends as a rate-limit error", async () => {
    trello.failNext({ status: 429, count: 10 });
    const error = await caught(client.getLists(trello.boardId));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_RATE_LIMITED");
    expect(error.message).toContain("API_TOKEN_LIMIT_EXCEEDED");
  });

  it("times out a request that hangs, and retries it", async () => {
    const quick = clientWith({ timeoutMs: 150 });
    trello.failNext({ delayMs: 2_000 });
    const lists = await quick.getLists(trello.boardId);
    expect(lists).toHaveLength(5);
    expect(waits).toEqual([1000]);

    trello.failNext({ delayMs: 2_000, count: 4 });
    const error = await caught(quick.getLists(trello.boardId));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(error.message).toContain("did not answer GET /1/boards/");
    expect(error.message).toContain("within 150 ms");
  });

  it("maps a dropped connection to unavailable", async () => {
    trello.failNext({ destroy: true, count: 4 });
    const error = await caught(client.getMe());
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(error.message).toContain("Could not reach Trello at http://127.0.0.1:");
    expectNoSecrets(error.message);
  });

  it("does not retry when asked not to", async () => {
    trello.failNext({ status: 503, count: 3 });
    const error = await caught(client.getMe({ retry: false }));
    expect(error.code).toBe("JOBPIPE_ERR_TRELLO_UNAVAILABLE");
    expect(trello.requests).toHaveLength(1);
  });

  it("never writes the key or token to the log", async () => {
    trello.failNext({ status: 500, count: 2 });
    await client.getLists(trello.boardId);
    await caught(client.getCard("0123456789abcdef01234567"));
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join("\n");
    expect(log).toContain("key=[redacted]&token=[redacted]");
    expectNoSecrets(log);
  });

  it("appends /1 to a base URL given without it", async () => {
    const bare = createTrelloClient({
      apiKey: trello.apiKey,
      token: trello.token,
      baseUrl: trello.baseUrl.replace(/\/1$/, "/"),
      rateLimiter: unlimitedTrelloRateLimiter,
    });
    expect(bare.baseUrl).toBe(trello.baseUrl);
    expect((await bare.getMe()).username).toBe("jobseeker");
  });
});

describe("redactTrelloUrl", () => {
  it("redacts key and token wherever they are in the query", () => {
    expect(redactTrelloUrl("https://api.trello.com/1/cards?key=abc&idList=1&token=secret")).toBe(
      "https://api.trello.com/1/cards?key=[redacted]&idList=1&token=[redacted]",
    );
    expect(redactTrelloUrl("https://api.trello.com/1/members/me?token=t#x")).toBe(
      "https://api.trello.com/1/members/me?token=[redacted]#x",
    );
  });
});
