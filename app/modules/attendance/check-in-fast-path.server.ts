// The check-in confirm a loaded page sends (Remix's single-fetch POST to
// `/check-in/<session>.data`), answered by the production server in front of
// Express and the Remix handler. When 100 phones tap at once, Express's own
// work per request, matching every route, building the route context and
// streaming the answer cost more than the check-in itself; this answers with
// the route's own action function (`answerCheckIn`) and writes its result
// exactly as Remix writes it. It takes a request only when every guard of the
// server lets it through (host, origin, a form within its body limit) and
// answers with the same security and private-caching headers; anything else,
// refused or not answered exactly as Remix would, is left to the Express app,
// which gives its usual answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { bodyLimit, type UploadForm } from "~/utils/body-limit.server.ts";
import { cacheControlForSignedIn, carriesSessionCookie, configuredAppUrl, hostPolicy, requestHostsAllowed } from "~/utils/request-guards.server.ts";
import type { RequestFacts } from "~/utils/request.server.ts";
import { isAllowedOrigin, securityHeaders } from "~/utils/security.server.ts";
import type { answerCheckIn as AnswerCheckIn } from "./check-in-action.server.ts";
import { actionData, actionErrorResponse, actionRedirect, actionServerError, type SingleFetchAnswer } from "./check-in-single-fetch.server.ts";

// Loaded with the first confirm, not with the server: the server starts (and explains a bad DATABASE_URL)
// before anything opens the database (scripts/start.ts).
let actionModule: Promise<{ answerCheckIn: typeof AnswerCheckIn }> | undefined;
const answerCheckIn: typeof AnswerCheckIn = async (input) => (await (actionModule ??= import("./check-in-action.server.ts"))).answerCheckIn(input);

/** Session ids are cuids; anything else (encoded characters, a query) is left to Remix's own matching. */
const confirmPath = /^\/check-in\/([A-Za-z0-9_-]{1,64})\.data$/;

/** The header the server passes the peer address on in (scripts/server.ts); what a client sent under that name is dropped. */
export const CLIENT_ADDRESS_HEADER = "x-academy-client-address";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The request's protocol and host name as Express 4 reads them (`req.protocol`,
 * `req.hostname`): behind a trusted proxy, the first X-Forwarded-Proto and
 * X-Forwarded-Host values; otherwise the socket and the Host header.
 */
function protocolOf(req: IncomingMessage, trustProxy: boolean): string {
  const own = (req.socket as TLSSocket).encrypted ? "https" : "http";
  if (!trustProxy) return own;
  return (first(req.headers["x-forwarded-proto"]) || own).split(",")[0]!.trim();
}

function hostnameOf(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? first(req.headers["x-forwarded-host"]) : undefined;
  const host = forwarded ? forwarded.split(",")[0]!.trimEnd() : req.headers.host;
  if (!host) return undefined;
  const offset = host.startsWith("[") ? host.indexOf("]") + 1 : 0;
  const colon = host.indexOf(":", offset);
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Remix refuses an action whose Origin names another host than the request's
 * (X-Forwarded-Host, else Host). Such a request is passed on, so that Remix
 * gives its own answer.
 */
function passesRemixOriginCheck(req: IncomingMessage): boolean {
  const origin = first(req.headers.origin);
  if (!origin || origin === "null") return true;
  const host = first(req.headers["x-forwarded-host"])?.split(",")[0]?.trim() || req.headers.host;
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The body, of the length it declared (Node's parser delivers no more), or null when the request broke off. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
}

/**
 * The request as the action reads it (its address and headers), without
 * building a Fetch Request: the URL as Remix's Express adapter builds it
 * (@remix-run/express, createRemixRequest) from the protocol and host as
 * Express reads them, and the headers as that Request would give them (an
 * empty one absent, repeated ones joined), with the peer address in the
 * server's own header instead of any the client sent.
 */
function requestFacts(req: IncomingMessage, protocol: string, hostname: string): RequestFacts {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(first(req.headers["x-forwarded-host"]));
  const hostPort = portOf(req.headers.host);
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  const peer = req.socket.remoteAddress || null;
  return {
    url: `${protocol}://${hostname}${port ? `:${port}` : ""}${req.url}`,
    headers: {
      get(name: string) {
        const key = name.toLowerCase();
        if (key === CLIENT_ADDRESS_HEADER) return peer;
        const value = req.headers[key];
        return Array.isArray(value) ? value.join(", ") || null : value || null;
      },
    },
  };
}

/**
 * The form as `request.formData()` reads it: a URL-encoded body is decoded as
 * UTF-8 without a byte-order mark and split by URLSearchParams, as the Fetch implementation does.
 */
function formOf(body: Buffer): FormData {
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(body.toString("utf8").replace(/^\uFEFF/, ""))) form.append(name, value);
  return form;
}

/** Remix's answer as the Express app writes it: Express adds the charset to a text type. */
function send(res: ServerResponse, answer: SingleFetchAnswer, guarded: Record<string, string>): void {
  const headers: Record<string, string> = { ...guarded };
  for (const [name, value] of Object.entries(answer.headers)) headers[name] = name === "Content-Type" ? `${value}; charset=utf-8` : value;
  headers["Content-Length"] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/**
 * The server's request listener in front of the Express app: answers the
 * confirm and returns true, or returns false without touching the request.
 */
export function checkInFastPath(options: { trustProxy: boolean; uploadForms: readonly UploadForm[] }) {
  const policy = hostPolicy();
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "POST") return false;
    const sessionId = confirmPath.exec(req.url ?? "")?.[1];
    if (!sessionId) return false;
    // A form within its limit, by its declared length: a chunked body, a larger one or another type gets the app's own answer.
    const declared = req.headers["content-length"];
    const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
    if (declared === undefined || req.headers["transfer-encoding"] || !(Number(declared) <= bodyLimit(req.url!, options.uploadForms).bytes)) return false;
    if (type !== "application/x-www-form-urlencoded") return false;
    // The guards the app applies (scripts/server.ts): a refusal is the app's to give.
    if (!requestHostsAllowed(req, policy, options.trustProxy)) return false;
    const protocol = protocolOf(req, options.trustProxy);
    const hostname = hostnameOf(req, options.trustProxy);
    const expectedOrigin = configuredAppUrl() || `${protocol}://${req.headers.host}`;
    const allowed = isAllowedOrigin({ method: "POST", origin: first(req.headers.origin), secFetchSite: first(req.headers["sec-fetch-site"]), expectedOrigin });
    if (!allowed || !hostname || !passesRemixOriginCheck(req)) return false;

    const guarded = securityHeaders(protocol === "https", req.url);
    if (carriesSessionCookie(req.headers.cookie)) guarded["Cache-Control"] = cacheControlForSignedIn(undefined);
    const now = new Date();
    void (async () => {
      const body = await readBody(req);
      if (!body) return;
      const request = requestFacts(req, protocol, hostname);
      let answer: SingleFetchAnswer;
      try {
        const outcome = await answerCheckIn({ request, sessionId, form: formOf(body), now });
        answer =
          outcome.kind === "signIn"
            ? actionRedirect(outcome.location)
            : outcome.kind === "notFound"
              ? actionErrorResponse(404, "Not found")
              : actionData(outcome.result);
      } catch (error) {
        // Logged as the app's error handler logs (app/entry.server.tsx): not when the client went away.
        if (!res.destroyed) console.error(error);
        answer = actionServerError();
      }
      if (!res.headersSent && !res.destroyed) send(res, answer, guarded);
    })();
    return true;
  };
}
