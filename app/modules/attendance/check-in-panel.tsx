// The check-in panel of the staff session page. Its forms post to the
// session's check-in action route, which redirects back here with a note.
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import type { CheckInPanelData } from "./check-in-panel.server.ts";
import { attendanceStatuses } from "./rules.ts";

export const notes = ["settings.saved", "flags.saved", "guests.saved"] as const;
const input = "min-h-11 rounded-lg border border-line bg-surface px-3 py-2 text-base";

function Settings({ panel, action }: { panel: CheckInPanelData; action: string }) {
  const { t } = useTranslation();
  const s = panel.settings;
  const number = (name: string, label: string, value: number | null, hint?: string) => (
    <label className="flex flex-col gap-1">
      <span className="text-sm font-medium">{label}</span>
      <input name={name} type="number" min={0} max={1440} step={1} inputMode="numeric" defaultValue={value ?? ""} required={name !== "lateAfterMinutes"} className={input} />
      {hint ? <span className="text-xs text-muted">{hint}</span> : null}
    </label>
  );
  return (
    <Form method="post" action={action} className="flex flex-col gap-3" id="check-in-settings" aria-labelledby="check-in-settings-heading">
      <h3 id="check-in-settings-heading" className="font-semibold">{t("checkin.settings.title")}</h3>
      <input type="hidden" name="intent" value="settings" />
      {number("opensMinutesBefore", t("checkin.settings.opensBefore"), s.opensMinutesBefore)}
      {number("closesMinutesAfter", t("checkin.settings.closesAfter"), s.closesMinutesAfter)}
      {number("lateAfterMinutes", t("checkin.settings.lateAfter"), s.lateAfterMinutes, t("checkin.settings.lateAfterHint", { minutes: s.cohortLateAfterMinutes }))}
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="openToGuests" defaultChecked={s.openToGuests} className="size-5" />
        <span>{t("checkin.settings.openToGuests")}</span>
      </label>
      <Button type="submit" variant="secondary" className="self-start">{t("checkin.settings.save")}</Button>
    </Form>
  );
}

function Flags({ panel, action }: { panel: CheckInPanelData; action: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2" data-testid="check-in-flags">
      <h3 className="font-semibold">{t("checkin.flags.title")}</h3>
      {panel.flags.length === 0 ? <p className="text-sm text-muted">{t("checkin.flags.none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {panel.flags.map((f) => (
          <li key={f.id} className="flex flex-col gap-2 rounded-lg border border-line p-3">
            <p>
              <span className="font-medium">{f.name}</span> · {t(`checkin.status.${f.status}`)} {f.checkedInAt ? <span className="text-muted tabular-nums">{f.checkedInAt}</span> : null}
            </p>
            <p className="text-sm text-amber-800">
              {t(`checkin.flags.kinds.${f.flag}`)}
              {f.distanceMeters != null ? ` · ${t("checkin.flags.distance", { meters: f.distanceMeters })}` : ""}
              {f.reviewed ? ` · ${t("checkin.flags.reviewed")}` : ""}
            </p>
            {panel.mayReview ? (
              <Form method="post" action={action} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="attendanceId" value={f.id} />
                <Button type="submit" name="intent" value="confirm-flag" variant="secondary">{t("checkin.flags.confirm")}</Button>
                <label className="flex flex-col gap-1 text-sm">
                  <span>{t("checkin.flags.changeTo")}</span>
                  <select name="status" defaultValue={f.status} className={input}>
                    {attendanceStatuses.map((s) => <option key={s} value={s}>{t(`checkin.status.${s}`)}</option>)}
                  </select>
                </label>
                <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
                  <span>{t("checkin.flags.note")}</span>
                  <input name="note" maxLength={200} className={input} />
                </label>
                <Button type="submit" name="intent" value="change-flag" variant="secondary">{t("checkin.flags.change")}</Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Guests({ panel, action }: { panel: CheckInPanelData; action: string }) {
  const { t } = useTranslation();
  if (!panel.settings.openToGuests && panel.guests.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h3 className="font-semibold">{t("checkin.guests.title")}</h3>
      {panel.guests.length === 0 ? <p className="text-sm text-muted">{t("checkin.guests.none")}</p> : null}
      <ul className="flex flex-col gap-2">
        {panel.guests.map((g) => (
          <li key={g.id} className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{g.name}</span>
            {g.company ? <span className="text-muted">{g.company}</span> : null}
            <span className="tabular-nums text-muted">{g.time}</span>
            {g.matched ? (
              <span>{t("checkin.guests.matched", { name: g.matched })}</span>
            ) : g.candidates.length && panel.mayReview ? (
              g.candidates.map((c) => (
                <Form key={c.id} method="post" action={action}>
                  <input type="hidden" name="intent" value="match-guest" />
                  <input type="hidden" name="guestId" value={g.id} />
                  <input type="hidden" name="personId" value={c.id} />
                  <Button type="submit" variant="secondary">{t("checkin.guests.matchTo", { name: c.name })}</Button>
                </Form>
              ))
            ) : (
              <span className="text-muted">{t("checkin.guests.noCandidate")}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CheckInPanel({ panel, cohortId }: { panel: CheckInPanelData; cohortId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const action = `/admin/cohorts/${cohortId}/sessions/${panel.sessionId}/check-in`;
  const note = notes.find((n) => n === params.get("checkIn"));
  const error = params.get("checkInError");
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="check-in-heading" data-testid="check-in-panel">
      <h2 id="check-in-heading" className="text-lg font-semibold">{t("checkin.panel.title")}</h2>
      {note ? <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t(`checkin.${note}`)}</p> : null}
      <ErrorList errors={error ? [error] : null} />
      <p className="tabular-nums" data-testid="check-in-panel-count">
        {t("checkin.panel.count", { checkedIn: panel.checkedIn, expected: panel.expected })}
        {panel.guestCount ? ` · ${t("checkin.panel.guestCount", { count: panel.guestCount })}` : ""}
      </p>
      <Link to={`/admin/sessions/${panel.sessionId}/check-in`} className={buttonClass("primary", "self-start")} data-testid="open-check-in-screen">
        {t("checkin.panel.openScreen")}
      </Link>
      <Flags panel={panel} action={action} />
      <Guests panel={panel} action={action} />
      {panel.mayChangeSettings ? <Settings panel={panel} action={action} /> : null}
    </section>
  );
}
