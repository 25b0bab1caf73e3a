import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { MyStatusPill } from "~/modules/attendance/my-status-pill.tsx";
import { myStatusBySession } from "~/modules/attendance/my-sessions.server.ts";
import { withMyStatus } from "~/modules/attendance/session-state.ts";
import { getTraineeProgrammes, programmeView } from "~/modules/programme/programme.server.ts";
import { ProgrammeByTrack } from "~/modules/programme/programme-view.tsx";
import { SessionCard } from "~/modules/timetable/session-card.tsx";
import { getPersonWeek, mondayOf, parseWeek, weekData } from "~/modules/timetable/timetable.server.ts";
import { WeekNavigation } from "~/modules/timetable/week-view.tsx";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { localDate } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// "This week" and the whole programme of the trainee's cohorts. Today is on the home page.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const tz = academy.timeZone;
  const now = new Date();
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "programme" ? "programme" : "week";
  const t = getFixedT(language);
  if (view === "programme") {
    const programmes = (await getTraineeProgrammes(user.id)).map((cohort) => ({ ...cohort, programme: programmeView(cohort.programme, tz, language) }));
    return { title: t("programme.myProgramme"), view, programmes, week: null };
  }
  const weekStart = parseWeek(url.searchParams.get("week")) ?? mondayOf(localDate(now, tz));
  const sessions = await getPersonWeek(user.id, weekStart, tz);
  const plain = weekData(weekStart, sessions, now, tz, language);
  const statuses = await myStatusBySession({ personId: user.id, cohortIds: sessions.map((s) => s.cohortId), now });
  const week = { ...plain, days: plain.days.map((day) => ({ ...day, sessions: withMyStatus(day.sessions, statuses) })) };
  return { title: t("programme.myWeek"), view, programmes: null, week };
}

export default function PortalTimetable() {
  const { t } = useTranslation();
  const { view, programmes, week } = useLoaderData<typeof loader>();
  const tab = (active: boolean) => `flex min-h-11 flex-1 items-center justify-center rounded-lg px-3 font-medium ${active ? "bg-surface text-brand-700 shadow-sm" : "text-muted"}`;
  return (
    <div className="flex flex-col gap-4">
      <nav className="flex gap-1 rounded-xl bg-canvas p-1 ring-1 ring-line" aria-label={t("programme.views")}>
        <Link to="/timetable" className={tab(view === "week")} aria-current={view === "week" ? "page" : undefined}>
          {t("programme.myWeek")}
        </Link>
        <Link to="/timetable?view=programme" className={tab(view === "programme")} aria-current={view === "programme" ? "page" : undefined}>
          {t("programme.myProgramme")}
        </Link>
      </nav>
      {week ? (
        <>
          <WeekNavigation week={week} />
          {week.days.some((day) => day.sessions.length) ? (
            week.days
              .filter((day) => day.sessions.length)
              .map((day) => (
                <section key={day.date} aria-labelledby={`day-${day.date}`} className="flex flex-col gap-2">
                  <h2 id={`day-${day.date}`} className={`font-semibold ${day.isToday ? "text-brand-700" : ""}`}>
                    {day.label}
                    {day.isToday ? ` · ${t("portal.today")}` : ""}
                  </h2>
                  {day.sessions.map((session) => (
                    <SessionCard key={session.id} session={session} showDay={false} href={`/sessions/${session.id}`} status={<MyStatusPill status={session.myStatus} />} />
                  ))}
                </section>
              ))
          ) : (
            <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("programme.emptyWeek")}</p>
          )}
        </>
      ) : null}
      {programmes ? (
        programmes.length ? (
          programmes.map((cohort) => (
            <section key={cohort.id} aria-labelledby={`cohort-${cohort.id}`} className="flex flex-col gap-3">
              <h2 id={`cohort-${cohort.id}`} className="text-lg font-bold">
                {cohort.title}
              </h2>
              <ProgrammeByTrack programme={cohort.programme} sessionHref={(id) => `/sessions/${id}`} />
            </section>
          ))
        ) : (
          <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("portal.noCohorts")}</p>
        )
      ) : null}
    </div>
  );
}
