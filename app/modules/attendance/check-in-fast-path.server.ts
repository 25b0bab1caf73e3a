// The check-in confirm a loaded page sends (Remix's single-fetch POST to
// `/check-in/<session>.data`), answered by the production server without
// the Remix request handler. When 100 phones tap at once, matching every route,
// building the route context and streaming the answer cost more than the
// check-in itself; this answers with the route's own action function
// (`answerCheckIn`) and writes its result exactly as Remix writes it. It is
// mounted after every guard of the server (host, origin, body limits,
// security headers, private caching), just before the Remix handler, and
// passes on anything it does not answer exactly as Remix would.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { answerCheckIn as AnswerCheckIn } from "./check-in-action.server.ts";
import { actionData, actionErrorResponse, actionRedirect, actionServerError, type SingleFetchAnswer } from "./check-in-single-fetch.server.ts";

// Loaded with the first confirm, not with the server: the server starts (and explains a bad DATABASE_URL)
// before anything opens the database (scripts/start.ts).
let actionModule: Promise<{ answerCheckIn: typeof AnswerCheckIn }> | undefined;
const answerCheckIn: typeof AnswerCheckIn = async (input) => (await (actionModule ??= import("./check-in-action.server.ts"))).answerCheckIn(input);

/** Session ids are cuids; anything else (encoded characters, a query) is left to Remix's own matching. */
const confirmPath = /^\/check-in\/([A-Za-z0-9_-]{1,64})\.data$/;

/**
 * Remix refuses an action whose Origin names another host than the request's
 * (X-Forwarded-Host, else Host). Such a request is passed on, so that Remix
 * gives its own answer.
 */
function passesRemixOriginCheck(req: ExpressRequest): boolean {
  const origin = req.get("origin");
  if (!origin || origin === "null") return true;
  const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The body as it arrived (already bounded by the server's body limit), or null when the request broke off. */
function readBody(req: ExpressRequest): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
}

/**
 * The Request that Remix's Express adapter builds (@remix-run/express,
 * createRemixRequest): the URL from the protocol and host as Express reads
 * them under "trust proxy", every header, and a signal that aborts when the
 * client goes away before the answer. The body is read apart (formOf).
 */
function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(name, value);
    else if (values) headers.set(name, values);
  }
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url.href, { method: req.method, headers, signal: controller.signal });
}

/**
 * The form as `request.formData()` reads it: a URL-encoded body is decoded as
 * UTF-8 and split by URLSearchParams, as the Fetch implementation does; any
 * other body (multipart) goes through the Fetch implementation itself.
 */
async function formOf(request: Request, body: Buffer): Promise<FormData> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) }).formData();
  }
  const form = new FormData();
  // UTF-8 without a byte-order mark, as the Fetch implementation decodes it.
  for (const [name, value] of new URLSearchParams(body.toString("utf8").replace(/^\uFEFF/, ""))) form.append(name, value);
  return form;
}

function send(res: ExpressResponse, answer: SingleFetchAnswer): void {
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) res.append(name, value);
  res.end(answer.body);
}

/** The Express handler: answers the confirm, or passes the request on untouched. */
export function checkInFastPath() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void => {
    const sessionId = req.method === "POST" ? confirmPath.exec(req.originalUrl)?.[1] : undefined;
    if (!sessionId || !passesRemixOriginCheck(req)) return next();
    const now = new Date();
    void (async () => {
      const body = await readBody(req);
      // Broken off: a body over its limit was answered 413 (body-limit.server.ts), or the client went away.
      if (!body || res.headersSent) return;
      const request = fetchRequest(req, res);
      let answer: SingleFetchAnswer;
      try {
        const outcome = await answerCheckIn({ request, sessionId, form: await formOf(request, body), now });
        answer =
          outcome.kind === "signIn"
            ? actionRedirect(outcome.location)
            : outcome.kind === "notFound"
              ? actionErrorResponse(404, "Not found")
              : actionData(outcome.result);
      } catch (error) {
        if (res.headersSent) return;
        // Logged as the app's error handler logs (app/entry.server.tsx): not when the client went away.
        if (!request.signal.aborted) console.error(error);
        answer = actionServerError();
      }
      if (!res.headersSent) send(res, answer);
    })();
  };
}
