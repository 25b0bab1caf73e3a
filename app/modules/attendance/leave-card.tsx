// One leave request: the session, who asks and why, and where it stands.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { StatusPill, type Tone } from "~/components/ui/status-pill.tsx";
import type { LeaveCardData } from "./leave-view.server.ts";

const tone: Record<string, Tone> = { pending: "warning", approved: "success", declined: "danger", withdrawn: "neutral" };

export function LeaveCard({ leave, staff, children }: { leave: LeaveCardData; staff?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <article className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4" data-testid="leave-card">
      <div className="flex flex-wrap items-center gap-2">
        <StatusPill tone={tone[leave.status] ?? "neutral"}>{t(`attendance.leave.status.${leave.status}`)}</StatusPill>
        <span className="font-medium">{leave.session.moduleTitle}</span>
      </div>
      <p className="text-sm tabular-nums text-muted">{leave.session.when}</p>
      {staff ? (
        <p>
          <span className="font-medium">{leave.person.name}</span>
          {leave.person.company ? <span className="ml-2 text-sm text-muted">{leave.person.company}</span> : null}
          <span className="ml-2 text-sm text-muted">{leave.cohort.title}</span>
        </p>
      ) : null}
      <p className="whitespace-pre-line break-words">{leave.reason}</p>
      <p className="text-xs text-muted">{t("attendance.leave.requestedAt", { at: leave.createdAt })}</p>
      {leave.recorded && leave.status === "pending" ? (
        <p className="text-sm text-muted">{t("attendance.leave.recordedAlready", { status: t(`attendance.status.${leave.recorded}`) })}</p>
      ) : null}
      {leave.decidedAt ? (
        <p className="text-sm text-muted">
          {t("attendance.leave.decidedBy", { name: leave.decidedByName ?? t("attendance.rollCall.nobody"), at: leave.decidedAt })}
        </p>
      ) : null}
      {leave.decisionNote ? <p className="text-sm">{t("attendance.leave.decisionNote", { note: leave.decisionNote })}</p> : null}
      {children}
    </article>
  );
}
