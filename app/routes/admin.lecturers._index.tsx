import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { canInCohorts, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { LecturerAvatar } from "~/modules/faculty/lecturer-avatar.tsx";
import { listLecturers } from "~/modules/faculty/lecturers.server.ts";
import { lecturerKinds } from "~/modules/faculty/lecturers.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:curriculum");
  const url = new URL(request.url);
  const kind = lecturerKinds.find((key) => key === url.searchParams.get("kind"));
  const search = url.searchParams.get("q")?.slice(0, 100) ?? "";
  return {
    title: getFixedT(await getLanguage(request))("faculty.lecturers.title"),
    canManage: canInCohorts(user, "update:curriculum"),
    lecturers: await listLecturers({ search, kind }),
  };
}

export default function Lecturers() {
  const { t } = useTranslation();
  const { canManage, lecturers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-bold">{t("faculty.lecturers.title")}</h1>
        {canManage ? (
          <Link to="/admin/lecturers/new" className={buttonClass("primary")}>
            {t("faculty.lecturers.add")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">{t("faculty.lecturers.search")}</span>
          <input name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("faculty.lecturers.searchHint")} className="min-h-11 rounded-lg border border-line bg-surface px-3" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("faculty.lecturers.fields.kind")}</span>
          <select name="kind" defaultValue={params.get("kind") ?? ""} className="min-h-11 rounded-lg border border-line bg-surface px-2">
            <option value="">{t("faculty.lecturers.allKinds")}</option>
            {lecturerKinds.map((key) => (
              <option key={key} value={key}>
                {t(`faculty.lecturerKinds.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("faculty.filter")}
        </button>
      </Form>
      <p className="text-sm text-muted">{t("faculty.lecturers.count", { count: lecturers.length })}</p>
      <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
        {lecturers.map((lecturer) => (
          <li key={lecturer.id}>
            <Link to={`/admin/lecturers/${lecturer.id}`} className="flex items-center gap-3 px-4 py-3 hover:bg-canvas" data-testid="lecturer-row">
              <LecturerAvatar name={lecturer.name} photoUrl={lecturer.photoUrl} />
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium">{lecturer.name}</span>
                  {lecturer.title ? <span className="text-sm text-muted">{lecturer.title}</span> : null}
                  <StatusPill tone={lecturer.kind === "internal" ? "info" : "neutral"}>{t(`faculty.lecturerKinds.${lecturer.kind}`)}</StatusPill>
                  {lecturer.accountName ? <StatusPill tone="success">{t("faculty.lecturers.hasAccount")}</StatusPill> : null}
                </span>
                <span className="text-sm text-muted">{[lecturer.organisation, lecturer.region].filter(Boolean).join(" · ")}</span>
              </span>
              <span className="shrink-0 text-sm tabular-nums text-muted">{t("faculty.lecturers.sessionCount", { count: lecturer.sessionCount })}</span>
            </Link>
          </li>
        ))}
        {lecturers.length === 0 ? <li className="px-4 py-6 text-muted">{t("faculty.lecturers.none")}</li> : null}
      </ul>
    </div>
  );
}
