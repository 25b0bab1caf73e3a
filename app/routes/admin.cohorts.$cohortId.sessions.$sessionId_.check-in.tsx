// The check-in panel's actions on the staff session page: check-in settings,
// reviewing flagged check-ins, matching guests. Each redirects back to the page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { updateCheckInSettings } from "~/modules/attendance/check-in-settings.server.ts";
import { requireCheckInStaff } from "~/modules/attendance/check-in-screen.server.ts";
import { CheckInSettingsSchema } from "~/modules/attendance/check-in.ts";
import { reviewFlaggedCheckIn } from "~/modules/attendance/flags.server.ts";
import { matchGuest } from "~/modules/attendance/guests.server.ts";
import { attendanceStatuses } from "~/modules/attendance/rules.ts";
import type { notes } from "~/modules/attendance/check-in-panel.tsx";
import { DomainError } from "~/utils/domain-error.ts";

const sessionPage = (cohortId: string, sessionId: string) => `/admin/cohorts/${cohortId}/sessions/${sessionId}`;

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(sessionPage(params.cohortId ?? "", params.sessionId ?? ""));
}

const ReviewSchema = z.object({
  intent: z.enum(["confirm-flag", "change-flag"]),
  attendanceId: z.string().min(1),
  status: z.enum(attendanceStatuses).optional(),
  note: z.string().max(200).optional().default(""),
});
const MatchSchema = z.object({ intent: z.literal("match-guest"), guestId: z.string().min(1), personId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const sessionId = params.sessionId ?? "";
  const form = Object.fromEntries(await request.formData());
  const back = (query: { checkIn?: (typeof notes)[number]; checkInError?: string }) =>
    redirect(`${sessionPage(cohortId, sessionId)}?${new URLSearchParams(query)}#check-in-heading`);
  const now = new Date();
  if (form.intent === "settings") {
    await requireCohortPermission(request, cohortId, "update:curriculum");
    const { session } = await requireCheckInStaff(request, sessionId, "read:attendance");
    if (session.module.cohortId !== cohortId) throw new Response("Not found", { status: 404 });
    const parsed = CheckInSettingsSchema.safeParse(form);
    if (!parsed.success) return back({ checkInError: parsed.error.issues[0]?.message ?? "checkin.settings.errors.minutes" });
    await updateCheckInSettings(sessionId, parsed.data);
    return back({ checkIn: "settings.saved" });
  }
  const { user, session } = await requireCheckInStaff(request, sessionId, "update:attendance");
  if (session.module.cohortId !== cohortId) throw new Response("Not found", { status: 404 });
  try {
    const review = ReviewSchema.safeParse(form);
    if (review.success) {
      const status = review.data.intent === "change-flag" ? (review.data.status ?? null) : null;
      await reviewFlaggedCheckIn(user, { sessionId, attendanceId: review.data.attendanceId, status, note: review.data.note, now, request });
      return back({ checkIn: "flags.saved" });
    }
    const match = MatchSchema.safeParse(form);
    if (match.success) {
      await matchGuest(user, { sessionId, guestId: match.data.guestId, personId: match.data.personId, now, request });
      return back({ checkIn: "guests.saved" });
    }
  } catch (error) {
    if (error instanceof DomainError) return back({ checkInError: error.messageKey });
    throw error;
  }
  // No form of the panel sends anything else: back to the page, nothing changed.
  return redirect(sessionPage(cohortId, sessionId));
}
