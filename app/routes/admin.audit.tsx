import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination.tsx";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireStaffPermission, can, forbidden } from "~/modules/accounts/authorization.server.ts";
import { describeUserAgent } from "~/modules/accounts/user-agent.ts";
import { auditActions } from "~/modules/audit/audit.ts";
import { AUDIT_PAGE_SIZE, readAuditLog } from "~/modules/audit/audit-log.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { formatDateTime, isCalendarDate } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const isDate = (value: string | null) => (value && isCalendarDate(value) ? value : undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:audit");
  // The whole academy's log: only those who may read it anywhere.
  if (!can(user, "read:audit", "any")) forbidden();
  const url = new URL(request.url);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { total, events } = await readAuditLog(
    {
      action: auditActions.find((a) => a === url.searchParams.get("action")),
      person: url.searchParams.get("person")?.slice(0, 100) || undefined,
      from: isDate(url.searchParams.get("from")),
      to: isDate(url.searchParams.get("to")),
      page,
    },
    academy.timeZone,
  );
  return {
    title: getFixedT(language)("audit.title"),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    events: events.map((e) => ({
      id: e.id,
      at: formatDateTime(e.at, academy.timeZone, language),
      action: e.action,
      actor: e.actor,
      targetName: e.targetName,
      targetId: e.targetType === "person" ? e.targetId : null,
      ip: e.ip,
      device: describeUserAgent(e.userAgent),
      detail: e.detail,
    })),
  };
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { total, page, pages, events } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const input = "min-h-11 rounded-lg border border-line bg-surface px-2";
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("audit.action")}</span>
          <select name="action" defaultValue={params.get("action") ?? ""} className={input}>
            <option value="">{t("audit.allActions")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">{t("audit.person")}</span>
          <input name="person" type="search" defaultValue={params.get("person") ?? ""} placeholder={t("people.searchHint")} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("audit.from")}</span>
          <input name="from" type="date" defaultValue={params.get("from") ?? ""} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("audit.to")}</span>
          <input name="to" type="date" defaultValue={params.get("to") ?? ""} className={input} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("people.filter")}
        </button>
      </Form>
      <p className="text-sm text-muted">{t("audit.count", { count: total })}</p>
      <ol className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
        {events.map((event) => (
          <li key={event.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4" data-testid="audit-event">
            <span className="shrink-0 text-sm tabular-nums text-muted sm:w-44">{event.at}</span>
            <span className="font-medium sm:w-48">{t(`audit.actions.${event.action}`)}</span>
            <span className="flex-1 text-sm">
              {event.actor ? <Link to={`/admin/people/${event.actor.id}`} className="underline">{event.actor.name}</Link> : <span className="text-muted">{t("audit.noActor")}</span>}
              {event.targetName && event.targetId && event.targetId !== event.actor?.id ? (
                <>
                  {" → "}
                  <Link to={`/admin/people/${event.targetId}`} className="underline">
                    {event.targetName}
                  </Link>
                </>
              ) : null}
              {event.detail ? <code className="ml-2 break-all text-xs text-muted">{event.detail}</code> : null}
            </span>
            <span className="text-xs text-muted sm:w-40">{[event.ip, event.device].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
        {events.length === 0 ? <li className="px-4 py-6 text-muted">{t("audit.none")}</li> : null}
      </ol>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
