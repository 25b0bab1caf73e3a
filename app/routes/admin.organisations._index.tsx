// The organisations printed on certificates, with whether each has its seal and signature; admins only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { listOrganisations } from "~/modules/certificates/organisation-seals.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisations = await listOrganisations(user);
  return {
    title: getFixedT(await getLanguage(request))("organisations.title"),
    organisations: organisations.map(({ id, name, level, sealSha256, signatureSha256, signatoryName }) => ({
      id,
      name,
      level,
      hasSeal: Boolean(sealSha256),
      hasSignature: Boolean(signatureSha256),
      signatoryName,
    })),
  };
}

export default function Organisations() {
  const { t } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("organisations.title")}</h1>
      <p className="text-sm text-muted">{t("organisations.intro")}</p>
      <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
        {organisations.map((organisation) => (
          <li key={organisation.id}>
            <Link to={`/admin/organisations/${organisation.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-canvas sm:flex-row sm:items-center sm:gap-4" data-testid="organisation-row">
              <span className="min-w-0 flex-1 font-medium">{organisation.name}</span>
              <span className="flex flex-wrap gap-2 text-sm">
                {organisation.level ? <StatusPill tone="neutral">{t(`organisationLevels.${organisation.level}`)}</StatusPill> : null}
                <StatusPill tone={organisation.hasSeal ? "info" : "warning"}>{t(organisation.hasSeal ? "organisations.sealed" : "organisations.unsealed")}</StatusPill>
                {organisation.hasSignature ? <StatusPill tone="info">{t("organisations.signed")}</StatusPill> : null}
              </span>
            </Link>
          </li>
        ))}
        {organisations.length === 0 ? <li className="px-4 py-6 text-muted">{t("organisations.none")}</li> : null}
      </ul>
    </div>
  );
}
