// Where the projector's QR code leads, and where typed codes are sent. Opening
// it records nothing (link previews and prefetchers open links): the trainee
// confirms with one POST. Signed out, the trainee signs in and comes back with
// the signed time the link was first opened.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicPage } from "~/components/public-page.tsx";
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { GuestCheckInForm, TraineeCheckInForm } from "~/modules/attendance/check-in-forms.tsx";
import { answerCheckIn, type CheckInActionResult } from "~/modules/attendance/check-in-action.server.ts";
import { deviceOf, openedAtValue } from "~/modules/attendance/check-in-request.server.ts";
import { readCheckIn } from "~/modules/attendance/check-in.server.ts";
import { checkInPath as here, hasLocationCheck } from "~/modules/attendance/check-in.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const sessionId = params.sessionId ?? "";
  const user = await getCurrentUser(request);
  const found = await readCheckIn(sessionId, user?.id ?? null, null);
  if (!found) throw data("Not found", { status: 404 });
  const { session } = found;
  const url = new URL(request.url);
  const token = (url.searchParams.get("t") ?? "").slice(0, 64);
  const { deviceId, setCookie } = await deviceOf(request);
  const openedAt = openedAtValue(url.searchParams.get("o"), { sessionId, token, deviceId, now });
  const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
  const back = `${here(sessionId)}?${new URLSearchParams({ ...(token ? { t: token } : {}), o: openedAt })}`;
  if (!user && !session.openToGuests) throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`, { headers });
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return data(
    {
      title: session.module.title,
      sessionId,
      cohort: session.module.cohort.title,
      when: `${formatDay(session.startsAt, academy.timeZone, language)} ${formatTimeRange(session.startsAt, session.endsAt, academy.timeZone)}`,
      venue: session.venue?.name ?? null,
      token,
      openedAt,
      signedIn: Boolean(user),
      signInHref: `/login?${new URLSearchParams({ redirectTo: back })}`,
      openToGuests: session.openToGuests,
      locationCheck: hasLocationCheck(session.venue),
      enrolled: found.enrollmentId !== null,
      recorded: found.existing?.status ?? null,
      cancelled: session.status === "cancelled",
    },
    { headers },
  );
}

type ActionResult = CheckInActionResult;

// The confirm a loaded page sends (single fetch) is answered by the server's fast path with the same
// function (scripts/server.ts); this action answers pages before JavaScript, guests and the dev server.
export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const now = new Date();
  const sessionId = params.sessionId ?? "";
  const answer = await answerCheckIn({ request, sessionId, form: await request.formData(), now });
  if (answer.kind === "signIn") throw redirect(answer.location);
  if (answer.kind === "notFound") throw data("Not found", { status: 404 });
  return answer.result;
}

function Recorded({ status, already }: { status: string; already?: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" data-testid="check-in-recorded" className="flex flex-col items-center gap-2 rounded-xl bg-emerald-50 p-6 text-center text-emerald-900">
      <span aria-hidden className="text-5xl">✓</span>
      <p className="text-xl font-bold">{t(status === "late" ? "checkin.recordedLate" : "checkin.recorded")}</p>
      {already ? <p className="text-sm">{t("checkin.already")}</p> : null}
    </div>
  );
}

export default function CheckInPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const action = here(page.sessionId);
  const refused = result?.kind === "refused" ? result : null;
  const recorded = result?.kind === "recorded" ? result : null;
  const guestErrors = result?.kind === "guestErrors" ? result.errors : refused?.guest ? { form: [`checkin.refused.${refused.reason}`] } : null;
  const traineeError = refused && !refused.guest ? [`checkin.refused.${refused.reason}`] : null;
  const recordedStatus = recorded?.status ?? page.recorded;

  return (
    <PublicPage eyebrow={t("checkin.eyebrow")} title={page.title}>
      <div className="flex flex-col gap-1 text-center text-muted">
        <p>{page.cohort}</p>
        <p className="tabular-nums">{page.when}</p>
        {page.venue ? <p>{page.venue}</p> : null}
      </div>
      {recordedStatus ? (
        <>
          <Recorded status={recordedStatus} already={recorded ? recorded.already : true} />
          {page.signedIn ? (
            <Link to="/" className="text-center font-medium text-brand-700 hover:underline">
              {t("checkin.toHome")}
            </Link>
          ) : null}
        </>
      ) : page.cancelled ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900">{t("checkin.refused.cancelled")}</p>
      ) : page.signedIn && !page.enrolled ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900" data-testid="check-in-not-enrolled">{t("checkin.refused.not_enrolled")}</p>
      ) : page.signedIn ? (
        <TraineeCheckInForm
          key={traineeError ? "retry" : "first"}
          action={action}
          token={refused && !refused.guest ? "" : page.token}
          openedAt={page.openedAt}
          locationCheck={page.locationCheck}
          errors={traineeError}
        />
      ) : (
        <>
          <a href={page.signInHref} className="inline-flex min-h-16 items-center justify-center rounded-lg bg-brand-700 px-4 text-xl font-medium text-white">
            {t("checkin.signInToCheckIn")}
          </a>
          {page.openToGuests ? <GuestCheckInForm action={action} token={page.token} openedAt={page.openedAt} errors={guestErrors} /> : null}
        </>
      )}
    </PublicPage>
  );
}
