import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { requireRollCall } from "~/modules/attendance/access.server.ts";
import { PaperSheetSchema } from "~/modules/attendance/forms.ts";
import { loadRollCallPage } from "~/modules/attendance/roll-call-page.server.ts";
import { enterSignInSheet, rollCallRows } from "~/modules/attendance/roll-call.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.header.moduleTitle ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, header } = await loadRollCallPage(request, params, new Date());
  const rows = await rollCallRows(user, header.sessionId);
  return { header, rows: rows.map((row) => ({ id: row.enrollmentId, name: row.name, company: row.company, recorded: row.recorded })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const sessionId = params.sessionId ?? "";
  const user = await requireUser(request);
  await requireRollCall(user, cohortId, sessionId);
  const submission = parseWithZod(await request.formData(), { schema: PaperSheetSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  try {
    const count = await enterSignInSheet({ actor: user, sessionId, presentIds: submission.value.present, now: new Date() });
    return redirect(`/admin/cohorts/${cohortId}/sessions/${sessionId}/roll-call?saved=${count}`);
  } catch (error) {
    return { result: replyWithDomainError(submission, error) };
  }
}

export default function PaperEntry() {
  const { t } = useTranslation();
  const { header, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/admin/cohorts/${header.cohortId}/sessions/${header.sessionId}`;
  return (
    <div className="flex flex-col gap-4">
      <Link to={`${base}/roll-call`} className="text-sm text-muted hover:underline">
        ← {t("attendance.sheet.back")}
      </Link>
      <div>
        <h2 className="text-xl font-bold">{t("attendance.paper.title", { module: header.moduleTitle })}</h2>
        <p className="text-muted">
          {header.cohortTitle} · {header.day} {header.time}
        </p>
      </div>
      <p className="text-sm text-muted">{t("attendance.paper.intro")}</p>
      <Form method="post" className="flex flex-col gap-3">
        <input type="hidden" name="intent" value="enter-sheet" />
        <ErrorList errors={actionData ? Object.values(actionData.result.error ?? {}).flat() : null} />
        <ol className="flex flex-col divide-y divide-line rounded-xl border border-line bg-surface">
          {rows.map((row, index) => (
            <li key={row.id}>
              <label className="flex min-h-12 items-center gap-3 px-4 py-2">
                <span className="w-8 text-right tabular-nums text-muted">{index + 1}</span>
                {row.recorded ? (
                  <input type="checkbox" disabled className="size-5" aria-describedby={`kept-${row.id}`} />
                ) : (
                  <input type="checkbox" name="present" value={row.id} className="size-5" />
                )}
                <span className="flex-1">
                  <span className="font-medium">{row.name}</span>
                  {row.company ? <span className="ml-2 text-sm text-muted">{row.company}</span> : null}
                </span>
                {row.recorded ? (
                  <span id={`kept-${row.id}`} className="text-sm text-muted">
                    {t("attendance.paper.kept", { status: t(`attendance.status.${row.recorded}`) })}
                  </span>
                ) : (
                  <span className="sr-only">{t("attendance.paper.present")}</span>
                )}
              </label>
            </li>
          ))}
        </ol>
        <Button type="submit" className="self-start" disabled={navigation.state !== "idle"}>
          {t("attendance.paper.save")}
        </Button>
      </Form>
    </div>
  );
}
