import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { canInCohorts, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { VenueForm } from "~/modules/faculty/venue-form.tsx";
import { createVenue, listVenues } from "~/modules/faculty/venues.server.ts";
import { VenueFormSchema } from "~/modules/faculty/venues.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:curriculum");
  return {
    title: getFixedT(await getLanguage(request))("faculty.venues.title"),
    canManage: canInCohorts(user, "update:curriculum"),
    venues: await listVenues(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaffPermission(request, "update:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: VenueFormSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    await createVenue(submission.value);
    return submission.reply({ resetForm: true });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function Venues() {
  const { t } = useTranslation();
  const { canManage, venues } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("faculty.venues.title")}</h1>
      <p className="text-sm text-muted">{t("faculty.venues.count", { count: venues.length })}</p>
      <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
        {venues.map((venue) => (
          <li key={venue.id}>
            <Link to={`/admin/venues/${venue.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-canvas sm:flex-row sm:items-center sm:gap-4" data-testid="venue-row">
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{venue.name}</span>
                  <StatusPill tone={venue.kind === "offsite" ? "warning" : "info"}>{t(`faculty.venueKinds.${venue.kind}`)}</StatusPill>
                </span>
                {venue.address ? <span className="text-sm text-muted">{venue.address}</span> : null}
              </span>
              <span className="flex shrink-0 gap-3 text-sm tabular-nums text-muted">
                {venue.capacity ? <span>{t("faculty.venues.capacityShort", { count: venue.capacity })}</span> : null}
                <span>{t("faculty.venues.sessionCount", { count: venue.sessionCount })}</span>
              </span>
            </Link>
          </li>
        ))}
        {venues.length === 0 ? <li className="px-4 py-6 text-muted">{t("faculty.venues.none")}</li> : null}
      </ul>
      {canManage ? (
        <section className="flex flex-col gap-2">
          <h2 className="text-lg font-semibold">{t("faculty.venues.add")}</h2>
          <VenueForm id="add-venue" lastResult={lastResult} submitLabel={t("faculty.venues.addSubmit")} />
        </section>
      ) : null}
    </div>
  );
}
