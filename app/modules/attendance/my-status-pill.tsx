import { useTranslation } from "react-i18next";
import { StatusPill, type Tone } from "~/components/ui/status-pill.tsx";
import type { SessionStanding } from "./rules.ts";

const statusTone: Record<SessionStanding, Tone> = { present: "success", late: "warning", excused: "info", absent: "danger", before_joining: "neutral" };

/** "我的出勤：迟到" on a session card, once the session has ended (see withMyStatus). */
export function MyStatusPill({ status }: { status: SessionStanding | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <StatusPill tone={statusTone[status]}>{t("attendanceViews.myStatus", { status: t(`attendanceViews.status.${status}`) })}</StatusPill>;
}
