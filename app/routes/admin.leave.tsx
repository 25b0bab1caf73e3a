import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { LeaveDecisionSchema, LEAVE_TEXT_MAX } from "~/modules/attendance/forms.ts";
import { LeaveCard } from "~/modules/attendance/leave-card.tsx";
import { presentLeave } from "~/modules/attendance/leave-view.server.ts";
import { decideLeave, leaveForStaff } from "~/modules/attendance/leave.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "update:leave");
  const [academy, language, leave] = await Promise.all([getAcademySettings(), getLanguage(request), leaveForStaff(user)]);
  const show = presentLeave(academy.timeZone, language);
  return { waiting: leave.waiting.map(show), decided: leave.decided.map(show) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "update:leave");
  const submission = parseWithZod(await request.formData(), { schema: LeaveDecisionSchema });
  const leaveId = typeof submission.payload.leaveId === "string" ? submission.payload.leaveId : null;
  if (submission.status !== "success") return { leaveId, result: submission.reply() };
  try {
    await decideLeave({ actor: user, ...submission.value, now: new Date() });
    return redirect(`/admin/leave?saved=${submission.value.decision}`);
  } catch (error) {
    return { leaveId, result: replyWithDomainError(submission, error) };
  }
}

export default function StaffLeave() {
  const { t } = useTranslation();
  const { waiting, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const idle = navigation.state === "idle";
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{t("attendance.leave.staffTitle")}</h1>
      {saved === "approved" || saved === "declined" ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(`attendance.leave.${saved}`)}
        </p>
      ) : null}
      <section className="flex flex-col gap-3" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          {t("attendance.leave.waiting", { count: waiting.length })}
        </h2>
        {waiting.length === 0 ? <p className="text-muted">{t("attendance.leave.nothingWaiting")}</p> : null}
        <ul className="flex flex-col gap-3">
          {waiting.map((leave) => {
            const errors = idle && actionData?.leaveId === leave.id ? actionData.result.error : undefined;
            return (
              <li key={leave.id}>
                <LeaveCard leave={leave} staff>
                  <Form method="post" className="flex flex-col gap-2">
                    <input type="hidden" name="leaveId" value={leave.id} />
                    <Field
                      label={t("attendance.leave.note")}
                      hint={t("attendance.leave.noteHint")}
                      inputProps={{ name: "note", maxLength: LEAVE_TEXT_MAX, id: `note-${leave.id}` }}
                      errors={errors?.note}
                    />
                    <ErrorList errors={errors ? [...(errors[""] ?? []), ...(errors.decision ?? [])] : null} />
                    <div className="flex flex-wrap gap-2">
                      <Button type="submit" name="decision" value="approved" disabled={!idle}>
                        {t("attendance.leave.approve")}
                      </Button>
                      <Button type="submit" name="decision" value="declined" variant="secondary" disabled={!idle}>
                        {t("attendance.leave.decline")}
                      </Button>
                    </div>
                  </Form>
                </LeaveCard>
              </li>
            );
          })}
        </ul>
      </section>
      {decided.length > 0 ? (
        <section className="flex flex-col gap-3" aria-labelledby="decided-heading">
          <h2 id="decided-heading" className="text-lg font-semibold">
            {t("attendance.leave.decided")}
          </h2>
          <ul className="flex flex-col gap-3">
            {decided.map((leave) => (
              <li key={leave.id}>
                <LeaveCard leave={leave} staff />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
