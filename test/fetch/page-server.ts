/** A real HTTP server on 127.0.0.1 whose routes tests define per case. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface PageServer {
  url(path: string): string;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startPageServer(routes: Record<string, Route>): Promise<PageServer> {
  const counts = new Map<string, number>();
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = routes[path];
    if (!route) {
      response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    route(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
