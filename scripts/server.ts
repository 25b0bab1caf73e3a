// The production HTTP server: static files, compression and the Remix handler.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";

// Remix builds a Fetch Request from Express's request, which has no peer
// address. It is passed on in a header of our own, which is first removed
// from what the client sent so that nobody can forge it.
const CLIENT_ADDRESS_HEADER = "x-academy-client-address";

export function createApp(options: { build: ServerBuild; clientDir: string }) {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.clientDir, { maxAge: "1h" }));
  app.use((req, _res, next) => {
    delete req.headers[CLIENT_ADDRESS_HEADER];
    if (req.socket.remoteAddress) req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    next();
  });
  app.all("*", createRequestHandler({ build: options.build, mode: process.env.NODE_ENV }));
  return app;
}
