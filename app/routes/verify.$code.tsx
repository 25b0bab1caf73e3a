import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicPage } from "~/components/public-page.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { VerifiedCertificate } from "~/modules/certificates/verified-certificate.tsx";
import { verifyCertificate } from "~/modules/certificates/verification.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { localDate } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const [academy, language, result] = await Promise.all([getAcademySettings(), getLanguage(request), verifyCertificate(request, params.code ?? "", now)]);
  const title = getFixedT(language)("certificates.verify.pageTitle");
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (!result.found) {
    const retry = result.limited ? result.retryAfterMinutes : null;
    return data({ title, found: false as const, retryAfterMinutes: retry }, { status: retry === null ? 404 : 429, headers });
  }
  const status = result.status;
  return data(
    {
      title,
      found: true as const,
      snapshot: result.snapshot,
      status:
        status.kind === "revoked"
          ? { kind: status.kind, on: localDate(status.at, academy.timeZone), reason: status.reason }
          : status.kind === "superseded"
            ? { kind: status.kind, currentPath: status.currentCode ? `/verify/${status.currentCode}` : null }
            : { kind: status.kind },
    },
    { headers },
  );
}

export default function VerifyCertificate() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  if (!page.found) {
    const limited = page.retryAfterMinutes !== null;
    return (
      <PublicPage eyebrow={t("certificates.verify.pageTitle")} title={t(limited ? "certificates.verify.limitedTitle" : "certificates.verify.notFoundTitle")}>
        <p role="alert" className="text-center">
          {limited ? t("certificates.verify.limited", { minutes: page.retryAfterMinutes }) : t("certificates.verify.notFound")}
        </p>
      </PublicPage>
    );
  }
  return (
    <PublicPage eyebrow={page.snapshot.academyName} title={t("certificates.verify.pageTitle")}>
      <VerifiedCertificate snapshot={page.snapshot} status={page.status} />
      <a href="/verify" className="min-h-11 self-start py-2 font-medium text-brand-700 underline">
        {t("certificates.check.fromCode")}
      </a>
    </PublicPage>
  );
}
