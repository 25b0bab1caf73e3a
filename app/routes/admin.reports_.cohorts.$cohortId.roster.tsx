// A cohort's read-only roster with attendance, for co-organisers and the cohort's own people: no contact details.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { RateRule, RateText, StatusLegend } from "~/modules/attendance/status-mark.tsx";
import { CoOrganiserRosterTable } from "~/modules/reports/co-organiser-roster.tsx";
import { coOrganiserRoster } from "~/modules/reports/co-organiser-roster.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.roster.cohort.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const roster = await coOrganiserRoster({ user, cohortId: params.cohortId ?? "", now: new Date(), timeZone: academy.timeZone, language });
  return { roster };
}

export default function CoOrganiserRosterPage() {
  const { t } = useTranslation();
  const { roster } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link to="/admin/reports/cohorts" className="text-sm text-muted hover:underline">
          ← {t("viewerArea.cohorts.title")}
        </Link>
        <h1 className="text-2xl font-bold">{roster.cohort.title}</h1>
        <p className="text-sm text-muted">
          {roster.cohort.code} · {roster.cohort.dates}
        </p>
      </div>
      <section className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4" aria-labelledby="viewer-rate-heading">
        <h2 id="viewer-rate-heading" className="font-semibold">
          {t("viewerArea.roster.cohortRate")}
        </h2>
        <p data-testid="viewer-cohort-rate">
          <RateText {...roster.total} />
        </p>
        <RateRule excusedLeaveDenominator={roster.excusedLeaveDenominator} />
        <p className="text-sm text-muted">{t("viewerArea.roster.noContacts")}</p>
      </section>
      <StatusLegend />
      {roster.rows.length === 0 ? <p className="text-muted">{t("viewerArea.roster.empty")}</p> : <CoOrganiserRosterTable roster={roster} />}
    </div>
  );
}
