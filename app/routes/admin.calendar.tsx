import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { personCalendarAction, personCalendarLoader } from "~/modules/calendar/calendar-page.server.ts";
import { PersonCalendarPage } from "~/modules/calendar/person-calendar-page.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// A staff member's or instructor's own private feed: the sessions they teach and any cohort they sit in.
export async function loader({ request }: LoaderFunctionArgs) {
  return personCalendarLoader(request, await requireStaffPermission(request, "read:cohort"));
}

export async function action({ request }: ActionFunctionArgs) {
  return personCalendarAction(request, await requireStaffPermission(request, "read:cohort"));
}

export default function StaffCalendar() {
  return <PersonCalendarPage audience="staff" />;
}
