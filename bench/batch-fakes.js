/**
 * The fakes for bench/batch.js, in a child process of their own so the benchmark process's RSS is
 * jobpipe's alone: a job site, an OpenAI fake and a Trello fake, the TypeScript ones under test/
 * loaded through Vite's SSR loader (no copy). Started by `child_process.fork`; driven over IPC.
 *
 * Each message from the parent is `{ id, type, ...arguments }`; each answer is `{ id, ok, value }` or
 * `{ id, ok: false, error }`:
 *   - `start { postings, modelDelayMs, rateLimit, title, company }` — starts the three servers,
 *     registers one posting page per posting, and answers the posting URLs and the settings jobpipe
 *     needs (OpenAI base URL, Trello key, token, board, list and base URL). Resets the peak RSS;
 *   - `counts { urls }` — cards, postings with a card (matched by the posting-URL attachment), model
 *     calls, Trello requests and Trello 429s;
 *   - `stop` — closes the servers and answers this process's peak RSS since `start` (sampled every
 *     100 ms) and its RSS now;
 *   - `exit` — closes Vite and exits (as does losing the IPC channel to the parent).
 * Once Vite is loaded it sends `{ type: "ready" }`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function loadFakes() {
  const { createServer } = await import("vite");
  const vite = await createServer({
    root,
    configFile: false,
    logLevel: "silent",
    appType: "custom",
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  const load = (file) => vite.ssrLoadModule(path.join(root, file));
  const [openai, trello, site, letters] = await Promise.all([
    load("test/fakes/openai-server.ts"),
    load("test/fakes/trello-server.ts"),
    load("test/fakes/page-server.ts"),
    load("test/support/letter-text.ts"),
  ]);
  return { vite, openai, trello, site, letters };
}

const fakes = await loadFakes();
let servers = null;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

async function start({ postings, modelDelayMs, rateLimit, title, company }) {
  const [site, openai, trello] = await Promise.all([
    fakes.site.startPageServer(),
    fakes.openai.startFakeOpenAi(),
    fakes.trello.startFakeTrello({ rateLimit }),
  ]);
  servers = { site, openai, trello };
  openai.setDefault({
    ...fakes.openai.completionResponse(fakes.letters.sampleLetter(title, company)),
    hangMs: modelDelayMs,
  });
  const urls = Array.from({ length: postings }, (_, index) => {
    const pagePath = `/bench/${index + 1}`;
    site.page(
      pagePath,
      fakes.site.postingHtml({
        title,
        company,
        description: `<p>Team ${index + 1} builds the data platform.</p><ul><li>TypeScript</li><li>PostgreSQL</li></ul>`,
      }),
    );
    return site.url(pagePath);
  });
  peakRss = process.memoryUsage().rss;
  return {
    urls,
    openaiBaseUrl: openai.baseUrl,
    trello: {
      apiKey: trello.apiKey,
      token: trello.token,
      boardId: trello.boardId,
      listId: trello.listIds.Saved,
      baseUrl: trello.baseUrl,
    },
  };
}

function counts({ urls }) {
  const { openai, trello } = requireServers();
  const cards = trello.cards();
  const cardUrls = new Set(
    cards.flatMap((card) => card.attachments.filter((item) => !item.isUpload).map((item) => item.url)),
  );
  return {
    cards: cards.length,
    postingsWithACard: urls.filter((url) => cardUrls.has(url)).length,
    modelCalls: openai.chatRequests().length,
    trelloRequests: trello.requests.length,
    trello429s: trello.rateLimited(),
  };
}

async function stop() {
  const { site, openai, trello } = requireServers();
  servers = null;
  const rssNow = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rssNow);
  await Promise.all([site.close(), openai.close(), trello.close()]);
  return { peakRss, rss: rssNow };
}

function requireServers() {
  if (!servers) throw new Error("the bench fakes are not started (send `start` first)");
  return servers;
}

const handlers = { start, counts, stop };

process.on("message", async (message) => {
  if (message.type === "exit") {
    clearInterval(sampler);
    if (servers) await stop();
    await fakes.vite.close();
    process.disconnect();
    process.exit(0);
    return;
  }
  try {
    const handler = handlers[message.type];
    if (!handler) throw new Error(`unknown bench-fakes message type "${message.type}"`);
    process.send({ id: message.id, ok: true, value: await handler(message) });
  } catch (error) {
    process.send({
      id: message.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});

// The benchmark died without saying `exit`: don't linger as an orphan holding ports.
process.on("disconnect", () => process.exit(0));

process.send({ type: "ready" });
