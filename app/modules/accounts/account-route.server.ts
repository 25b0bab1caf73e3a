// Loader and action of the account page, shared by the portal's /account and the staff area's /admin/account.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { messageWithValues } from "~/utils/messages.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { formatDateTime } from "~/utils/time.ts";
import { ChangePasswordSchema } from "./accounts.ts";
import { changePassword, endOtherSessions } from "./account.server.ts";
import { listActiveSessions, requireUser, revokeOwnSession } from "./auth-session.server.ts";
import { passwordMessageKey } from "./password-policy.ts";
import { describeUserAgent } from "./user-agent.ts";

export async function accountLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [academy, language, sessions] = await Promise.all([getAcademySettings(), getLanguage(request), listActiveSessions(user.id)]);
  return {
    title: getFixedT(language)("account.pageTitle"),
    name: user.name,
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === user.authSessionId,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      signedInAt: formatDateTime(s.createdAt, academy.timeZone, language),
      lastSeenAt: formatDateTime(s.lastSeenAt, academy.timeZone, language),
    })),
  };
}

const SessionIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), sessionId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("end-others") }),
]);

export async function accountAction({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const now = new Date();
  if (formData.get("intent") === "change-password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    const hideFields = ["current", "password", "confirm"];
    if (submission.status !== "success") return { password: submission.reply({ hideFields }), notice: null };
    const outcome = await changePassword({ personId: user.id, authSessionId: user.authSessionId, ...submission.value, request, now });
    if (outcome.ok) return { password: submission.reply({ resetForm: true }), notice: messageWithValues("account.passwordChanged", { count: outcome.sessionsEnded }) };
    const reply =
      outcome.error === "current"
        ? submission.reply({ fieldErrors: { current: ["account.errors.currentWrong"] }, hideFields })
        : outcome.error === "locked"
          ? submission.reply({ formErrors: [messageWithValues("login.errors.locked", { count: outcome.minutes })], hideFields })
          : submission.reply({ fieldErrors: { password: [passwordMessageKey(outcome.reason)] }, hideFields });
    return { password: reply, notice: null };
  }
  const submission = parseWithZod(formData, { schema: SessionIntentSchema });
  if (submission.status !== "success") return { password: null, notice: null };
  if (submission.value.intent === "end-others") {
    const ended = await endOtherSessions({ personId: user.id, authSessionId: user.authSessionId, request, now });
    return { password: null, notice: messageWithValues("account.othersEnded", { count: ended }) };
  }
  // Only one's own sessions can be ended: the query is scoped to the signed-in person.
  await revokeOwnSession(user.id, submission.value.sessionId, now);
  return { password: null, notice: "account.sessionEnded" };
}
