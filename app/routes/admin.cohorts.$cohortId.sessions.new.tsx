import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { ClashList } from "~/modules/timetable/clash-list.tsx";
import { SessionForm } from "~/modules/timetable/session-form.tsx";
import { clashFingerprint, SessionFormSchema } from "~/modules/timetable/sessions.ts";
import { presentClashes } from "~/modules/timetable/clashes.server.ts";
import { presentWarnings, sessionFormOptions } from "~/modules/timetable/session-pages.server.ts";
import { scheduleSession } from "~/modules/timetable/sessions.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { localDate } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "create:curriculum");
  const [{ cohort, ...options }, academy, language] = await Promise.all([sessionFormOptions(cohortId), getAcademySettings(), getLanguage(request)]);
  const module = options.modules.find((m) => m.id === new URL(request.url).searchParams.get("moduleId"));
  const today = localDate(new Date(), academy.timeZone);
  return {
    title: getFixedT(language)("schedule.newTitle"),
    cohortId,
    moduleId: module?.id ?? null,
    options,
    defaultValue: {
      moduleId: module?.id ?? "",
      date: today >= cohort.startDate && today <= cohort.endDate ? today : cohort.startDate,
      startTime: "09:00",
      endTime: "12:00",
      kind: "lecture",
      venueId: cohort.venueId ?? "",
      lecturerIds: module?.lecturerIds ?? [],
      notes: "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "create:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: SessionFormSchema });
  if (submission.status !== "success") return { result: submission.reply(), warning: null };
  const { confirmClashes, ...values } = submission.value;
  const fingerprint = clashFingerprint(values);
  try {
    const outcome = await scheduleSession({ cohortId, ...values }, { actor: user, now: new Date(), confirmClashes: confirmClashes === fingerprint });
    if (outcome.status === "saved") return redirect(`/admin/cohorts/${cohortId}/sessions/${outcome.sessionId}?saved=created`);
    const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
    return {
      result: submission.reply(),
      warning: {
        clashes: presentClashes(outcome.clashes, cohortId, academy.timeZone, language),
        dates: presentWarnings(outcome.warnings, language),
        confirmValue: fingerprint,
      },
    };
  } catch (error) {
    return { result: replyWithDomainError(submission, error), warning: null };
  }
}

export default function NewSession() {
  const { t } = useTranslation();
  const { cohortId, moduleId, options, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const warning = navigation.state === "idle" ? actionData?.warning : null;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {moduleId ? (
          <Link to={`/admin/cohorts/${cohortId}/modules/${moduleId}`} className="text-muted hover:underline">
            ← {t("schedule.backToModule")}
          </Link>
        ) : null}
        <Link to={`/admin/cohorts/${cohortId}/timetable`} className="text-muted hover:underline">
          {moduleId ? "" : "← "}
          {t("schedule.backToTimetable")}
        </Link>
      </div>
      <h2 className="text-xl font-bold">{t("schedule.newTitle")}</h2>
      {options.modules.length ? (
        <SessionForm
          mode="new"
          options={options}
          defaultValue={defaultValue}
          lastResult={navigation.state === "idle" ? actionData?.result : null}
          submitLabel={t("schedule.create")}
          warning={
            warning ? (
              <ClashList clashes={warning.clashes} warnings={warning.dates} cohortId={cohortId}>
                <Button type="submit" name="confirmClashes" value={warning.confirmValue} variant="secondary">
                  {t("schedule.clash.saveAnyway")}
                </Button>
                <a href="#session-new-when" className={buttonClass("ghost")}>
                  {t("schedule.clash.changeTime")}
                </a>
              </ClashList>
            ) : null
          }
        />
      ) : (
        <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("schedule.noModules")}</p>
      )}
    </div>
  );
}
