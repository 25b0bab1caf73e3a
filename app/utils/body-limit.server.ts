// Request bodies are bounded at the HTTP server, before anything reads them:
// a small limit for every form, larger ones for the three upload forms. A
// declared Content-Length over the limit is answered 413 without reading the
// body; a body sent without one (chunked) is counted as it streams and cut off
// at the limit. Nothing here buffers a body.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { formatBytes } from "./format-bytes.ts";
import { getFixedT, languageCookie } from "./i18n.server.ts";
import { defaultLanguage, parseLanguage } from "./i18n.ts";

/** Every form's text fields together: the longest field takes 5,000 characters, 45 KB of Chinese once URL-encoded. */
export const DEFAULT_BODY_BYTES = 64 * 1024;
/** Room for an upload form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** An upload form, by path (with Remix's ".data" for submissions made with JavaScript), and its file limit. */
export type UploadForm = { path: RegExp; fileBytes: number };

/** The most a request to `pathname` may send, and the limit its refusal names (the file's, for uploads). */
export function bodyLimit(pathname: string, uploadForms: readonly UploadForm[]): { bytes: number; named: number } {
  const upload = uploadForms.find((form) => form.path.test(pathname));
  if (!upload) return { bytes: DEFAULT_BODY_BYTES, named: DEFAULT_BODY_BYTES };
  return { bytes: 2 * upload.fileBytes + FORM_OVERHEAD_BYTES, named: upload.fileBytes };
}

/** What a body cut off at its limit fails with, for whoever was reading it. */
class BodyOverLimitError extends Error {
  override name = "BodyOverLimitError";
  constructor() {
    super("request body over its limit");
  }
}

/**
 * Already answered 413, so nothing to log. Known by name: the server and the
 * app's build each have their own copy of this module.
 */
export function isBodyOverLimit(error: unknown): boolean {
  return error instanceof Error && error.name === "BodyOverLimitError";
}

async function refuse(req: Request, res: Response, named: number) {
  res.locals.bodyRefused = true;
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const language = parseLanguage(await languageCookie.parse(req.get("cookie") ?? null)) ?? defaultLanguage;
  const message = getFixedT(language)("errors.bodyTooLarge", { limit: formatBytes(named, language) });
  // The connection closes after the answer, so the rest of the body is never kept.
  lingerBeforeClosing(req);
  res.status(413).set("Connection", "close").type("text/plain; charset=utf-8").send(message);
}

/** How long a refused body may still be read (and dropped) after the 413, so that its sender reads the answer. */
const LINGER_MS = 2_000;

/**
 * Closing a socket while the client is still sending makes the kernel answer with a reset, which can
 * discard the 413 before the client has read it (the browser then shows a broken connection instead of
 * the message). As web servers do ("lingering close"), the answer is followed by a half-close, and what
 * still arrives is read and dropped for a short, bounded time before the socket is closed.
 */
function lingerBeforeClosing(req: Request) {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

export function limitRequestBodies(uploadForms: readonly UploadForm[]): RequestHandler {
  return (req, res, next) => {
    const limit = bodyLimit(req.path, uploadForms);
    const declared = req.get("content-length");
    if (declared !== undefined) {
      // Node's parser delivers no more than the declared length, so checking it bounds the body.
      if (Number(declared) > limit.bytes) return void refuse(req, res, limit.named);
      return next();
    }
    if (req.get("transfer-encoding")) {
      let received = 0;
      const count = (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received <= limit.bytes) return;
        req.off("data", count);
        // Whoever reads the body waits, then fails: a cut-off form must not be taken for a whole one.
        req.pause();
        res.once("finish", () => req.destroy(new BodyOverLimitError()));
        void refuse(req, res, limit.named);
      };
      // Listening starts the flow on the next tick; the Remix handler, reached synchronously from here, listens too.
      req.on("data", count);
    }
    next();
  };
}

/** A request cut off by the limit fails inside the app after its 413 went out: nothing more to answer or log. */
export const bodyLimitErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.locals.bodyRefused) return;
  next(error);
};
