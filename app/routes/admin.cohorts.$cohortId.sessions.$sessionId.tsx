import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { CheckInPanel } from "~/modules/attendance/check-in-panel.tsx";
import { checkInPanel } from "~/modules/attendance/check-in-panel.server.ts";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { sessionAttendanceSummary } from "~/modules/attendance/roll-call-page.server.ts";
import { SessionAttendanceLinks } from "~/modules/attendance/session-attendance-links.tsx";
import { ClashList } from "~/modules/timetable/clash-list.tsx";
import { SessionForm } from "~/modules/timetable/session-form.tsx";
import { SessionHistory } from "~/modules/timetable/session-history.tsx";
import { clashFingerprint, REASON_MAX, SessionActionSchema } from "~/modules/timetable/sessions.ts";
import { presentClashes } from "~/modules/timetable/clashes.server.ts";
import {
  getSessionForStaff,
  presentSession,
  presentWarnings,
  sessionFormOptions,
  sessionFormValues,
  sessionInCohort,
} from "~/modules/timetable/session-pages.server.ts";
import { cancelSession, restoreSession, updateSession, type ScheduleResult } from "~/modules/timetable/sessions.server.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.session.module.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const session = await getSessionForStaff(cohortId, params.sessionId ?? "");
  if (!session) throw new Response("Not found", { status: 404 });
  const canEdit = canInCohorts(user, "update:curriculum");
  const [academy, language, options, attendance] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    canEdit ? sessionFormOptions(cohortId) : null,
    sessionAttendanceSummary(user, session.id, new Date()),
  ]);
  const checkIn = await checkInPanel(user, session.id, academy.timeZone);
  return {
    cohortId,
    attendance,
    canEdit,
    session: presentSession(session, academy.timeZone, language),
    formValues: sessionFormValues(session, academy.timeZone),
    checkIn,
    options: options ? { modules: options.modules, venues: options.venues, lecturers: options.lecturers } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const sessionId = params.sessionId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:curriculum");
  if (!(await sessionInCohort(cohortId, sessionId))) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: SessionActionSchema });
  // Which form was sent, so its errors show beside it (an unknown intent shows nowhere and changes nothing).
  const sent = submission.payload.intent;
  const intent = sent === "update" || sent === "cancel" || sent === "restore" ? sent : null;
  if (submission.status !== "success") return { intent, result: submission.reply(), warning: null };
  const command = submission.value;
  const base = { cohortId, actor: user, now: new Date() };
  const here = `/admin/cohorts/${cohortId}/sessions/${sessionId}`;
  try {
    if (command.intent === "cancel") {
      await cancelSession(sessionId, { ...base, reason: command.reason });
      return redirect(`${here}?saved=cancelled`);
    }
    const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
    let fingerprint: string;
    let outcome: ScheduleResult;
    if (command.intent === "update") {
      const { intent: _intent, confirmClashes, reason, ...values } = command;
      fingerprint = clashFingerprint(values);
      outcome = await updateSession(sessionId, { cohortId, ...values }, { ...base, reason, confirmClashes: confirmClashes === fingerprint });
    } else {
      // The session comes back at its own time, venue and lecturers: the confirmation is for those.
      const session = await getSessionForStaff(cohortId, sessionId);
      fingerprint = session ? clashFingerprint(sessionFormValues(session, academy.timeZone)) : "";
      outcome = await restoreSession(sessionId, { ...base, confirmClashes: command.confirmClashes === fingerprint });
    }
    if (outcome.status === "saved") return redirect(`${here}?saved=${command.intent === "update" ? (outcome.changed ? "updated" : "unchanged") : "restored"}`);
    return {
      intent: command.intent,
      result: submission.reply(),
      warning: {
        clashes: presentClashes(outcome.clashes, cohortId, academy.timeZone, language),
        dates: presentWarnings(outcome.warnings, language),
        confirmValue: fingerprint,
      },
    };
  } catch (error) {
    return { intent: command.intent, result: replyWithDomainError(submission, error), warning: null };
  }
}

export default function StaffSession() {
  const { t } = useTranslation();
  const { cohortId, canEdit, session, formValues, options, attendance, checkIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const idle = navigation.state === "idle";
  const last = idle ? actionData : null;
  const saved = params.get("saved");
  const cancelled = session.status === "cancelled";
  const otherErrors = last?.intent === "cancel" || last?.intent === "restore" ? Object.values(last.result.error ?? {}).flat() : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link to={`/admin/cohorts/${cohortId}/modules/${session.module.id}`} className="text-muted hover:underline">
          ← {session.module.title}
        </Link>
        <Link to={`/admin/cohorts/${cohortId}/timetable`} className="text-muted hover:underline">
          {t("schedule.backToTimetable")}
        </Link>
      </div>

      {saved && ["created", "updated", "unchanged", "cancelled", "restored"].includes(saved) ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(`schedule.saved.${saved}`)}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="flex min-w-0 flex-col gap-4">
          <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="session-heading">
            <div className="flex flex-wrap items-center gap-2">
              <TrackBadge track={session.module.track} />
              <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">{t(`sessionKinds.${session.kind}`)}</span>
              {cancelled ? <StatusPill tone="danger">{t("schedule.status.cancelled")}</StatusPill> : <StatusPill tone="success">{t("schedule.status.scheduled")}</StatusPill>}
            </div>
            <h2 id="session-heading" className={`text-xl font-bold ${cancelled ? "line-through" : ""}`}>
              {session.module.title}
            </h2>
            <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[7rem_1fr]">
              <dt className="text-muted">{t("schedule.when")}</dt>
              <dd className="tabular-nums" data-testid="session-when">
                {session.day} {session.time}
              </dd>
              <dt className="text-muted">{t("schedule.fields.venue")}</dt>
              <dd>
                {session.venue ? (
                  <>
                    {session.venue.name}
                    {session.venue.kind === "offsite" ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("schedule.offsite")}</span> : null}
                    {session.venue.address ? <span className="block text-sm text-muted">{session.venue.address}</span> : null}
                  </>
                ) : (
                  "—"
                )}
              </dd>
              <dt className="text-muted">{t("schedule.fields.lecturers")}</dt>
              <dd>{session.lecturers.map((l) => [l.name, l.title].filter(Boolean).join(" · ")).join(t("common.listSeparator")) || "—"}</dd>
              <dt className="text-muted">{t("schedule.fields.notes")}</dt>
              <dd className="whitespace-pre-line break-words">{session.notes ?? "—"}</dd>
              <dt className="text-muted">{t("schedule.materials")}</dt>
              <dd>{t("schedule.materialsCount", { count: session.materialCount })}</dd>
            </dl>
          </section>

          {canEdit && options && !cancelled ? (
            <section className="flex flex-col gap-2" aria-labelledby="edit-heading">
              <h2 id="edit-heading" className="text-lg font-semibold">
                {t("schedule.editTitle")}
              </h2>
              <SessionForm
                key={`${session.id}-${session.history.length}`}
                mode="edit"
                options={options}
                defaultValue={formValues}
                lastResult={last?.intent === "update" ? last.result : null}
                submitLabel={t("schedule.save")}
                warning={
                  last?.intent === "update" && last.warning ? (
                    <ClashList clashes={last.warning.clashes} warnings={last.warning.dates} cohortId={cohortId}>
                      <Button type="submit" name="confirmClashes" value={last.warning.confirmValue} variant="secondary">
                        {t("schedule.clash.saveAnyway")}
                      </Button>
                      <a href="#session-edit-when" className={buttonClass("ghost")}>
                        {t("schedule.clash.changeTime")}
                      </a>
                    </ClashList>
                  ) : null
                }
              />
            </section>
          ) : null}
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <SessionAttendanceLinks cohortId={cohortId} sessionId={session.id} counts={attendance.counts} canMark={attendance.canMark} />
          {checkIn && !cancelled ? <CheckInPanel panel={checkIn} cohortId={cohortId} /> : null}
          {canEdit ? (
            <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="status-heading">
              <h2 id="status-heading" className="text-lg font-semibold">
                {cancelled ? t("schedule.restoreTitle") : t("schedule.cancelTitle")}
              </h2>
              {cancelled ? (
                <Form method="post" className="flex flex-col gap-3">
                  <input type="hidden" name="intent" value="restore" />
                  <p className="text-sm text-muted">{t("schedule.restoreHelp")}</p>
                  <ErrorList errors={otherErrors} />
                  {last?.intent === "restore" && last.warning ? (
                    <ClashList clashes={last.warning.clashes} warnings={last.warning.dates} cohortId={cohortId}>
                      <Button type="submit" name="confirmClashes" value={last.warning.confirmValue} variant="secondary">
                        {t("schedule.clash.restoreAnyway")}
                      </Button>
                    </ClashList>
                  ) : null}
                  <Button type="submit" className="self-start" disabled={!idle}>
                    {t("schedule.restore")}
                  </Button>
                </Form>
              ) : (
                <Form method="post" className="flex flex-col gap-3">
                  <input type="hidden" name="intent" value="cancel" />
                  <p className="text-sm text-muted">{t("schedule.cancelHelp")}</p>
                  <label className="flex flex-col gap-1.5">
                    <span className="font-medium">{t("schedule.fields.cancelReason")}</span>
                    <input name="reason" required maxLength={REASON_MAX} className="min-h-12 rounded-lg border border-line bg-surface px-3 py-2 text-base" />
                  </label>
                  <ErrorList errors={otherErrors} />
                  <Button type="submit" variant="secondary" className="self-start text-brand-700" disabled={!idle}>
                    {t("schedule.cancel")}
                  </Button>
                </Form>
              )}
            </section>
          ) : null}

          <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="history-heading">
            <h2 id="history-heading" className="text-lg font-semibold">
              {t("schedule.history.title")}
            </h2>
            <SessionHistory entries={session.history} showActors />
          </section>
        </div>
      </div>
    </div>
  );
}
