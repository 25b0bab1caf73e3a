// The production HTTP server: the check-in confirm's fast path in front of an
// Express app with security headers, request-forgery refusal, request body
// limits, static files, compression and the Remix handler.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimitErrors, limitRequestBodies } from "../app/utils/body-limit.server.ts";
import { uploadForms } from "./upload-forms.ts";
import { checkInFastPath, CLIENT_ADDRESS_HEADER } from "../app/modules/attendance/check-in-fast-path.server.ts";
import { getFixedT, languageCookie } from "../app/utils/i18n.server.ts";
import { defaultLanguage, parseLanguage } from "../app/utils/i18n.ts";
import { trustedProxyHops } from "../app/utils/request.server.ts";
import { isAllowedOrigin, isFormSubmission, securityHeaders } from "../app/utils/security.server.ts";
import { configuredAppUrl, keepPrivateResponsesPrivate, refuseMisdirectedRequests } from "../app/utils/request-guards.server.ts";

type ServerOptions = { build: ServerBuild; clientDir: string };

/**
 * The server: the trainees' check-in confirm is answered in front of Express
 * when every guard lets it through (a class taps at once); every other request
 * goes to the Express app.
 */
export function createServer(options: ServerOptions): http.Server {
  const app = createApp(options);
  const fastPath = checkInFastPath({ trustProxy: trustedProxyHops() > 0, uploadForms });
  return http.createServer((req, res) => {
    if (!fastPath(req, res)) app(req, res);
  });
}

export function createApp(options: ServerOptions) {
  const app = express();
  app.disable("x-powered-by");
  // A hop count, never `true`: Express would then believe the leftmost X-Forwarded-For entry, which the client writes.
  const proxyHops = trustedProxyHops();
  if (proxyHops > 0) app.set("trust proxy", proxyHops);
  // A request for a name this server does not answer to is refused before anything else reads it.
  app.use(refuseMisdirectedRequests({ trustProxy: proxyHops > 0 }));

  app.use(async (req, res, next) => {
    res.set(securityHeaders(req.protocol === "https", req.path));
    const expectedOrigin = configuredAppUrl() || `${req.protocol}://${req.get("host")}`;
    const allowed = isAllowedOrigin({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      expectedOrigin,
    });
    const form = isFormSubmission(req.method, req.get("content-type"));
    if (allowed && form) return next();
    const language = parseLanguage(await languageCookie.parse(req.get("cookie") ?? null)) ?? defaultLanguage;
    if (!allowed) res.status(403).type("text/plain; charset=utf-8").send(getFixedT(language)("errors.crossOrigin"));
    else res.status(415).type("text/plain; charset=utf-8").send(getFixedT(language)("errors.notAForm"));
  });
  app.use(limitRequestBodies(uploadForms));
  app.use(compression());
  app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.clientDir, { maxAge: "1h" }));
  app.use((req, res, next) => (keepPrivateResponsesPrivate(req, res), next()));
  // Remix builds a Fetch Request from Express's request, which has no peer address. It is passed on in a
  // header of our own, first removed from what the client sent so that nobody can forge it.
  app.use((req, res, next) => {
    delete req.headers[CLIENT_ADDRESS_HEADER];
    if (req.socket.remoteAddress) req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: process.env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  app.use(bodyLimitErrors);
  return app;
}
