import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination.tsx";
import { buttonClass } from "~/components/ui/button.tsx";
import { personStatusTone, StatusPill } from "~/components/ui/status-pill.tsx";
import { can, personScope, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { roleKeys, type RoleKey } from "~/modules/accounts/roles.ts";
import { listPeople, PEOPLE_PAGE_SIZE } from "~/modules/people/people.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const statuses = ["invited", "active", "deactivated"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:person");
  const url = new URL(request.url);
  const role = roleKeys.find((key) => key === url.searchParams.get("role"));
  const status = statuses.find((key) => key === url.searchParams.get("status"));
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const search = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const { total, people } = await listPeople(personScope(user, "read:person"), { search, role, status, page });
  return {
    title: getFixedT(await getLanguage(request))("people.title"),
    canAdd: can(user, "create:person", "any"),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)),
    people,
  };
}

export default function PeopleList() {
  const { t } = useTranslation();
  const { canAdd, total, page, pages, people } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-bold">{t("people.title")}</h1>
        {canAdd ? (
          <Link to="/admin/people/new" className={buttonClass("primary")}>
            {t("people.add")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">{t("people.search")}</span>
          <input name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("people.searchHint")} className="min-h-11 rounded-lg border border-line bg-surface px-3" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("people.role")}</span>
          <select name="role" defaultValue={params.get("role") ?? ""} className="min-h-11 rounded-lg border border-line bg-surface px-2">
            <option value="">{t("people.allRoles")}</option>
            {roleKeys.map((key) => (
              <option key={key} value={key}>
                {t(`roles.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("people.status")}</span>
          <select name="status" defaultValue={params.get("status") ?? ""} className="min-h-11 rounded-lg border border-line bg-surface px-2">
            <option value="">{t("people.allStatuses")}</option>
            {statuses.map((key) => (
              <option key={key} value={key}>
                {t(`personStatus.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("people.filter")}
        </button>
      </Form>
      <p className="text-sm text-muted">{t("people.count", { count: total })}</p>
      <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
        {people.map((person) => (
          <li key={person.id}>
            <Link to={`/admin/people/${person.id}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-canvas" data-testid="person-row">
              <span className="min-w-24 font-medium">{person.name}</span>
              <span className="text-sm tabular-nums text-muted">{person.mobile ?? person.email}</span>
              {person.trainee?.company ? <span className="text-sm text-muted">{person.trainee.company}</span> : null}
              <span className="ml-auto flex flex-wrap gap-1">
                {person.roles.map((role: RoleKey) => (
                  <StatusPill key={role} tone="info">
                    {t(`roles.${role}`)}
                  </StatusPill>
                ))}
                <StatusPill tone={personStatusTone[person.status] ?? "neutral"}>{t(`personStatus.${person.status}`)}</StatusPill>
              </span>
            </Link>
          </li>
        ))}
        {people.length === 0 ? <li className="px-4 py-6 text-muted">{t("people.none")}</li> : null}
      </ul>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
