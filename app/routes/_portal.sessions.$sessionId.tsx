import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireRole } from "~/modules/accounts/auth-session.server.ts";
import { buttonClass } from "~/components/ui/button.tsx";
import { isWeChat } from "~/modules/accounts/user-agent.ts";
import { AddToCalendarLink } from "~/modules/calendar/add-to-calendar.tsx";
import { listMaterialViews } from "~/modules/materials/materials.server.ts";
import { MaterialsList } from "~/modules/materials/materials-list.tsx";
import { SessionHistory } from "~/modules/timetable/session-history.tsx";
import type { SessionPageData } from "~/modules/timetable/sessions.ts";
import { getSessionForTrainee, presentSession } from "~/modules/timetable/session-pages.server.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import { getLanguage } from "~/utils/i18n.server.ts";
import { mayAskLeave } from "~/modules/attendance/leave.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.session.module.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainee"]);
  const session = await getSessionForTrainee(user.id, params.sessionId ?? "");
  if (!session) throw new Response("Not found", { status: 404 });
  const [academy, language, materials, leaveOpen] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    listMaterialViews(session.module.id),
    mayAskLeave(user.id, session.id, new Date()),
  ]);
  const page = presentSession(session, academy.timeZone, language);
  // Trainees see what changed since the session was first announced, not the announcement itself.
  return {
    session: { ...page, history: page.history.filter((entry) => entry.kind !== "created") },
    materials,
    wechat: isWeChat(request.headers.get("User-Agent")),
    // A coming or just-missed session: the trainee may ask to be excused from it.
    leaveOpen,
  };
}

function Lecturer({ lecturer }: { lecturer: SessionPageData["lecturers"][number] }) {
  const { t } = useTranslation();
  const affiliation = [lecturer.title, lecturer.organisation].filter(Boolean).join(" · ");
  return (
    <li className="flex gap-3" data-testid="session-lecturer">
      {lecturer.photoUrl ? (
        <img src={lecturer.photoUrl} alt="" width={56} height={56} loading="lazy" className="size-14 shrink-0 rounded-full bg-canvas object-cover" />
      ) : (
        <span aria-hidden="true" className="flex size-14 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xl font-bold text-brand-700">
          {lecturer.name.slice(0, 1)}
        </span>
      )}
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="font-semibold">{lecturer.name}</p>
        {affiliation ? <p className="text-sm text-muted">{affiliation}</p> : null}
        {lecturer.region ? <p className="text-sm text-muted">{t("schedule.trainee.region", { region: lecturer.region })}</p> : null}
        {lecturer.bio ? <p className="mt-1 whitespace-pre-line break-words text-sm">{lecturer.bio}</p> : null}
      </div>
    </li>
  );
}

export default function TraineeSession() {
  const { t } = useTranslation();
  const { session, materials, wechat, leaveOpen: askLeave } = useLoaderData<typeof loader>();
  const cancelled = session.status === "cancelled";
  const offsite = session.venue?.kind === "offsite";
  const cancellation = cancelled ? session.history.find((entry) => entry.kind === "cancelled") : undefined;
  // The newest change, when it moved the session: said next to the time, so nobody goes to the old one.
  const moved = !cancelled && ["rescheduled", "moved"].includes(session.history[0]?.kind ?? "") ? session.history[0] : undefined;
  const section = "flex flex-col gap-3 rounded-xl border border-line bg-surface p-4";

  return (
    <article className="flex flex-col gap-4">
      <Link to="/" className="flex min-h-11 items-center self-start text-muted hover:underline">
        ← {t("schedule.trainee.back")}
      </Link>

      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <TrackBadge track={session.module.track} />
          <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">{t(`sessionKinds.${session.kind}`)}</span>
          {cancelled ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">{t("portal.cancelled")}</span> : null}
        </div>
        <h1 className={`text-2xl font-bold leading-snug ${cancelled ? "line-through" : ""}`}>{session.module.title}</h1>
        <p className="text-lg font-semibold tabular-nums" data-testid="session-when">
          {session.day}
          <span className="ml-2">{session.time}</span>
        </p>
        {moved ? (
          <a href="#changes-heading" className="self-start rounded-lg bg-amber-100 px-3 py-1.5 text-sm font-medium text-amber-950 underline" data-testid="session-moved">
            {t(moved.kind === "moved" ? "schedule.trainee.movedNotice" : "schedule.trainee.rescheduledNotice", { at: moved.at })}
          </a>
        ) : null}
      </header>

      {cancelled ? (
        <div role="status" className="rounded-xl border border-brand-100 bg-brand-50 p-4 text-brand-800" data-testid="session-cancelled">
          <p className="font-semibold">{t("schedule.trainee.cancelled")}</p>
          {cancellation?.reason ? <p className="mt-1 break-words">{t("schedule.trainee.cancelReason", { reason: cancellation.reason })}</p> : null}
        </div>
      ) : null}

      {session.notes ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" aria-labelledby="notes-heading" data-testid="session-notes">
          <h2 id="notes-heading" className="font-semibold">
            {offsite ? t("schedule.trainee.meetUp") : t("schedule.trainee.notes")}
          </h2>
          <p className="mt-1 whitespace-pre-line break-words text-lg">{session.notes}</p>
        </section>
      ) : null}

      <section className={offsite ? `${section} border-amber-300` : section} aria-labelledby="venue-heading">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="venue-heading" className="font-semibold">
            {t("portal.venue")}
          </h2>
          {offsite ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("schedule.offsite")}</span> : null}
        </div>
        {session.venue ? (
          <div>
            <p className="text-lg">{session.venue.name}</p>
            {session.venue.address ? <p className="break-words text-muted">{session.venue.address}</p> : null}
          </div>
        ) : (
          <p className="text-muted">{t("schedule.trainee.venueTbc")}</p>
        )}
        {!cancelled ? (
          <div className="flex flex-wrap gap-2">
            <AddToCalendarLink sessionId={session.id} />
            {askLeave ? (
              <Link to={`/leave/${session.id}`} className={buttonClass("secondary")} data-testid="ask-leave">
                {t("attendance.mine.leaveLink")}
              </Link>
            ) : null}
            {session.venue?.address ? (
              // A map search for the address: phones open it in their map app, the way to a site visit included.
              <a
                href={`https://uri.amap.com/search?keyword=${encodeURIComponent(session.venue.address)}`}
                target="_blank"
                rel="noopener noreferrer"
                className={buttonClass("secondary")}
                data-testid="open-map"
              >
                {t("schedule.trainee.openMap")}
              </a>
            ) : null}
            {wechat ? (
              <p className="w-full text-sm text-muted" data-testid="wechat-calendar-hint">
                {t("schedule.trainee.wechatCalendar")}
              </p>
            ) : null}
          </div>
        ) : null}
      </section>

      {session.lecturers.length ? (
        <section className={section} aria-labelledby="lecturers-heading">
          <h2 id="lecturers-heading" className="font-semibold">
            {t("schedule.trainee.lecturers")}
          </h2>
          <ul className="flex flex-col gap-4">
            {session.lecturers.map((lecturer) => (
              <Lecturer key={lecturer.id} lecturer={lecturer} />
            ))}
          </ul>
        </section>
      ) : null}

      <section className={section} aria-labelledby="module-heading">
        <h2 id="module-heading" className="font-semibold">
          {t("schedule.trainee.module")}
        </h2>
        <p>
          {session.module.title}
          <span className="ml-2 text-sm text-muted">{t("common.hours", { count: session.module.creditHours })}</span>
        </p>
        {session.module.description ? <p className="whitespace-pre-line break-words text-sm">{session.module.description}</p> : null}
        {materials.length ? (
          <>
            <h3 className="font-medium">{t("schedule.materials")}</h3>
            <MaterialsList materials={materials} />
          </>
        ) : null}
      </section>

      {session.history.length ? (
        <section className={section} aria-labelledby="changes-heading">
          <h2 id="changes-heading" className="font-semibold">
            {t("schedule.trainee.changes")}
          </h2>
          <SessionHistory entries={session.history} showActors={false} />
        </section>
      ) : null}
    </article>
  );
}
