import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextareaField } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { LEAVE_TEXT_MAX, LeaveRequestSchema } from "~/modules/attendance/forms.ts";
import { leaveFormFor, requestLeave } from "~/modules/attendance/leave.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await leaveFormFor(user, params.sessionId ?? "", new Date());
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return {
    enrollmentId: form.enrollmentId,
    open: form.open,
    session: {
      moduleTitle: form.session.moduleTitle,
      when: `${formatDay(form.session.startsAt, academy.timeZone, language)} ${formatTimeRange(form.session.startsAt, form.session.endsAt, academy.timeZone)}`,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: LeaveRequestSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  try {
    await requestLeave({ actor: user, sessionId: params.sessionId ?? "", ...submission.value, now: new Date() });
    return redirect("/attendance?saved=sent");
  } catch (error) {
    return { result: replyWithDomainError(submission, error) };
  }
}

export default function AskForLeave() {
  const { t } = useTranslation();
  const { enrollmentId, open, session } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.result.error;
  return (
    <div className="flex flex-col gap-4">
      <Link to="/attendance" className="text-sm text-muted hover:underline">
        ← {t("attendance.mine.title")}
      </Link>
      <h1 className="text-2xl font-bold">{t("attendance.leave.askTitle")}</h1>
      <div className="rounded-xl border border-line bg-surface p-4">
        <p className="font-medium">{session.moduleTitle}</p>
        <p className="text-sm tabular-nums text-muted">{session.when}</p>
      </div>
      {open ? (
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="enrollmentId" value={enrollmentId} />
          <TextareaField
            label={t("attendance.leave.reason")}
            hint={t("attendance.leave.reasonHint", { max: LEAVE_TEXT_MAX })}
            textareaProps={{ name: "reason", required: true, maxLength: LEAVE_TEXT_MAX, id: "leave-reason" }}
            errors={errors?.reason}
          />
          <ErrorList errors={errors?.[""]} />
          <Button type="submit" className="self-start" disabled={navigation.state !== "idle"}>
            {t("attendance.leave.send")}
          </Button>
        </Form>
      ) : (
        <p className="text-muted">{t("attendance.leave.closed")}</p>
      )}
    </div>
  );
}
