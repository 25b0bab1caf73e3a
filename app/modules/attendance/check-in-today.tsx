// On the portal home, under each of today's sessions: during its check-in
// window a six-digit code field (a plain POST form), afterwards what was recorded.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { CODE_DIGITS } from "./check-in-codes.ts";
import type { MyCheckIn } from "./check-in.server.ts";

/** Whether today's card has anything to say about check-in (the card's footer shows only then). */
export function hasTodayCheckIn(state: MyCheckIn | undefined): state is MyCheckIn {
  return Boolean(state && state.enrolled && state.phase !== "cancelled" && state.phase !== "upcoming");
}

/** The footer of today's session card: the code field while check-in is open, then what was recorded. */
export function TodayCheckIn({ state }: { state: MyCheckIn | undefined }) {
  const { t } = useTranslation();
  if (!hasTodayCheckIn(state)) return null;
  if (state.status) {
    return (
      <p className="text-sm font-medium text-emerald-800" data-testid="today-check-in-status" data-session-id={state.sessionId}>
        {t("checkin.home.recorded", { status: t(`checkin.status.${state.status}`) })}
      </p>
    );
  }
  if (state.phase === "held") {
    return <p className="text-sm text-muted">{t("checkin.home.notRecorded")}</p>;
  }
  const inputId = `check-in-code-${state.sessionId}`;
  return (
    <Form method="post" action={`/check-in/${state.sessionId}`} className="flex flex-wrap items-end gap-2" data-testid="today-check-in" data-session-id={state.sessionId}>
      <input type="hidden" name="intent" value="trainee" />
      <label htmlFor={inputId} className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="text-sm font-medium">{t("checkin.home.codeLabel")}</span>
        <input
          id={inputId}
          name="code"
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern={`\\d{${CODE_DIGITS}}`}
          maxLength={CODE_DIGITS}
          className="min-h-12 w-full min-w-0 rounded-lg border border-line bg-surface px-3 py-2 text-center text-xl tracking-[0.3em] tabular-nums"
        />
      </label>
      <Button type="submit" className="min-h-12">{t("checkin.home.submit")}</Button>
    </Form>
  );
}
