import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { cohortCalendarAction, cohortCalendarLoader } from "~/modules/calendar/calendar-page.server.ts";
import {
  Card,
  CopyField,
  Notice,
  ResetLinkForm,
  SubscribeButton,
} from "~/modules/calendar/calendar-subscription.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// The cohort's feed: one link for the class's WeChat group. Readers share it; managers can replace it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  return cohortCalendarLoader(request, await requireCohortPermission(request, cohortId, "read:curriculum"), cohortId);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  return cohortCalendarAction(request, await requireCohortPermission(request, cohortId, "update:curriculum"), cohortId);
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
