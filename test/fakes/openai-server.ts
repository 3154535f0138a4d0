/**
 * A fake of the OpenAI Chat Completions API, served over real HTTP on 127.0.0.1 (port 0).
 *
 * Faithful to ../shared/corpus/specs/openai/openapi.yaml where it matters to jobpipe:
 * - `POST /v1/chat/completions` answers a `CreateChatCompletionResponse`
 *   (`{ id, object: "chat.completion", created, model, choices: [{ index, message, logprobs, finish_reason }], usage }`);
 * - `GET /v1/models` answers `{ object: "list", data: [{ id, object: "model", created, owned_by }] }`;
 * - errors answer `{ error: { message, type, param, code } }`;
 * - a request without `Authorization: Bearer …` gets 401 like the real API.
 *
 * Scripting: `enqueue(...)` queues responses served in order to chat-completion calls; when the
 * queue is empty, `setDefault(...)` (or the built-in default: a fixed letter text) answers.
 * Every request is recorded in `requests` (method, path, headers, parsed body) so tests can count
 * calls and read the prompts. `errorResponse(status, message)` and `completionResponse(content)`
 * build the common bodies; a response with `hangMs` delays its answer (to provoke client timeouts),
 * and `{ destroy: true }` drops the connection (a network error).
 *
 * Usage:
 *   const fake = await startFakeOpenAi();
 *   fake.enqueue(errorResponse(429, "slow down", { "retry-after-ms": "5" }), completionResponse("Dear…"));
 *   // point OPENAI_BASE_URL (or the writer's baseUrl) at fake.baseUrl  ("http://127.0.0.1:PORT/v1")
 *   await fake.close();
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a string (sent as is). */
  body?: unknown;
  /** Wait this long before answering (the client may time out first). */
  hangMs?: number;
  /** Drop the socket without answering. */
  destroy?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it isn't JSON, or null when empty. */
  body: unknown;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface FakeOpenAi {
  /** Base URL including `/v1`, as the SDK's `baseURL` expects. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Only the chat-completion requests. */
  chatRequests(): RecordedRequest[];
  /** The messages of the n-th chat-completion request (0-based). */
  messagesOf(index: number): ChatMessage[];
  enqueue(...responses: FakeResponse[]): void;
  setDefault(response: FakeResponse): void;
  /** Model ids listed by GET /v1/models; a chat request naming another model gets 404 model_not_found. */
  models: string[];
  close(): Promise<void>;
}

export const defaultLetterText =
  "Dear Hiring Team,\n\nThis is a letter from the fake OpenAI server.\n\nSincerely,\nA. Candidate";

let completionCounter = 0;

/** A successful CreateChatCompletionResponse carrying `content`. */
export function completionResponse(
  content: string | null,
  options: { model?: string; promptTokens?: number; completionTokens?: number; finishReason?: string } = {},
): FakeResponse {
  completionCounter += 1;
  const promptTokens = options.promptTokens ?? 120;
  const completionTokens = options.completionTokens ?? 340;
  return {
    status: 200,
    body: {
      id: `chatcmpl-fake${completionCounter}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: options.model ?? "gpt-4o-mini",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: options.finishReason ?? "stop",
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      system_fingerprint: "fp_fake",
    },
  };
}

const errorTypes: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  408: { type: "server_error", code: null },
  409: { type: "server_error", code: null },
  429: { type: "requests", code: "rate_limit_exceeded" },
  500: { type: "server_error", code: null },
  502: { type: "server_error", code: null },
  503: { type: "server_error", code: null },
};

/** An error in the API's shape `{ error: { message, type, param, code } }`. */
export function errorResponse(
  status: number,
  message?: string,
  headers: Record<string, string> = {},
): FakeResponse {
  const known = errorTypes[status] ?? { type: "server_error", code: null };
  return {
    status,
    headers,
    body: {
      error: { message: message ?? `Fake error ${status}`, type: known.type, param: null, code: known.code },
    },
  };
}

export async function startFakeOpenAi(options: { models?: string[] } = {}): Promise<FakeOpenAi> {
  const queue: FakeResponse[] = [];
  let fallback: FakeResponse | null = null;
  const requests: RecordedRequest[] = [];
  const models = options.models ?? ["gpt-4o-mini", "gpt-4.1-mini", "llama3.1"];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      if (text !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      requests.push({ method: request.method ?? "GET", path, headers: request.headers, body });
      void answer(request.method ?? "GET", path, request.headers, body, response);
    });
  });

  const answer = async (
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: unknown,
    response: ServerResponse,
  ): Promise<void> => {
    if (!/^Bearer \S+/.test(headers.authorization ?? "")) {
      send(response, errorResponse(401, "You didn't provide an API key."));
      return;
    }
    if (method === "GET" && path === "/v1/models") {
      send(response, {
        status: 200,
        body: {
          object: "list",
          data: models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })),
        },
      });
      return;
    }
    if (method === "POST" && path === "/v1/chat/completions") {
      const scripted = queue.shift() ?? fallback;
      if (scripted) {
        if (scripted.hangMs) await new Promise((resolve) => setTimeout(resolve, scripted.hangMs));
        if (scripted.destroy) {
          response.socket?.destroy();
          return;
        }
        send(response, scripted);
        return;
      }
      const model = (body as { model?: unknown } | null)?.model;
      if (typeof model !== "string" || !Array.isArray((body as { messages?: unknown }).messages)) {
        send(response, errorResponse(400, "'model' and 'messages' are required properties."));
        return;
      }
      if (!models.includes(model)) {
        send(
          response,
          errorResponse(404, `The model \`${model}\` does not exist or you do not have access to it.`),
        );
        return;
      }
      send(response, completionResponse(defaultLetterText, { model }));
      return;
    }
    send(response, errorResponse(404, `Invalid URL (${method} ${path})`));
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    models,
    chatRequests: () => requests.filter((entry) => entry.path === "/v1/chat/completions"),
    messagesOf(index) {
      const entry = requests.filter((item) => item.path === "/v1/chat/completions")[index];
      return ((entry?.body as { messages?: ChatMessage[] } | null)?.messages ?? []) as ChatMessage[];
    },
    enqueue: (...responses) => {
      queue.push(...responses);
    },
    setDefault: (response) => {
      fallback = response;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(response: ServerResponse, scripted: FakeResponse): void {
  const payload =
    typeof scripted.body === "string" ? scripted.body : JSON.stringify(scripted.body ?? { object: "empty" });
  response.writeHead(scripted.status ?? 200, {
    "content-type": "application/json",
    "x-request-id": `req_fake_${Date.now()}`,
    ...scripted.headers,
  });
  response.end(payload);
}
