import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { LeaveWithdrawSchema } from "~/modules/attendance/forms.ts";
import { LeaveCard } from "~/modules/attendance/leave-card.tsx";
import { LEAVE_DAYS_AFTER, withdrawLeave } from "~/modules/attendance/leave.server.ts";
import { myAttendance } from "~/modules/attendance/my-attendance.server.ts";
import { RateRule, RateText, StatusText } from "~/modules/attendance/status-mark.tsx";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return { ...(await myAttendance(user, new Date(), academy.timeZone, language)), leaveDays: LEAVE_DAYS_AFTER };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: LeaveWithdrawSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  try {
    await withdrawLeave({ actor: user, leaveId: submission.value.leaveId, now: new Date() });
    return redirect("/attendance?saved=withdrawn");
  } catch (error) {
    return { result: replyWithDomainError(submission, error) };
  }
}

export default function MyAttendance() {
  const { t } = useTranslation();
  const { cohorts, leaves, leaveDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">{t("attendance.mine.title")}</h1>
      {saved === "sent" || saved === "withdrawn" ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(`attendance.leave.${saved}`)}
        </p>
      ) : null}
      <ErrorList errors={actionData ? Object.values(actionData.result.error ?? {}).flat() : null} />
      {cohorts.length === 0 ? <p className="text-muted">{t("attendance.mine.notEnrolled")}</p> : null}
      {cohorts.map((cohort) => (
        <section key={cohort.enrollmentId} className="flex flex-col gap-3" aria-labelledby={`cohort-${cohort.enrollmentId}`}>
          <h2 id={`cohort-${cohort.enrollmentId}`} className="text-lg font-semibold">
            {cohort.title}
          </h2>
          <div className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4">
            <p className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="text-muted">{t("attendance.mine.overall")}</span>
              <span data-testid="my-rate" className="text-xl">
                <RateText {...cohort.overall} />
              </span>
            </p>
            <RateRule excusedLeaveDenominator={cohort.excusedLeaveDenominator} />
            <h3 className="mt-1 font-medium">{t("attendance.mine.byTrack")}</h3>
            <ul className="flex flex-col gap-1">
              {cohort.tracks.map((track) => (
                <li key={track.trackKey} className="flex flex-wrap justify-between gap-2">
                  <span>{t(`tracks.${track.trackKey}`)}</span>
                  <RateText {...track} />
                </li>
              ))}
            </ul>
          </div>
          <h3 className="font-medium">{t("attendance.mine.sessions")}</h3>
          <p className="text-sm text-muted">{t("attendance.leave.window", { days: leaveDays })}</p>
          <ul className="flex flex-col divide-y divide-line rounded-xl border border-line bg-surface">
            {cohort.sessions.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center gap-2 px-4 py-3" data-testid="my-session">
                <div className="min-w-0 flex-1">
                  <Link to={`/sessions/${session.id}`} className="font-medium hover:underline">
                    {session.moduleTitle}
                  </Link>
                  <p className="text-sm tabular-nums text-muted">{session.when}</p>
                </div>
                {session.phase === "cancelled" ? (
                  <span className="text-sm text-muted">{t("attendance.phase.cancelled")}</span>
                ) : (
                  <StatusText status={session.status} />
                )}
                {session.leave === "pending" ? <span className="text-xs text-amber-900">{t("attendance.leave.status.pending")}</span> : null}
                {session.canAskLeave ? (
                  <Link to={`/leave/${session.id}`} className="flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-brand-700 hover:bg-brand-50">
                    {t("attendance.mine.leaveLink")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="flex flex-col gap-3" aria-labelledby="my-leave">
        <h2 id="my-leave" className="text-lg font-semibold">
          {t("attendance.leave.mine")}
        </h2>
        {leaves.length === 0 ? <p className="text-muted">{t("attendance.leave.none")}</p> : null}
        <ul className="flex flex-col gap-3">
          {leaves.map((leave) => (
            <li key={leave.id}>
              <LeaveCard leave={leave}>
                {leave.status === "pending" ? (
                  <Form method="post">
                    <input type="hidden" name="leaveId" value={leave.id} />
                    <Button type="submit" variant="secondary">
                      {t("attendance.leave.withdraw")}
                    </Button>
                  </Form>
                ) : null}
              </LeaveCard>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
