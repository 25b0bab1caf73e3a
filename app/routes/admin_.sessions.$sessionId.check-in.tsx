// The projector check-in screen of one session, without the staff chrome:
// fullscreen at 1080p. Staff of the cohort, the session's lecturer and admins.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { CheckInScreen } from "~/modules/attendance/check-in-screen.tsx";
import { projectorState, requireCheckInStaff } from "~/modules/attendance/check-in-screen.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireCheckInStaff(request, params.sessionId ?? "");
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return {
    title: session.module.title,
    when: `${formatDay(session.startsAt, academy.timeZone, language)} ${formatTimeRange(session.startsAt, session.endsAt, academy.timeZone)}${session.venue ? ` · ${session.venue.name}` : ""}`,
    origin: publicOrigin(request),
    state: await projectorState(session, new Date()),
  };
}

export default function CheckInProjector() {
  const { title, when, origin, state } = useLoaderData<typeof loader>();
  return <CheckInScreen initial={state} origin={origin} countHref={`/admin/sessions/${state.sessionId}/check-in.json`} title={title} when={when} />;
}
