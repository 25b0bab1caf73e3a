import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { defaultLanguage, i18nOptions, languageCookieName, parseLanguage, type Language } from "./i18n.ts";

const oneYear = 60 * 60 * 24 * 365;

export const languageCookie = createCookie(languageCookieName, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: oneYear,
});

/**
 * The language of a request: `?lng=` first, then the remembered choice.
 * Chinese is the default whatever the browser says: the academy's users share
 * phones and computers whose system language tells little about them.
 */
export async function getLanguage(request: Request): Promise<Language> {
  const fromQuery = parseLanguage(new URL(request.url).searchParams.get("lng"));
  if (fromQuery) return fromQuery;
  const fromCookie = parseLanguage(await languageCookie.parse(request.headers.get("Cookie")));
  return fromCookie ?? defaultLanguage;
}

const fixedT = new Map<Language, TFunction>();

export function getFixedT(lng: Language): TFunction {
  let t = fixedT.get(lng);
  if (!t) {
    const instance = createInstance();
    void instance.init(i18nOptions(lng));
    t = instance.t;
    fixedT.set(lng, t);
  }
  return t;
}

export async function getT(request: Request): Promise<TFunction> {
  return getFixedT(await getLanguage(request));
}
