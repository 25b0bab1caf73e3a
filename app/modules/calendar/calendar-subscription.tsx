// Pieces of the calendar-subscription pages: a link to copy, the subscribe
// button, and the reset form. Everything works before JavaScript loads: the
// link sits in a read-only field that can be selected and copied by hand.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import type { FeedAddresses } from "./calendar.ts";

export function CopyField({
  label,
  value,
  multiline = false,
  copyLabel,
  testId,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  /** The button's words when it copies something other than a link. */
  copyLabel?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  useEffect(() => setHydrated(true), []);
  useEffect(() => setState("idle"), [value]);

  async function copy() {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(value);
        setState("copied");
        return;
      } catch {
        // Refused (e.g. inside some in-app browsers): select the text so that it can be copied by hand.
      }
    }
    field.current?.focus();
    field.current?.select();
    setState("manual");
  }

  const fieldClass = "w-full rounded-lg border border-line bg-canvas px-3 py-2 font-mono text-sm text-ink";
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        {multiline ? (
          <textarea
            id={id}
            ref={field}
            readOnly
            value={value}
            rows={8}
            className={`${fieldClass} font-sans`}
            data-testid={testId}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <input
            id={id}
            ref={field}
            readOnly
            value={value}
            className={`${fieldClass} min-h-11`}
            data-testid={testId}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        {hydrated ? (
          <Button type="button" variant="secondary" className="shrink-0" onClick={() => void copy()}>
            {state === "copied" ? t("calendar.copied") : (copyLabel ?? t("calendar.copy"))}
          </Button>
        ) : null}
      </div>
      <p aria-live="polite" className="text-sm text-muted">
        {state === "manual" ? t("calendar.copyByHand") : hydrated ? "" : t("calendar.selectToCopy")}
      </p>
    </div>
  );
}

/** The webcal:// link: Apple devices and desktop calendar apps open their "subscribe" dialog. */
export function SubscribeButton({ feed }: { feed: FeedAddresses }) {
  const { t } = useTranslation();
  return (
    <a href={feed.webcal} className={buttonClass("primary", "self-start")} data-testid="subscribe-calendar">
      <CalendarIcon />
      {t("calendar.subscribe")}
    </a>
  );
}

export function CalendarIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="3" y="4.5" width="18" height="16.5" rx="2" />
      <path d="M3 9.5h18M8 2.5v4M16 2.5v4M12 13v5M9.5 15.5h5" />
    </svg>
  );
}

export function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section
      className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
      data-testid={testId}
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** Replacing the secret address, behind a disclosure that says what it breaks. */
export function ResetLinkForm({ warning }: { warning: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "reset-link";
  return (
    <details className="group rounded-lg border border-line">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 font-medium">
        {t("calendar.reset.open")}
      </summary>
      <Form method="post" className="flex flex-col gap-3 border-t border-line p-3">
        <p className="text-sm">{warning}</p>
        <Button
          type="submit"
          name="intent"
          value="reset-link"
          disabled={busy}
          className="self-start"
          data-testid="reset-calendar-link"
        >
          {t("calendar.reset.confirm")}
        </Button>
      </Form>
    </details>
  );
}

/**
 * `announce`: brought into view when shown, since the form that caused it sits
 * at the bottom of the page and the new link at the top.
 */
export function Notice({
  tone,
  announce = false,
  children,
}: {
  tone: "success" | "warning";
  announce?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!announce) return;
    ref.current?.scrollIntoView({ block: "center" });
    ref.current?.focus({ preventScroll: true });
  }, [announce]);
  const colours =
    tone === "success"
      ? "bg-emerald-50 text-emerald-900 ring-emerald-200"
      : "bg-amber-50 text-amber-900 ring-amber-200";
  return (
    <p
      ref={ref}
      role="status"
      tabIndex={announce ? -1 : undefined}
      className={`rounded-lg px-4 py-3 ring-1 ${colours}`}
    >
      {children}
    </p>
  );
}
