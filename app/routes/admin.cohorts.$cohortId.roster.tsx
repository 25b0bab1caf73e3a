import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, cohortScope, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { cohortStandings } from "~/modules/attendance/standing.server.ts";
import { changeAttendanceFrom } from "~/modules/cohorts/attendance-from.server.ts";
import { enrollmentStatuses } from "~/modules/cohorts/cohorts.ts";
import { getRoster, moveTargets } from "~/modules/cohorts/cohorts.server.ts";
import { decideEnrollment, moveEnrollment, withdrawEnrollment } from "~/modules/cohorts/enrollment.server.ts";
import { RosterActionSchema } from "~/modules/cohorts/roster-actions.ts";
import { RosterHeader, RosterRow } from "~/modules/cohorts/roster-row.tsx";
import { parseRosterSort, sortRoster } from "~/modules/cohorts/roster-sort.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { isCalendarDate, localDate, zonedInstant } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:enrollment");
  const url = new URL(request.url);
  const status = enrollmentStatuses.find((s) => s === url.searchParams.get("status"));
  const canManage = canInCohorts(user, "update:enrollment");
  const [roster, targets, standings, { timeZone }] = await Promise.all([
    getRoster(cohortId, { status, search: url.searchParams.get("q")?.slice(0, 100) }),
    canManage ? moveTargets(cohortId, cohortScope(user, "update:enrollment")) : [],
    cohortStandings({ cohortId, now: new Date() }),
    getAcademySettings(),
  ]);
  const byEnrollment = new Map(standings.enrollments.map((s) => [s.enrollmentId, { rate: s.rate, late: s.late, absent: s.absent }]));
  const rows = roster.map((row) => ({
    ...row,
    attendanceFrom: row.attendanceFrom ? localDate(row.attendanceFrom, timeZone) : null,
    standing: byEnrollment.get(row.id) ?? null,
  }));
  const sorted = sortRoster(rows, parseRosterSort(url.searchParams.get("sort")), (row) => ({
    name: row.person.name,
    company: row.person.trainee?.company ?? null,
    rate: row.standing?.rate ?? null,
    late: row.standing?.late ?? 0,
    absent: row.standing?.absent ?? 0,
  }));
  return { rows: sorted, canManage, moveTargets: targets, cohortId, excusedLeaveDenominator: standings.excusedLeaveDenominator };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:enrollment");
  const submission = parseWithZod(await request.formData(), { schema: RosterActionSchema });
  if (submission.status !== "success") return submission.reply();
  const command = submission.value;
  const base = { cohortId, enrollmentId: command.enrollmentId, actorId: user.id, now: new Date() };
  try {
    switch (command.intent) {
      case "approve":
      case "waitlist":
        await decideEnrollment({ ...base, decision: command.intent });
        break;
      case "decline":
        await decideEnrollment({ ...base, decision: "decline", reason: command.reason });
        break;
      case "withdraw":
        await withdrawEnrollment({ ...base, reason: command.reason });
        break;
      case "attendance-from": {
        // A date is the start of that day in the academy's time zone: every session of the day counts.
        if (command.mode === "date" && !isCalendarDate(command.date ?? "")) throw new DomainError("enrollment.errors.attendanceFromDate", "date");
        const { timeZone } = await getAcademySettings();
        const attendanceFrom = command.mode === "date" ? zonedInstant(command.date!, "00:00", timeZone) : null;
        await changeAttendanceFrom({ ...base, actor: user, attendanceFrom, reason: command.reason, request });
        break;
      }
      case "move":
        // The target cohort must be one this person may enrol people in, too.
        await requireCohortPermission(request, command.toCohortId, "update:enrollment");
        await moveEnrollment({ ...base, toCohortId: command.toCohortId });
        break;
    }
    return submission.reply({ resetForm: true });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function CohortRoster() {
  const { t } = useTranslation();
  const { rows, canManage, moveTargets, cohortId, excusedLeaveDenominator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const current = params.get("status") ?? "";
  const errors = result?.error ? Object.values(result.error).flat() : null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <nav className="flex flex-wrap gap-1" aria-label={t("enrollment.filter")}>
          {["", ...enrollmentStatuses].map((status) => (
            <Link
              key={status || "all"}
              to={status ? `?status=${status}` : "?"}
              className={`flex min-h-11 items-center rounded-lg px-3 text-sm ${current === status ? "bg-brand-50 font-semibold text-brand-700" : "hover:bg-black/5"}`}
            >
              {status ? t(`enrollmentStatus.${status}`) : t("enrollment.all")}
            </Link>
          ))}
        </nav>
        <Form method="get" className="ml-auto flex gap-2" role="search">
          {current ? <input type="hidden" name="status" value={current} /> : null}
          {params.get("sort") ? <input type="hidden" name="sort" value={params.get("sort") ?? ""} /> : null}
          <input name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("people.searchHint")} aria-label={t("people.search")} className="min-h-11 rounded-lg border border-line bg-surface px-3" />
        </Form>
      </div>
      <div className="flex flex-wrap gap-2">
        <a href={`/admin/cohorts/${cohortId}/roster.xlsx`} className={buttonClass("secondary")} download>
          {t("rosterPage.export")}
        </a>
        {canManage ? (
          <Form method="post" action={`/admin/cohorts/${cohortId}/activation-codes`} reloadDocument>
            <Button type="submit" variant="secondary">
              {t("rosterPage.activationCodes")}
            </Button>
          </Form>
        ) : null}
      </div>
      {canManage ? <p className="text-sm text-muted">{t("rosterPage.activationCodesHelp")}</p> : null}
      <ErrorList errors={errors} />
      <p className="text-sm text-muted">
        {t("people.count", { count: rows.length })} · {t(excusedLeaveDenominator ? "attendanceViews.roster.ruleExcusedOut" : "attendanceViews.roster.ruleExcusedIn")}
      </p>
      <div className="overflow-x-auto rounded-xl border border-line bg-surface">
        <table className="w-full min-w-[44rem] text-left text-sm" data-testid="roster-table">
          <RosterHeader canManage={canManage} />
          <tbody>
            {rows.map((row) => (
              <RosterRow key={row.id} row={row} canManage={canManage} moveTargets={moveTargets} busy={navigation.state !== "idle"} />
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-6 text-muted">
                  {t("enrollment.none")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
