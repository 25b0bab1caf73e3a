import { RemixBrowser } from "@remix-run/react";
import { createInstance } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLanguage, i18nOptions, parseLanguage } from "~/utils/i18n.ts";

const i18n = createInstance();
void i18n.use(initReactI18next).init(i18nOptions(parseLanguage(document.documentElement.lang) ?? defaultLanguage));

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
