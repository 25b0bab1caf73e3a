// The private-feed page: how to subscribe, the link, and resetting it. Trainees
// see it in the portal (/calendar), staff and instructors in the staff area.
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import type { personCalendarAction, personCalendarLoader } from "./calendar-page.server.ts";
import { Card, CopyField, Notice, ResetLinkForm, SubscribeButton } from "./calendar-subscription.tsx";

type LoaderData = Awaited<ReturnType<typeof personCalendarLoader>>;
type ActionData = Awaited<ReturnType<typeof personCalendarAction>>;

export function PersonCalendarPage({ audience }: { audience: "trainee" | "staff" }) {
  const { t } = useTranslation();
  const { feed, summary, inWeChat } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  // Action data arrives before the revalidated link: the notice waits for both.
  const navigation = useNavigation();
  const formErrors = actionData?.result.error ? Object.values(actionData.result.error).flat() : null;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">{t("calendar.page.title")}</h1>
        <p className="text-muted">
          {t(audience === "trainee" ? "calendar.page.introTrainee" : "calendar.page.introStaff")}
        </p>
      </div>

      {actionData?.reset && navigation.state === "idle" ? (
        // Keyed by the link: a second reset announces itself again.
        <Notice key={feed.https} tone="success" announce>
          {t("calendar.reset.done")}
        </Notice>
      ) : null}
      <ErrorList errors={formErrors} />
      {inWeChat ? (
        <Notice tone="warning">
          <strong className="block">{t("calendar.wechat.title")}</strong>
          {t("calendar.wechat.body")}
        </Notice>
      ) : null}

      <Card title={t("calendar.apple.title")} testId="calendar-apple">
        <p>{t("calendar.apple.body")}</p>
        <SubscribeButton feed={feed} />
        <p className="text-sm text-muted">{t("calendar.apple.fallback")}</p>
      </Card>

      <Card title={t("calendar.other.title")} testId="calendar-other">
        <p>{t("calendar.other.body")}</p>
        <CopyField label={t("calendar.page.linkLabel")} value={feed.https} testId="calendar-link" />
      </Card>

      <Card title={t("calendar.contents.title")}>
        <ul className="flex list-disc flex-col gap-1.5 pl-5">
          <li>
            {audience === "trainee"
              ? t("calendar.contents.trainee", { count: summary.sessions })
              : t("calendar.contents.staff", { count: summary.sessions, teaching: summary.teaching })}
          </li>
          <li>{t("calendar.contents.updates")}</li>
          <li>{t("calendar.contents.cancelled")}</li>
          {audience === "trainee" ? <li>{t("calendar.contents.single")}</li> : null}
        </ul>
      </Card>

      <Card title={t("calendar.privacy.title")}>
        <p>{t("calendar.privacy.body")}</p>
        <ResetLinkForm warning={t("calendar.reset.warningPerson")} />
      </Card>
    </div>
  );
}
