import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { canInCohorts, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { VenueForm } from "~/modules/faculty/venue-form.tsx";
import { getVenue, updateVenue } from "~/modules/faculty/venues.server.ts";
import { VenueFormSchema } from "~/modules/faculty/venues.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.venue.name ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:curriculum");
  return {
    venue: await getVenue(params.venueId ?? ""),
    canManage: canInCohorts(user, "update:curriculum"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaffPermission(request, "update:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: VenueFormSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    await updateVenue(params.venueId ?? "", submission.value);
    return redirect("/admin/venues");
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function VenuePage() {
  const { t } = useTranslation();
  const { venue, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <div>
        <Link to="/admin/venues" className="text-sm text-muted hover:underline">
          ← {t("faculty.venues.title")}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{venue.name}</h1>
          <StatusPill tone={venue.kind === "offsite" ? "warning" : "info"}>{t(`faculty.venueKinds.${venue.kind}`)}</StatusPill>
        </div>
        <p className="text-sm text-muted">{t("faculty.venues.sessionCount", { count: venue.sessionCount })}</p>
      </div>
      {canManage ? (
        <VenueForm id="edit-venue" defaultValue={venue} lastResult={lastResult} submitLabel={t("faculty.save")} />
      ) : (
        <dl className="grid gap-x-4 gap-y-2 rounded-xl border border-line bg-surface p-5 sm:grid-cols-[8rem_1fr]">
          <dt className="text-muted">{t("faculty.venues.fields.address")}</dt>
          <dd>{venue.address ?? "—"}</dd>
          <dt className="text-muted">{t("faculty.venues.fields.capacity")}</dt>
          <dd>{venue.capacity ?? "—"}</dd>
          <dt className="text-muted">{t("faculty.venues.fields.notes")}</dt>
          <dd className="whitespace-pre-line">{venue.notes ?? "—"}</dd>
        </dl>
      )}
    </div>
  );
}
