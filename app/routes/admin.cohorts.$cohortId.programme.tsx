import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { getProgramme, programmeView } from "~/modules/programme/programme.server.ts";
import { ProgrammeByTrack } from "~/modules/programme/programme-view.tsx";
import { getLanguage } from "~/utils/i18n.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const [programme, academy, language] = await Promise.all([getProgramme(cohortId), getAcademySettings(), getLanguage(request)]);
  return {
    cohortId,
    programme: programmeView(programme, academy.timeZone, language),
    canEdit: canInCohorts(user, "update:curriculum"),
  };
}

export default function CohortProgramme() {
  const { t } = useTranslation();
  const { cohortId, programme, canEdit } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const copied = params.get("copied");
  const base = `/admin/cohorts/${cohortId}`;
  return (
    <div className="flex flex-col gap-4">
      {copied !== null ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t("programme.copiedNotice", { count: Number(copied) || 0 })}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Link to={`${base}/modules/new`} className={buttonClass("primary")}>
            {t("programme.addModule")}
          </Link>
          <Link to={`${base}/modules/copy`} className={buttonClass("secondary")}>
            {t("programme.copyFromEarlier")}
          </Link>
          <Link to={`${base}/sessions/new`} className={buttonClass("secondary")}>
            {t("programme.addSession")}
          </Link>
        </div>
      ) : null}
      <ProgrammeByTrack programme={programme} moduleHref={(id) => `${base}/modules/${id}`} sessionHref={(id) => `${base}/sessions/${id}`} />
    </div>
  );
}
