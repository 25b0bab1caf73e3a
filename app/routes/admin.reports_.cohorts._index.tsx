// The cohorts whose read-only rosters the signed-in person may open: for an organisation viewer, those
// their organisation organises or co-organises.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { listRosterCohorts } from "~/modules/reports/co-organiser-roster.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await getLanguage(request);
  const cohorts = await listRosterCohorts(user, language);
  return { title: getFixedT(language)("viewerArea.cohorts.title"), cohorts };
}

export default function RosterCohorts() {
  const { t } = useTranslation();
  const { cohorts } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("viewerArea.cohorts.title")}</h1>
      <p className="text-sm text-muted">{t("viewerArea.cohorts.intro")}</p>
      <ul className="flex flex-col gap-3" data-testid="viewer-cohorts">
        {cohorts.map((cohort) => (
          <li key={cohort.id} className="flex flex-col gap-1 rounded-xl border border-line bg-surface p-4">
            <Link to={`/admin/reports/cohorts/${cohort.id}/roster`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">
              {cohort.title}
            </Link>
            <span className="text-sm text-muted">
              {cohort.code} · {cohort.dates} · {t(`cohortStatus.${cohort.status}`)}
            </span>
            <span className="text-sm">{t("viewerArea.cohorts.enrolled", { count: cohort.enrolled })}</span>
            {cohort.organisations.length ? (
              <span className="text-sm text-muted">{t("viewerArea.cohorts.organisers", { names: cohort.organisations.join("、") })}</span>
            ) : null}
          </li>
        ))}
        {cohorts.length === 0 ? <li className="rounded-xl border border-dashed border-line p-6 text-muted">{t("viewerArea.cohorts.none")}</li> : null}
      </ul>
    </div>
  );
}
