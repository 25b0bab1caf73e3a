// Language and elder-mode switches. Plain forms, so they work before JavaScript loads.
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root.tsx";

export function PreferenceControls({ className = "" }: { className?: string }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const redirectTo = location.pathname + location.search;
  const otherLanguage = data?.language === "en" ? "zh-CN" : "en";
  return (
    <div className={`flex shrink-0 items-center gap-1 ${className}`}>
      <Form method="post" action="/preferences" reloadDocument className="shrink-0">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="language" value={otherLanguage} />
        <button
          type="submit"
          className="min-h-11 whitespace-nowrap rounded-lg px-3 text-sm font-medium hover:bg-black/5"
          lang={otherLanguage}
          aria-label={t("preferences.switchLanguage")}
        >
          {otherLanguage === "en" ? "English" : "中文"}
        </button>
      </Form>
      <Form method="post" action="/preferences" reloadDocument className="shrink-0">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="elderMode" value={data?.elderMode ? "off" : "on"} />
        <button
          type="submit"
          className="min-h-11 whitespace-nowrap rounded-lg px-3 text-sm font-medium hover:bg-black/5"
          aria-pressed={Boolean(data?.elderMode)}
        >
          {data?.elderMode ? t("preferences.standardMode") : t("preferences.elderMode")}
        </button>
      </Form>
    </div>
  );
}
