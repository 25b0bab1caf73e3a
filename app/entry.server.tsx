import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { isBodyOverLimit } from "~/utils/body-limit.server.ts";
import { i18nOptions, type Language } from "~/utils/i18n.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { NonceProvider } from "~/utils/nonce.tsx";
import { contentSecurityPolicy } from "~/utils/security.server.ts";

export const streamTimeout = 5_000;

// One i18next instance per language for every render: it is only read while rendering, never switched.
const i18nByLanguage = new Map<Language, Promise<i18n>>();

function i18nFor(language: Language): Promise<i18n> {
  let instance = i18nByLanguage.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created.use(initReactI18next).init(i18nOptions(language)).then(() => created);
    i18nByLanguage.set(language, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The production server hands each request a nonce; the development server has none and no policy.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  if (nonce) responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  const i18n = await i18nFor(await getLanguage(request));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

// Expected answers (404 for an unknown page, 403 for a forbidden one) are not errors worth logging.
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted || isBodyOverLimit(error)) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
