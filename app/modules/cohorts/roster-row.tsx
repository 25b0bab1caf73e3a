import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { splitMessage } from "~/utils/messages.ts";
import { enrollmentStatusTone } from "./cohort-status.tsx";

export type RosterRowData = {
  id: string;
  status: string;
  reason: string | null;
  waitlistRank: number | null;
  person: { id: string; name: string; mobile: string | null; status: string; trainee: { company: string; position: string | null } | null };
};

/** A reason is either a staff member's words or, for changes the system made, a message key. */
function ReasonText({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const [key, values] = splitMessage(reason);
  return <>{key.startsWith("enrollment.reasons.") ? t(key, values) : reason}</>;
}

export function RosterRow({ row, canManage, moveTargets, busy }: { row: RosterRowData; canManage: boolean; moveTargets: { id: string; title: string }[]; busy: boolean }) {
  const { t } = useTranslation();
  const input = "min-h-11 rounded-lg border border-line bg-surface px-2";
  const hidden = <input type="hidden" name="enrollmentId" value={row.id} />;
  return (
    <li className="flex flex-col gap-2 px-4 py-3" data-testid="roster-row">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <a href={`/admin/people/${row.person.id}`} className="font-medium underline-offset-2 hover:underline">
          {row.person.name}
        </a>
        <span className="text-sm tabular-nums text-muted">{row.person.mobile}</span>
        {row.person.trainee ? (
          <span className="text-sm text-muted">
            {row.person.trainee.company}
            {row.person.trainee.position ? ` · ${row.person.trainee.position}` : ""}
          </span>
        ) : null}
        <span className="ml-auto flex gap-1">
          {row.person.status === "invited" ? <StatusPill tone="warning">{t("personStatus.invited")}</StatusPill> : null}
          <StatusPill tone={enrollmentStatusTone[row.status] ?? "neutral"}>
            {t(`enrollmentStatus.${row.status}`)}
            {row.status === "waitlisted" && row.waitlistRank ? ` #${row.waitlistRank}` : ""}
          </StatusPill>
        </span>
      </div>
      {row.reason ? (
        <p className="text-sm text-muted">
          {t("enrollment.reason")}: <ReasonText reason={row.reason} />
        </p>
      ) : null}
      {canManage && ["applied", "waitlisted", "enrolled"].includes(row.status) ? (
        <div className="flex flex-wrap items-end gap-2">
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
          <Form method="post" className="flex flex-wrap items-end gap-2">
            {hidden}
            <input name="reason" required maxLength={500} placeholder={t("enrollment.reasonPlaceholder")} aria-label={t("enrollment.reason")} className={input} />
            <Button type="submit" name="intent" value={row.status === "enrolled" ? "withdraw" : "decline"} variant="secondary" disabled={busy}>
              {row.status === "enrolled" ? t("enrollment.withdraw") : t("enrollment.decline")}
            </Button>
          </Form>
          {row.status === "enrolled" && moveTargets.length ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              {hidden}
              <select name="toCohortId" aria-label={t("enrollment.moveTo")} className={input}>
                {moveTargets.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
              <Button type="submit" name="intent" value="move" variant="secondary" disabled={busy}>
                {t("enrollment.move")}
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
