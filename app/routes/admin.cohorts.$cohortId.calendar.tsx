import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { can, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { CalendarLinkActionSchema } from "~/modules/curriculum/calendar.ts";
import { cohortFeedPath, feedAddresses, publicOrigin } from "~/modules/curriculum/calendar.server.ts";
import {
  Card,
  CopyField,
  Notice,
  ResetLinkForm,
  SubscribeButton,
} from "~/modules/curriculum/calendar-subscription.tsx";
import { cohortCalendarToken, resetCohortCalendarToken } from "~/modules/curriculum/calendar-tokens.server.ts";
import { db } from "~/utils/db.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// The cohort's feed: one link for the class's WeChat group. Readers share it; managers can replace it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const [language, token, cohort, sessions] = await Promise.all([
    getLanguage(request),
    cohortCalendarToken(cohortId),
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { title: true } }),
    db.session.count({ where: { module: { cohortId } } }),
  ]);
  const origin = publicOrigin(request);
  const path = cohortFeedPath(token);
  const t = getFixedT(language);
  const feed = feedAddresses(origin, path);
  return {
    title: `${t("calendar.cohort.title")} · ${cohort.title}`,
    feed,
    englishFeed: feedAddresses(origin, `${path}?lng=en`),
    message: t("calendar.cohort.message", { cohort: cohort.title, url: feed.https }),
    sessions,
    canReset: can(user, "update:curriculum", "any") || can(user, "update:curriculum", "cohort"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: CalendarLinkActionSchema });
  if (submission.status !== "success") return { result: submission.reply(), reset: false };
  await resetCohortCalendarToken(cohortId, { actorId: user.id, request, now: new Date() });
  return { result: submission.reply(), reset: true };
}

export default function CohortCalendar() {
  const { t } = useTranslation();
  const { feed, englishFeed, message, sessions, canReset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Action data arrives before the revalidated link: the notice waits for both.
  const navigation = useNavigation();
  const formErrors = actionData?.result.error ? Object.values(actionData.result.error).flat() : null;
  return (
    <div className="flex max-w-3xl flex-col gap-5">
      {actionData?.reset && navigation.state === "idle" ? (
        <Notice key={feed.https} tone="success" announce>
          {t("calendar.reset.doneCohort")}
        </Notice>
      ) : null}
      <ErrorList errors={formErrors} />

      <Card title={t("calendar.cohort.title")} testId="cohort-calendar">
        <p>{t("calendar.cohort.intro")}</p>
        <p className="text-sm text-muted">{t("calendar.cohort.contents", { count: sessions })}</p>
        <CopyField label={t("calendar.cohort.linkLabel")} value={feed.https} testId="cohort-calendar-link" />
        <SubscribeButton feed={feed} />
      </Card>

      <Card title={t("calendar.cohort.shareTitle")}>
        <p>{t("calendar.cohort.shareBody")}</p>
        <CopyField
          label={t("calendar.cohort.messageLabel")}
          value={message}
          multiline
          copyLabel={t("calendar.cohort.copyMessage")}
        />
      </Card>

      <Card title={t("calendar.cohort.englishTitle")}>
        <p>{t("calendar.cohort.englishBody")}</p>
        <CopyField label={t("calendar.cohort.englishLabel")} value={englishFeed.https} />
      </Card>

      <Card title={t("calendar.privacy.title")}>
        <p>{t("calendar.cohort.privacy")}</p>
        {canReset ? (
          <ResetLinkForm warning={t("calendar.reset.warningCohort")} />
        ) : (
          <p className="text-sm text-muted">{t("calendar.cohort.resetByManagers")}</p>
        )}
      </Card>
    </div>
  );
}
