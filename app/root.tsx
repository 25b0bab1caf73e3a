import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import stylesheet from "../styles/app.css?url";
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { defaultLanguage, parseLanguage } from "~/utils/i18n.ts";
import { getLanguage, languageCookie } from "~/utils/i18n.server.ts";
import { useNonce } from "~/utils/nonce.tsx";
import { getElderMode } from "~/utils/preferences.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export const meta: MetaFunction = () => [{ name: "theme-color", content: "#991b1b" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const chosen = parseLanguage(url.searchParams.get("lng"));
  if (chosen) {
    // ?lng=en selects and remembers the language, then drops the parameter from the address.
    url.searchParams.delete("lng");
    // "//evil.example/?lng=en" is a path here but another site in a Location header.
    throw redirect(safeRedirect(url.pathname + url.search), {
      headers: { "Set-Cookie": await languageCookie.serialize(chosen) },
    });
  }
  const [language, elderMode, user] = await Promise.all([
    getLanguage(request),
    getElderMode(request),
    getCurrentUser(request),
  ]);
  return {
    language,
    elderMode,
    user: user ? { name: user.name, roles: user.roles } : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const language = data?.language ?? defaultLanguage;
  return (
    <html lang={language} data-elder={data?.elderMode ? "" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh font-sans antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Lets end-to-end tests (and styles, if ever needed) tell a hydrated page from server HTML.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 401 ? "unauthorized" : "unexpected";
  if (status >= 500) console.error(error);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="text-xl font-semibold">{t(`errors.${kind}.title`)}</h1>
      <p className="text-muted">{t(`errors.${kind}.body`)}</p>
      <Link to="/" className="mx-auto rounded-lg bg-brand-700 px-5 py-3 font-medium text-white">
        {t("errors.backHome")}
      </Link>
    </main>
  );
}
