/**
 * A fake of the Trello REST API, served over real HTTP on 127.0.0.1 (port 0), stateful in memory.
 *
 * Faithful to ../shared/corpus/specs/trello/trello-openapi.json for the endpoints jobpipe uses:
 * - paths under `/1/`; `baseUrl` is "http://127.0.0.1:PORT/1", like the spec's server
 *   "https://api.trello.com/1";
 * - auth by the `key` and `token` query parameters: a wrong or missing key answers 401 `invalid key`,
 *   a wrong or missing token 401 `invalid token` (text/plain, as Trello does);
 * - parameters are read from the query string, a JSON body, a form body or (attachments) a
 *   multipart/form-data body, as Trello accepts all of them;
 * - ids are 24 hex characters; a malformed id answers 400 `invalid id`, an unknown one 404
 *   `The requested resource was not found.`; creating or moving a card to an unknown list answers
 *   400 `invalid value for idList`;
 * - 429 answers Trello's JSON `{"error":"API_TOKEN_LIMIT_EXCEEDED","message":…}` and no Retry-After.
 *
 * Endpoints: GET /members/me; GET /boards/{id} (id or 8-char shortLink); GET|POST /boards/{id}/lists;
 * POST /lists; GET|POST /boards/{id}/labels; POST /labels; GET /boards/{id}/cards[/{filter}]
 * (`attachments=true` embeds attachments); GET /lists/{id}/cards; POST /cards (`urlSource` attaches
 * a URL); GET|PUT|DELETE /cards/{id}; GET|POST /cards/{id}/attachments (url or multipart `file`);
 * DELETE /cards/{id}/attachments/{idAttachment}; POST /cards/{id}/actions/comments;
 * POST /cards/{id}/idLabels; DELETE /cards/{id}/idLabels/{idLabel}; GET /search (cards, substring
 * match on name and desc).
 *
 * Scripting faults (each consumed by the next matching request, in order):
 * - `failNext({ status: 500, count: 3 })` — answer 500 three times without doing anything;
 * - `failNext({ delayMs: 2000 })` — wait, then handle normally (provokes client timeouts);
 * - `failNext({ status: 504, afterHandling: true, match: { method: "POST", path: "/1/cards" } })` —
 *   do the work (the card is created), then answer an error: "timeout after success". With
 *   `afterHandling` and `delayMs` but no status, the real answer is sent late instead;
 * - `failNext({ destroy: true })` — drop the connection (a network error).
 * `rateLimit: { limit: 100, windowMs: 10_000 }` (option or `setRateLimit`) enforces a sliding
 * window per token; requests beyond it get 429 and are counted in `rateLimited`.
 *
 * Every request is recorded in `requests` (method, path, query including key and token, body).
 *
 * Usage:
 *   const trello = await startFakeTrello();
 *   // TRELLO_API_KEY=trello.apiKey TRELLO_TOKEN=trello.token TRELLO_BOARD_ID=trello.boardId
 *   // TRELLO_LIST_ID=trello.listIds.Saved TRELLO_BASE_URL=trello.baseUrl
 *   trello.failNext({ status: 500, count: 4 });
 *   …
 *   expect(trello.cards()).toHaveLength(1);
 *   await trello.close();
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeTrelloAttachment {
  id: string;
  name: string;
  url: string;
  mimeType: string;
  bytes: number | null;
  isUpload: boolean;
  date: string;
  idMember: string;
  pos: number;
  /** Uploaded file content (multipart uploads only). */
  data: Buffer | null;
}

export interface FakeTrelloComment {
  id: string;
  text: string;
  date: string;
}

export interface FakeTrelloCard {
  id: string;
  idShort: number;
  shortLink: string;
  shortUrl: string;
  url: string;
  name: string;
  desc: string;
  idBoard: string;
  idList: string;
  idLabels: string[];
  closed: boolean;
  due: string | null;
  dueComplete: boolean;
  pos: number;
  dateLastActivity: string;
  attachments: FakeTrelloAttachment[];
  comments: FakeTrelloComment[];
}

export interface FakeTrelloList {
  id: string;
  name: string;
  idBoard: string;
  closed: boolean;
  pos: number;
}

export interface FakeTrelloLabel {
  id: string;
  idBoard: string;
  name: string;
  color: string | null;
}

export interface FakeTrelloRequest {
  method: string;
  /** Path without the query, e.g. "/1/cards". */
  path: string;
  /** Query parameters as sent (including `key` and `token`). */
  query: Record<string, string>;
  /** Parameters read from the body (JSON, form or multipart text fields). */
  body: Record<string, unknown>;
  /** The status the fake answered. */
  status: number;
}

export interface FakeTrelloFault {
  /** Status to answer (e.g. 429, 500, 401, 400). Omit with `delayMs` for a pure delay. */
  status?: number;
  /** Body to answer with; defaults to Trello's text for the status. */
  body?: string;
  /** How many requests this fault applies to (default 1). */
  count?: number;
  /** Wait before answering. */
  delayMs?: number;
  /** Do the real work first, then answer `status` (or the real answer after `delayMs`). */
  afterHandling?: boolean;
  /** Drop the connection instead of answering. */
  destroy?: boolean;
  /** Only requests matching this are affected (path is the full path, e.g. "/1/cards"). */
  match?: { method?: string; path?: string | RegExp };
}

export interface FakeTrelloOptions {
  apiKey?: string;
  token?: string;
  /** List names created on the board, in order (default Saved, Applied, Interviewing, Offer, Rejected). */
  listNames?: readonly string[];
  boardName?: string;
  member?: { username: string; fullName: string };
  rateLimit?: { limit: number; windowMs: number } | null;
}

export interface FakeTrello {
  /** "http://127.0.0.1:PORT/1" */
  baseUrl: string;
  apiKey: string;
  token: string;
  boardId: string;
  boardShortLink: string;
  /** List id by list name, for the lists created at start. */
  listIds: Record<string, string>;
  /** All cards (open and archived), in creation order. */
  cards(): FakeTrelloCard[];
  lists(): FakeTrelloList[];
  labels(): FakeTrelloLabel[];
  /** Every request received, in order. */
  requests: FakeTrelloRequest[];
  /** How many requests were refused by the enforced rate limit. */
  rateLimited(): number;
  failNext(fault: FakeTrelloFault): void;
  /** Drops all pending faults. */
  clearFaults(): void;
  setRateLimit(rateLimit: { limit: number; windowMs: number } | null): void;
  /** Adds a list to the board (as a user would) and returns its id. */
  addList(name: string): string;
  /** Moves a card to another list (as a user would on Trello). */
  moveCardAsUser(cardId: string, listId: string): void;
  close(): Promise<void>;
}

const defaultListNames = ["Saved", "Applied", "Interviewing", "Offer", "Rejected"] as const;
const notFoundText = "The requested resource was not found.";
const idPattern = /^[0-9a-f]{24}$/i;
const literalSegments: ReadonlySet<string> = new Set(["comments"]);

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
  }
}

export async function startFakeTrello(options: FakeTrelloOptions = {}): Promise<FakeTrello> {
  const apiKey = options.apiKey ?? randomBytes(16).toString("hex");
  const token = options.token ?? `ATTA${randomBytes(32).toString("hex")}`;
  const member = {
    id: newId(),
    username: options.member?.username ?? "jobseeker",
    fullName: options.member?.fullName ?? "Jo Seeker",
  };
  const board = { id: newId(), name: options.boardName ?? "Job search", shortLink: newShortLink() };
  const lists: FakeTrelloList[] = [];
  const labels: FakeTrelloLabel[] = [];
  const cards: FakeTrelloCard[] = [];
  const requests: FakeTrelloRequest[] = [];
  const faults: (FakeTrelloFault & { remaining: number })[] = [];
  const requestTimes = new Map<string, number[]>();
  const timers = new Set<NodeJS.Timeout>();
  let rateLimit = options.rateLimit ?? null;
  let rateLimitedCount = 0;
  let nextIdShort = 1;

  const addList = (name: string): string => {
    const list: FakeTrelloList = {
      id: newId(),
      name,
      idBoard: board.id,
      closed: false,
      pos: (lists.length + 1) * 16384,
    };
    lists.push(list);
    return list.id;
  };
  const listIds: Record<string, string> = {};
  for (const name of options.listNames ?? defaultListNames) listIds[name] = addList(name);
  for (const color of ["green", "yellow", "orange", "red", "purple", "blue"]) {
    labels.push({ id: newId(), idBoard: board.id, name: "", color });
  }

  const findCard = (id: string): FakeTrelloCard => {
    checkId(id);
    const card = cards.find((candidate) => candidate.id === id || candidate.shortLink === id);
    if (!card) throw new HttpFailure(404, notFoundText);
    return card;
  };
  const findBoard = (id: string) => {
    if (id !== board.id && id !== board.shortLink) {
      if (!idPattern.test(id) && !/^[A-Za-z0-9]{8}$/.test(id)) throw new HttpFailure(400, "invalid id");
      throw new HttpFailure(404, notFoundText);
    }
    return board;
  };
  const openList = (id: unknown): FakeTrelloList => {
    const list =
      typeof id === "string"
        ? lists.find((candidate) => candidate.id === id && !candidate.closed)
        : undefined;
    if (!list) throw new HttpFailure(400, "invalid value for idList");
    return list;
  };

  const attach = (
    card: FakeTrelloCard,
    fields: Omit<FakeTrelloAttachment, "id" | "date" | "idMember" | "pos">,
  ) => {
    const attachment: FakeTrelloAttachment = {
      id: newId(),
      date: new Date().toISOString(),
      idMember: member.id,
      pos: (card.attachments.length + 1) * 16384,
      ...fields,
    };
    card.attachments.push(attachment);
    return attachment;
  };

  const cardJson = (card: FakeTrelloCard, withAttachments: boolean) => {
    const { attachments, comments, ...rest } = card;
    return {
      ...rest,
      labels: card.idLabels.map((id) => labels.find((label) => label.id === id)).filter(Boolean),
      badges: { attachments: attachments.length, comments: comments.length, description: card.desc !== "" },
      ...(withAttachments ? { attachments: attachments.map(attachmentJson) } : {}),
    };
  };

  const handle = (method: string, segments: string[], params: Params, files: UploadedFile[]): unknown => {
    const [first, second, , fourth] = segments;
    // Odd positions hold ids ("/cards/{id}/attachments/{idAttachment}"), except literal action names.
    const route = `${method} /${segments
      .map((segment, index) => (index % 2 === 1 && !literalSegments.has(segment) ? ":id" : segment))
      .join("/")}`;
    switch (route) {
      case "GET /members/:id": {
        if (second !== "me" && second !== member.id && second !== member.username)
          throw new HttpFailure(404, notFoundText);
        return {
          id: member.id,
          username: member.username,
          fullName: member.fullName,
          initials: "JS",
          idBoards: [board.id],
        };
      }
      case "GET /boards/:id": {
        const found = findBoard(second ?? "");
        return {
          id: found.id,
          name: found.name,
          desc: "",
          closed: false,
          shortLink: found.shortLink,
          url: `https://trello.com/b/${found.shortLink}/job-search`,
          shortUrl: `https://trello.com/b/${found.shortLink}`,
        };
      }
      case "GET /boards/:id/lists": {
        findBoard(second ?? "");
        const filter = params.filter ?? "open";
        return lists.filter((list) => filter === "all" || list.closed === (filter === "closed"));
      }
      case "POST /boards/:id/lists":
      case "POST /lists": {
        const boardId = first === "boards" ? (second ?? "") : String(params.idBoard ?? "");
        findBoard(boardId);
        const name = requireText(params.name, "name");
        const listId = addList(name);
        return lists.find((list) => list.id === listId);
      }
      case "GET /boards/:id/labels": {
        findBoard(second ?? "");
        return labels;
      }
      case "POST /boards/:id/labels":
      case "POST /labels": {
        const boardId = first === "boards" ? (second ?? "") : String(params.idBoard ?? "");
        findBoard(boardId);
        const label: FakeTrelloLabel = {
          id: newId(),
          idBoard: board.id,
          name: typeof params.name === "string" ? params.name : "",
          color: typeof params.color === "string" && params.color !== "null" ? params.color : null,
        };
        labels.push(label);
        return label;
      }
      case "GET /boards/:id/cards/:id":
      case "GET /boards/:id/cards": {
        findBoard(second ?? "");
        const filter = fourth ?? params.filter ?? "open";
        const withAttachments = params.attachments === "true" || params.attachments === true;
        return cards
          .filter((card) => filter === "all" || card.closed === (filter === "closed"))
          .map((card) => cardJson(card, withAttachments));
      }
      case "GET /lists/:id/cards": {
        const list = lists.find((candidate) => candidate.id === second);
        if (!list) throw new HttpFailure(404, notFoundText);
        return cards
          .filter((card) => card.idList === list.id && !card.closed)
          .map((card) => cardJson(card, false));
      }
      case "POST /cards": {
        const list = openList(params.idList);
        const name = typeof params.name === "string" ? params.name : "";
        checkLength(name, 16384, "name");
        const desc = typeof params.desc === "string" ? params.desc : "";
        checkLength(desc, 16384, "desc");
        const shortLink = newShortLink();
        const idShort = nextIdShort++;
        const card: FakeTrelloCard = {
          id: newId(),
          idShort,
          shortLink,
          shortUrl: `https://trello.com/c/${shortLink}`,
          url: `https://trello.com/c/${shortLink}/${idShort}-${slug(name)}`,
          name,
          desc,
          idBoard: list.idBoard,
          idList: list.id,
          idLabels: idList(params.idLabels),
          closed: false,
          due: typeof params.due === "string" && params.due !== "" ? params.due : null,
          dueComplete: false,
          pos: (cards.length + 1) * 16384,
          dateLastActivity: new Date().toISOString(),
          attachments: [],
          comments: [],
        };
        if (params.urlSource !== undefined) {
          const url = String(params.urlSource);
          if (!/^https?:\/\//.test(url)) throw new HttpFailure(400, "invalid value for urlSource");
          attach(card, { name: url, url, mimeType: "", bytes: null, isUpload: false, data: null });
        }
        cards.push(card);
        return cardJson(card, true);
      }
      case "GET /cards/:id": {
        const card = findCard(second ?? "");
        return cardJson(card, params.attachments === "true" || params.attachments === true);
      }
      case "PUT /cards/:id": {
        const card = findCard(second ?? "");
        if (params.idList !== undefined) card.idList = openList(params.idList).id;
        if (typeof params.name === "string") {
          checkLength(params.name, 16384, "name");
          card.name = params.name;
        }
        if (typeof params.desc === "string") {
          checkLength(params.desc, 16384, "desc");
          card.desc = params.desc;
        }
        if (params.closed !== undefined) card.closed = params.closed === true || params.closed === "true";
        if (params.idLabels !== undefined) card.idLabels = idList(params.idLabels);
        if (params.due !== undefined)
          card.due = params.due === null || params.due === "" ? null : String(params.due);
        card.dateLastActivity = new Date().toISOString();
        return cardJson(card, false);
      }
      case "DELETE /cards/:id": {
        const card = findCard(second ?? "");
        cards.splice(cards.indexOf(card), 1);
        return { limits: {} };
      }
      case "GET /cards/:id/attachments": {
        return findCard(second ?? "").attachments.map(attachmentJson);
      }
      case "POST /cards/:id/attachments": {
        const card = findCard(second ?? "");
        const file = files.find((candidate) => candidate.field === "file");
        if (file) {
          const name = typeof params.name === "string" ? params.name : file.fileName;
          const mimeType = typeof params.mimeType === "string" ? params.mimeType : file.contentType;
          const id = newId();
          const attachment = attach(card, {
            name,
            url: `https://trello.com/1/cards/${card.id}/attachments/${id}/download/${encodeURIComponent(file.fileName)}`,
            mimeType,
            bytes: file.data.length,
            isUpload: true,
            data: file.data,
          });
          return attachmentJson(attachment);
        }
        if (typeof params.url !== "string" || !/^https?:\/\//.test(params.url)) {
          throw new HttpFailure(400, "invalid value for url");
        }
        const attachment = attach(card, {
          name: typeof params.name === "string" ? params.name : params.url,
          url: params.url,
          mimeType: typeof params.mimeType === "string" ? params.mimeType : "",
          bytes: null,
          isUpload: false,
          data: null,
        });
        return attachmentJson(attachment);
      }
      case "DELETE /cards/:id/attachments/:id": {
        const card = findCard(second ?? "");
        checkId(fourth ?? "");
        const index = card.attachments.findIndex((attachment) => attachment.id === fourth);
        if (index < 0) throw new HttpFailure(404, notFoundText);
        card.attachments.splice(index, 1);
        return { limits: {} };
      }
      case "POST /cards/:id/actions/comments": {
        const card = findCard(second ?? "");
        const text = requireText(params.text, "text");
        const comment: FakeTrelloComment = { id: newId(), text, date: new Date().toISOString() };
        card.comments.push(comment);
        return {
          id: comment.id,
          type: "commentCard",
          date: comment.date,
          data: { text, card: { id: card.id } },
        };
      }
      case "POST /cards/:id/idLabels": {
        const card = findCard(second ?? "");
        const value = String(params.value ?? "");
        if (!labels.some((label) => label.id === value))
          throw new HttpFailure(400, "invalid value for value");
        if (!card.idLabels.includes(value)) card.idLabels.push(value);
        return card.idLabels;
      }
      case "DELETE /cards/:id/idLabels/:id": {
        const card = findCard(second ?? "");
        card.idLabels = card.idLabels.filter((id) => id !== fourth);
        return card.idLabels;
      }
      case "GET /search": {
        const query = requireText(params.query, "query").toLowerCase();
        const boards = typeof params.idBoards === "string" ? params.idBoards.split(",") : [board.id];
        const terms = query.split(/\s+/).filter(Boolean);
        const found = cards.filter(
          (card) =>
            !card.closed &&
            (boards.includes(card.idBoard) || boards.includes("mine")) &&
            terms.every((term) => `${card.name}\n${card.desc}`.toLowerCase().includes(term)),
        );
        return {
          cards: found.map((card) => cardJson(card, false)),
          boards: [],
          members: [],
          organizations: [],
        };
      }
      default:
        throw new HttpFailure(404, `Cannot ${method} /1/${segments.join("/")}`);
    }
  };

  const takeFault = (method: string, path: string): FakeTrelloFault | null => {
    for (const fault of faults) {
      if (fault.match?.method && fault.match.method.toUpperCase() !== method) continue;
      const pathMatch = fault.match?.path;
      if (
        pathMatch !== undefined &&
        (typeof pathMatch === "string" ? pathMatch !== path : !pathMatch.test(path))
      ) {
        continue;
      }
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
      return fault;
    }
    return null;
  };

  const overRateLimit = (): boolean => {
    if (!rateLimit) return false;
    const now = Date.now();
    const times = (requestTimes.get(token) ?? []).filter((time) => now - time < (rateLimit?.windowMs ?? 0));
    requestTimes.set(token, times);
    if (times.length >= rateLimit.limit) return true;
    times.push(now);
    return false;
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = (request.method ?? "GET").toUpperCase();
    const query = Object.fromEntries(url.searchParams);
    const record: FakeTrelloRequest = { method, path: url.pathname, query, body: {}, status: 0 };
    requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      if (response.destroyed || response.writableEnded) return;
      const text = typeof body === "string" ? body : JSON.stringify(body);
      response.writeHead(status, {
        "content-type":
          typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      });
      response.end(text);
    };
    try {
      const { fields, files } = await readBody(request);
      record.body = fields;
      const fault = takeFault(method, url.pathname);
      if (fault?.destroy) {
        record.status = -1;
        request.socket.destroy();
        return;
      }
      if (fault?.delayMs && !fault.afterHandling) await wait(fault.delayMs);
      if (fault?.status !== undefined && !fault.afterHandling) {
        send(fault.status, fault.body ?? defaultErrorBody(fault.status));
        return;
      }
      if (query.key !== apiKey) {
        send(401, "invalid key");
        return;
      }
      if (query.token !== token) {
        send(401, "invalid token");
        return;
      }
      if (overRateLimit()) {
        rateLimitedCount += 1;
        send(429, defaultErrorBody(429));
        return;
      }
      const segments = url.pathname.split("/").filter(Boolean);
      if (segments[0] !== "1") throw new HttpFailure(404, `Cannot ${method} ${url.pathname}`);
      const params: Params = { ...query, ...fields };
      const result = handle(method, segments.slice(1), params, files);
      if (fault?.afterHandling) {
        if (fault.delayMs) await wait(fault.delayMs);
        if (fault.status !== undefined) {
          send(fault.status, fault.body ?? defaultErrorBody(fault.status));
          return;
        }
      }
      send(200, result);
    } catch (error) {
      if (error instanceof HttpFailure) send(error.status, error.body);
      else send(500, `fake trello: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/1`,
    apiKey,
    token,
    boardId: board.id,
    boardShortLink: board.shortLink,
    listIds,
    cards: () => [...cards],
    lists: () => [...lists],
    labels: () => [...labels],
    requests,
    rateLimited: () => rateLimitedCount,
    failNext: (fault) => {
      faults.push({ ...fault, remaining: fault.count ?? 1 });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    setRateLimit: (next) => {
      rateLimit = next;
    },
    addList,
    moveCardAsUser: (cardId, listId) => {
      const card = findCard(cardId);
      card.idList = openList(listId).id;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Params = Record<string, unknown>;

interface UploadedFile {
  field: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

function defaultErrorBody(status: number): string | Record<string, string> {
  switch (status) {
    case 401:
      return "invalid token";
    case 400:
      return "invalid value for idList";
    case 404:
      return notFoundText;
    case 429:
      return {
        error: "API_TOKEN_LIMIT_EXCEEDED",
        message: "Rate limit exceeded: 100 requests per 10 seconds per token",
      };
    default:
      return status >= 500 ? "Internal Server Error" : `error ${status}`;
  }
}

function attachmentJson(attachment: FakeTrelloAttachment) {
  const { data: _data, ...rest } = attachment;
  return { ...rest, previews: [], edgeColor: null };
}

function checkId(id: string): void {
  if (!idPattern.test(id) && !/^[A-Za-z0-9]{8}$/.test(id)) throw new HttpFailure(400, "invalid id");
}

function checkLength(value: string, max: number, name: string): void {
  if (value.length > max) throw new HttpFailure(400, `invalid value for ${name}`);
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") throw new HttpFailure(400, `invalid value for ${name}`);
  return value;
}

function idList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string" && value !== "") return value.split(",");
  return [];
}

function newId(): string {
  return randomBytes(12).toString("hex");
}

function newShortLink(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "card"
  );
}

async function readBody(request: IncomingMessage): Promise<{ fields: Params; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { fields: {}, files: [] };
  const contentType = request.headers["content-type"] ?? "";
  if (contentType.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(raw.toString("utf8"));
      return { fields: parsed !== null && typeof parsed === "object" ? (parsed as Params) : {}, files: [] };
    } catch {
      throw new HttpFailure(400, "invalid JSON");
    }
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return { fields: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files: [] };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.includes("multipart/form-data") && boundary) {
    return parseMultipart(raw, boundary[1] ?? boundary[2] ?? "");
  }
  return { fields: {}, files: [] };
}

function parseMultipart(raw: Buffer, boundary: string): { fields: Params; files: UploadedFile[] } {
  const fields: Params = {};
  const files: UploadedFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (raw.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = raw.subarray(partStart + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
    const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
    if (fileName !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? "application/octet-stream";
      files.push({ field: name, fileName, contentType: type.trim(), data: Buffer.from(content) });
    } else {
      fields[name] = content.toString("utf8");
    }
    start = next;
  }
  return { fields, files };
}
