import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { requireRollCall } from "~/modules/attendance/access.server.ts";
import { REASON_MAX, RollCallSchema } from "~/modules/attendance/forms.ts";
import { RollCallTable } from "~/modules/attendance/roll-call-table.tsx";
import { loadRollCallPage } from "~/modules/attendance/roll-call-page.server.ts";
import { markAttendance, rollCallRows } from "~/modules/attendance/roll-call.server.ts";
import { attendanceStatuses } from "~/modules/attendance/rules.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { formatDateTime } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.header.moduleTitle ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { user, header, language, timeZone } = await loadRollCallPage(request, params, now);
  const rows = await rollCallRows(user, header.sessionId);
  return {
    header,
    rows: rows.map((row) => ({
      ...row,
      history: row.history.map((h) => ({ ...h, at: formatDateTime(h.at, timeZone, language) })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const sessionId = params.sessionId ?? "";
  const user = await requireUser(request);
  await requireRollCall(user, cohortId, sessionId);
  const submission = parseWithZod(await request.formData(), { schema: RollCallSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  try {
    const count = await markAttendance({ actor: user, sessionId, ...submission.value, now: new Date() });
    return redirect(`/admin/cohorts/${cohortId}/sessions/${sessionId}/roll-call?saved=${count}`);
  } catch (error) {
    return { result: replyWithDomainError(submission, error) };
  }
}

export default function RollCall() {
  const { t } = useTranslation();
  const { header, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const idle = navigation.state === "idle";
  const errors = idle ? actionData?.result.error : undefined;
  const saved = params.get("saved");
  const base = `/admin/cohorts/${header.cohortId}/sessions/${header.sessionId}`;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link to={base} className="text-muted hover:underline">
          ← {t("attendance.rollCall.back")}
        </Link>
        <a href={`${base}/sign-in-sheet`} className="text-muted hover:underline">
          {t("attendance.links.sheet")}
        </a>
        <Link to={`${base}/paper-entry`} className="text-muted hover:underline">
          {t("attendance.links.paperEntry")}
        </Link>
      </div>
      <div>
        <h2 className="text-xl font-bold">{t("attendance.rollCall.title", { module: header.moduleTitle })}</h2>
        <p className="text-muted">
          {header.cohortTitle} · {header.day} {header.time} · {t(`attendance.phase.${header.phase}`)}
        </p>
      </div>
      {saved !== null && idle && !actionData ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {saved === "0" ? t("attendance.rollCall.savedNone") : t("attendance.rollCall.saved", { count: Number(saved) || 0 })}
        </p>
      ) : null}
      <p className="text-sm text-muted">{t("attendance.rollCall.intro")}</p>
      <Form method="post" className="flex flex-col gap-4">
        <div className="grid gap-3 rounded-xl border border-line bg-surface p-4 md:grid-cols-[1fr_1fr_auto] md:items-end">
          <Field
            label={t("attendance.rollCall.reason")}
            hint={t("attendance.rollCall.reasonHint")}
            inputProps={{ name: "reason", maxLength: REASON_MAX, id: "roll-call-reason" }}
            errors={errors?.reason}
          />
          <SelectField
            label={t("attendance.rollCall.markAs")}
            selectProps={{ name: "status", id: "roll-call-status" }}
            options={attendanceStatuses.map((status) => ({ value: status, label: t(`attendance.status.${status}`) }))}
            errors={errors?.status}
          />
          <Button type="submit" variant="secondary" disabled={!idle}>
            {t("attendance.rollCall.apply")}
          </Button>
          <div className="md:col-span-3">
            <ErrorList errors={errors?.[""]} />
          </div>
        </div>
        {rows.length === 0 ? <p className="text-muted">{t("attendance.rollCall.empty")}</p> : <RollCallTable rows={rows} phase={header.phase} disabled={!idle} />}
      </Form>
    </div>
  );
}
