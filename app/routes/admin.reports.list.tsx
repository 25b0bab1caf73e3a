// The rows a report figure counts (明细), narrowed like the breakdown row it
// came from, a page at a time: names and companies, never contact details.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listForRequest } from "~/modules/reports/list-page.server.ts";
import { ListTable } from "~/modules/reports/list-table.tsx";
import { rangeQuery } from "~/modules/reports/range.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request }: LoaderFunctionArgs) {
  const { figure, filter, list, names, parsed, academy } = await listForRequest(request);
  return { figure, filter, list, names, range: parsed.ok ? parsed.range : null, errors: parsed.ok ? null : parsed.errors, timeZone: academy.timeZone };
}

export default function ReportList() {
  const { t } = useTranslation();
  const { figure, filter, list, names, range, errors, timeZone } = useLoaderData<typeof loader>();
  const back = range ? `/admin/reports?${rangeQuery(range)}` : "/admin/reports";
  return (
    <div className="flex flex-col gap-4">
      <Link to={back} className="text-muted hover:underline">
        ← {t("reports.actions.back")}
      </Link>
      {!figure || !list || !range ? (
        <p role="alert" className="rounded-lg bg-brand-50 px-4 py-3 text-brand-800">
          {errors ? Object.values(errors).map((e) => t(`reports.range.errors.${e}`)).join(" ") : t("reports.list.unknownFigure")}
        </p>
      ) : (
        <ListTable figure={figure} filter={filter} list={list} names={names} range={range} timeZone={timeZone} />
      )}
    </div>
  );
}
