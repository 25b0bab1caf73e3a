// /verify: anyone checks a certificate's credential file (.json) without signing in.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicPage } from "~/components/public-page.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { MAX_CREDENTIAL_BYTES } from "~/modules/certificates/credential.ts";
import { checkUploadedCredential } from "~/modules/certificates/credential-check.server.ts";
import { CredentialCheckResult, CredentialUploadForm } from "~/modules/certificates/credential-check-view.tsx";
import { formatBytes } from "~/utils/format-bytes.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }, { name: "robots", content: "noindex" }];

const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

export async function loader({ request }: LoaderFunctionArgs) {
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return data({ title: getFixedT(language)("certificates.check.title"), academyName: academy.name, sizeLabel: formatBytes(MAX_CREDENTIAL_BYTES, language) }, { headers });
}

/** Bad input (no file, too large, not JSON) is a 400 with the reason; a checked file, genuine or not, is the page's answer. */
const badInput = new Set(["noFile", "tooLarge", "unreadable", "notJson"]);

export async function action({ request }: ActionFunctionArgs) {
  const academy = await getAcademySettings();
  const check = await checkUploadedCredential(request, { origin: publicOrigin(request), now: new Date(), timeZone: academy.timeZone });
  return data({ check }, { status: !check.genuine && badInput.has(check.failure) ? 400 : 200, headers });
}

export default function VerifyCredential() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <PublicPage eyebrow={page.academyName} title={t("certificates.check.title")}>
      {result ? <CredentialCheckResult check={result.check} academyName={page.academyName} sizeLabel={page.sizeLabel} /> : <p className="text-sm text-muted">{t("certificates.check.intro")}</p>}
      <CredentialUploadForm action="/verify?index" sizeLabel={page.sizeLabel} />
    </PublicPage>
  );
}
