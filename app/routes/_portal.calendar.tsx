import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { homePathFor } from "~/modules/accounts/roles.ts";
import { personCalendarAction, personCalendarLoader } from "~/modules/calendar/calendar-page.server.ts";
import { PersonCalendarPage } from "~/modules/calendar/person-calendar-page.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// The trainee's private calendar feed. Staff-side accounts have theirs at /admin/calendar.
async function requireTrainee(request: Request) {
  const user = await requireUser(request);
  if (!user.roles.includes("trainee")) throw redirect(homePathFor(user.roles));
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  return personCalendarLoader(request, await requireTrainee(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return personCalendarAction(request, await requireTrainee(request));
}

export default function PortalCalendar() {
  return <PersonCalendarPage audience="trainee" />;
}
