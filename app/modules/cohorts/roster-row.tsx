import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { personStatusTone, StatusPill } from "~/components/ui/status-pill.tsx";
import { splitMessage } from "~/utils/messages.ts";
import { enrollmentStatusTone } from "./cohort-status.tsx";
import { parseRosterSort, type RosterSort } from "./roster-sort.ts";

export type RosterRowData = {
  id: string;
  status: string;
  reason: string | null;
  waitlistRank: number | null;
  person: { id: string; name: string; mobile: string | null; status: string; trainee: { company: string; position: string | null } | null };
  /** The day (academy time zone) from which attendance counts, for a trainee who joined late; null: from the start. */
  attendanceFrom: string | null;
  /** Attendance over held sessions, for enrolled (or completed) trainees. */
  standing: { rate: number | null; late: number; absent: number } | null;
};

/** A reason is either a staff member's words or, for changes the system made, a message key. */
function ReasonText({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const [key, values] = splitMessage(reason);
  return <>{key.startsWith("enrollment.reasons.") ? t(key, values) : reason}</>;
}

const cell = "px-3 py-1 align-middle";

/** Column headings; the sortable ones are links (`?sort=`, again for the reverse), so they work without JavaScript. */
export function RosterHeader({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const sort = parseRosterSort(params.get("sort"));
  const heading = (key: RosterSort, label: string, numeric = false) => {
    const active = sort?.key === key;
    const next = new URLSearchParams(params);
    next.set("sort", active && !sort.descending ? `-${key}` : key);
    return (
      <th scope="col" className={`${cell} font-medium ${numeric ? "text-right" : ""}`} aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}>
        <Link to={`?${next}`} className={`inline-flex min-h-11 items-center gap-1 hover:underline sm:min-h-8 ${active ? "font-semibold text-brand-700" : ""}`} preventScrollReset>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? "↓" : "↑") : "↕"}</span>
        </Link>
      </th>
    );
  };
  return (
    <thead className="sticky top-0 bg-canvas text-muted">
      <tr>
        {heading("name", t("attendanceViews.roster.name"))}
        {heading("company", t("attendanceViews.roster.company"))}
        <th scope="col" className={`${cell} font-medium`}>{t("attendanceViews.roster.status")}</th>
        {heading("rate", t("attendanceViews.roster.rate"), true)}
        {heading("late", t("attendanceViews.roster.late"), true)}
        {heading("absent", t("attendanceViews.roster.absent"), true)}
        {canManage ? <th scope="col" className={`${cell} font-medium`}>{t("attendanceViews.roster.actions")}</th> : null}
      </tr>
    </thead>
  );
}

export function RosterRow({ row, canManage, moveTargets, busy }: { row: RosterRowData; canManage: boolean; moveTargets: { id: string; title: string }[]; busy: boolean }) {
  const { t } = useTranslation();
  const input = "min-h-11 w-full rounded-lg border border-line bg-surface px-2";
  const hidden = <input type="hidden" name="enrollmentId" value={row.id} />;
  const manageable = canManage && ["applied", "waitlisted", "enrolled"].includes(row.status);
  const ending = row.status === "enrolled" ? "withdraw" : "decline";
  return (
    <tr className="border-t border-line" data-testid="roster-row">
      <th scope="row" className={`${cell} font-medium`}>
        <a href={`/admin/people/${row.person.id}`} className="underline-offset-2 hover:underline">
          {row.person.name}
        </a>
        <span className="block text-xs font-normal tabular-nums text-muted">{row.person.mobile}</span>
      </th>
      <td className={cell}>
        {row.person.trainee?.company ?? ""}
        {row.person.trainee?.position ? <span className="block text-xs text-muted">{row.person.trainee.position}</span> : null}
      </td>
      <td className={cell}>
        <span className="flex flex-wrap gap-1">
          <StatusPill tone={personStatusTone[row.person.status] ?? "neutral"}>{t(`personStatus.${row.person.status}`)}</StatusPill>
          <StatusPill tone={enrollmentStatusTone[row.status] ?? "neutral"}>
            {t(`enrollmentStatus.${row.status}`)}
            {row.status === "waitlisted" && row.waitlistRank ? ` #${row.waitlistRank}` : ""}
          </StatusPill>
        </span>
        {row.attendanceFrom && ["enrolled", "completed"].includes(row.status) ? (
          <span className="mt-1 block text-xs text-muted" data-testid="roster-attendance-from">
            {t("enrollment.attendanceFrom.countedFrom", { date: row.attendanceFrom })}
          </span>
        ) : null}
        {row.reason ? (
          <span className="mt-1 block text-xs text-muted">
            {t("enrollment.reason")}: <ReasonText reason={row.reason} />
          </span>
        ) : null}
      </td>
      <td className={`${cell} text-right tabular-nums`} data-testid="roster-rate">
        {row.standing?.rate != null ? `${Math.round(row.standing.rate * 100)}%` : "—"}
      </td>
      <td className={`${cell} text-right tabular-nums`}>{row.standing ? row.standing.late : "—"}</td>
      <td className={`${cell} text-right tabular-nums`}>{row.standing ? row.standing.absent : "—"}</td>
      {canManage ? (
        <td className={cell}>
          {manageable ? (
            <div className="flex flex-wrap items-start gap-1">
              {row.status !== "enrolled" ? (
                <Form method="post">
                  {hidden}
                  <Button type="submit" name="intent" value="approve" variant="secondary" disabled={busy}>
                    {t("enrollment.approve")}
                  </Button>
                </Form>
              ) : null}
              {row.status === "applied" ? (
                <Form method="post">
                  {hidden}
                  <Button type="submit" name="intent" value="waitlist" variant="secondary" disabled={busy}>
                    {t("enrollment.waitlist")}
                  </Button>
                </Form>
              ) : null}
              <details className="relative">
                <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-lg px-3 sm:min-h-8 font-medium ring-1 ring-line hover:bg-black/5" aria-label={t("attendanceViews.roster.actionsFor", { name: row.person.name })}>
                  {t("attendanceViews.roster.actions")} ▾
                </summary>
                <div className="mt-1 flex w-64 flex-col gap-3 rounded-xl border border-line bg-surface p-3 shadow-lg">
                  <Form method="post" className="flex flex-col gap-2">
                    {hidden}
                    <p className="text-sm">{t(`attendanceViews.roster.${ending}Confirm`, { name: row.person.name })}</p>
                    <input name="reason" required maxLength={500} placeholder={t("enrollment.reasonPlaceholder")} aria-label={t("enrollment.reason")} className={input} />
                    <Button type="submit" name="intent" value={ending} variant="secondary" disabled={busy}>
                      {t(`attendanceViews.roster.${ending}`)}
                    </Button>
                  </Form>
                  {row.status === "enrolled" ? <AttendanceFromForm row={row} busy={busy} /> : null}
                  {row.status === "enrolled" && moveTargets.length ? (
                    <Form method="post" className="flex flex-col gap-2 border-t border-line pt-3">
                      {hidden}
                      <select name="toCohortId" aria-label={t("enrollment.moveTo")} className={input}>
                        {moveTargets.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.title}
                          </option>
                        ))}
                      </select>
                      <Button type="submit" name="intent" value="move" variant="secondary" disabled={busy}>
                        {t("attendanceViews.roster.move")}
                      </Button>
                    </Form>
                  ) : null}
                </div>
              </details>
            </div>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

/** 出勤计算起始: from the cohort's start, or from a day; with a reason (audited). */
function AttendanceFromForm({ row, busy }: { row: RosterRowData; busy: boolean }) {
  const { t } = useTranslation();
  const input = "min-h-11 w-full rounded-lg border border-line bg-surface px-2";
  return (
    <Form method="post" className="flex flex-col gap-2 border-t border-line pt-3" data-testid="attendance-from-form">
      <input type="hidden" name="enrollmentId" value={row.id} />
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">{t("enrollment.attendanceFrom.label")}</legend>
        <label className="flex min-h-11 items-center gap-2 sm:min-h-8">
          <input type="radio" name="mode" value="start" defaultChecked={!row.attendanceFrom} className="size-5" />
          {t("enrollment.attendanceFrom.fromStart")}
        </label>
        <label className="flex min-h-11 items-center gap-2 sm:min-h-8">
          <input type="radio" name="mode" value="date" defaultChecked={Boolean(row.attendanceFrom)} className="size-5" />
          {t("enrollment.attendanceFrom.fromDate")}
        </label>
        <input type="date" name="date" defaultValue={row.attendanceFrom ?? ""} aria-label={t("enrollment.attendanceFrom.date")} className={input} />
        <span className="text-xs text-muted">{t("enrollment.attendanceFrom.help")}</span>
      </fieldset>
      <input name="reason" required maxLength={500} placeholder={t("enrollment.reasonPlaceholder")} aria-label={t("enrollment.attendanceFrom.reason")} className={input} />
      <Button type="submit" name="intent" value="attendance-from" variant="secondary" disabled={busy}>
        {t("enrollment.attendanceFrom.save")}
      </Button>
    </Form>
  );
}
