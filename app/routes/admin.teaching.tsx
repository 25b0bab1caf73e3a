import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { cohortScope, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { getTeachingSchedule } from "~/modules/faculty/lecturers.server.ts";
import type { TeachingDay } from "~/modules/faculty/lecturers.ts";
import { TaughtSessionList } from "~/modules/timetable/taught-session-list.tsx";
import { db } from "~/utils/db.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// "我的授课": what the signed-in lecturer teaches, across all cohorts.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:curriculum");
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const [schedule, readable] = await Promise.all([
    getTeachingSchedule({ personId: user.id, now: new Date(), timeZone: academy.timeZone, language }),
    db.cohort.findMany({ where: cohortScope(user, "read:curriculum"), select: { id: true } }),
  ]);
  // A guest lecturer may teach in a cohort they are not assigned to: that session is listed, not linked.
  return { title: getFixedT(language)("faculty.teaching.title"), ...schedule, linkableCohortIds: readable.map((c) => c.id) };
}

export default function MyTeaching() {
  const { t } = useTranslation();
  const { lecturer, upcoming, past, linkableCohortIds } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("faculty.teaching.title")}</h1>
        {lecturer ? <p className="text-muted">{t("faculty.teaching.intro", { name: lecturer.name })}</p> : null}
      </div>
      {lecturer ? (
        <Link to="/admin/calendar" className={buttonClass("secondary", "self-start")}>
          {t("calendar.subscribe")}
        </Link>
      ) : null}
      {lecturer ? (
        <>
          <DaySection heading={t("faculty.teaching.upcoming")} days={upcoming} empty={t("faculty.teaching.noUpcoming")} linkable={linkableCohortIds} />
          <DaySection heading={t("faculty.teaching.past")} days={past} empty={t("faculty.teaching.noPast")} linkable={linkableCohortIds} />
        </>
      ) : (
        <section className="flex flex-col gap-2 rounded-xl border border-dashed border-line bg-surface p-6 text-center" data-testid="teaching-empty">
          <h2 className="text-lg font-semibold">{t("faculty.teaching.notLinkedTitle")}</h2>
          <p className="text-muted">{t("faculty.teaching.notLinked")}</p>
        </section>
      )}
    </div>
  );
}

function DaySection({ heading, days, empty, linkable }: { heading: string; days: TeachingDay[]; empty: string; linkable: string[] }) {
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">{heading}</h2>
      {days.length === 0 ? <p className="text-sm text-muted">{empty}</p> : null}
      {days.map((day) => (
        <div key={day.date} className="flex flex-col gap-1.5">
          <h3 className="text-sm font-semibold text-muted">{day.day}</h3>
          <TaughtSessionList sessions={day.sessions} showDay={false} linkableCohortIds={linkable} />
        </div>
      ))}
    </section>
  );
}
