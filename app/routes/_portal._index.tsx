import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/accounts/auth-session.server.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { MyStatusPill } from "~/modules/attendance/my-status-pill.tsx";
import { myStatusBySession } from "~/modules/attendance/my-sessions.server.ts";
import { withMyStatus } from "~/modules/attendance/session-state.ts";
import { myCheckIns } from "~/modules/attendance/check-in.server.ts";
import { hasTodayCheckIn, TodayCheckIn } from "~/modules/attendance/check-in-today.tsx";
import { myCertificates } from "~/modules/certificates/my-certificates.server.ts";
import { myCertificateProgress } from "~/modules/certificates/progress.server.ts";
import { CertificateProgress, MyCertificatesList } from "~/modules/certificates/progress-view.tsx";
import { CohortCard } from "~/modules/cohorts/cohort-card.tsx";
import { getMyCohorts } from "~/modules/cohorts/my-cohorts.server.ts";
import { SessionCard } from "~/modules/timetable/session-card.tsx";
import { getUpcomingSessions, toSessionCard, type TimetableSession } from "~/modules/timetable/timetable.server.ts";
import { getLanguage, getFixedT } from "~/utils/i18n.server.ts";
import { formatDateRange, formatDay } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainee"]);
  const [language, academy] = await Promise.all([getLanguage(request), getAcademySettings()]);
  const now = new Date();
  const tz = academy.timeZone;
  const [sessions, cohorts, certificateProgress, certificates] = await Promise.all([
    getUpcomingSessions({ personId: user.id, now, timeZone: tz }),
    getMyCohorts(user.id),
    myCertificateProgress(user, now),
    myCertificates(user),
  ]);
  const statuses = await myStatusBySession({ personId: user.id, cohortIds: sessions.today.map((s) => s.cohortId), now });
  const checkIns = await myCheckIns(user.id, sessions.today.map((s) => s.id), now);
  const present = (list: TimetableSession[]) => withMyStatus(list.map((s) => toSessionCard(s, tz, language, now)), statuses);
  return {
    title: getFixedT(language)("portal.pageTitle"),
    firstName: user.name,
    todayLabel: formatDay(now, tz, language),
    today: present(sessions.today),
    upcoming: present(sessions.upcoming),
    checkIns,
    certificateProgress,
    certificates,
    cohorts: cohorts.map((c) => ({
      cohortId: c.cohortId,
      title: c.title,
      dates: formatDateRange(c.startDate, c.endDate, language),
      status: c.status,
      enrollmentStatus: c.enrollmentStatus,
      venue: c.venue,
      organisers: c.organisers,
      partners: c.partners,
      hoursByTrack: c.hoursByTrack,
    })),
  };
}

export default function PortalHome() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.has("applied") ? "portal.applied" : params.has("activated") ? "portal.activated" : null;
  return (
    <div className="flex flex-col gap-6">
      {notice ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(notice)}
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-bold">{t("portal.greeting", { name: data.firstName })}</h1>
        <p className="text-muted">{data.todayLabel}</p>
      </div>

      <section aria-labelledby="today-heading" className="flex flex-col gap-3">
        <h2 id="today-heading" className="text-lg font-semibold">
          {t("portal.today")}
        </h2>
        {data.today.length ? (
          data.today.map((session) => (
            <SessionCard key={session.id} session={session} showDay={false} href={`/sessions/${session.id}`} status={<MyStatusPill status={session.myStatus} />}>
              {hasTodayCheckIn(data.checkIns[session.id]) ? <TodayCheckIn state={data.checkIns[session.id]} /> : null}
            </SessionCard>
          ))
        ) : (
          <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("portal.noSessionsToday")}</p>
        )}
      </section>

      <section aria-labelledby="upcoming-heading" className="flex flex-col gap-3">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          {t("portal.upcoming")}
        </h2>
        {data.upcoming.length ? (
          data.upcoming.map((session) => <SessionCard key={session.id} session={session} showDay href={`/sessions/${session.id}`} status={<MyStatusPill status={session.myStatus} />} />)
        ) : (
          <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("portal.noUpcoming")}</p>
        )}
      </section>

      <CertificateProgress items={data.certificateProgress} />
      {data.certificates.length > 0 || data.certificateProgress.length > 0 ? <MyCertificatesList items={data.certificates} /> : null}

      <section aria-labelledby="cohorts-heading" className="flex flex-col gap-3">
        <h2 id="cohorts-heading" className="text-lg font-semibold">
          {t("portal.myCohorts")}
        </h2>
        {data.cohorts.length ? (
          data.cohorts.map((cohort) => <CohortCard key={cohort.cohortId} cohort={cohort} />)
        ) : (
          <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("portal.noCohorts")}</p>
        )}
      </section>
    </div>
  );
}
