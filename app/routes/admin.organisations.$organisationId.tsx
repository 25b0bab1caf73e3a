// One organisation's seal (公章), signature and signatory, as certificates print them, and its
// read-only viewer accounts (查看账号); admins only.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { addOrganisationViewer, listOrganisationViewers, removeOrganisationViewer } from "~/modules/accounts/organisation-viewers.server.ts";
import { ViewerCreateSchema } from "~/modules/accounts/organisation-viewers.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import type { InvitationView } from "~/modules/people/invitation-panel.tsx";
import { invitationView } from "~/modules/people/invitation-view.server.ts";
import { OrganisationViewersSection } from "~/modules/reports/organisation-viewers-section.tsx";
import { getOrganisation, removeOrganisationImage, setOrganisationImage, updateSignatory } from "~/modules/certificates/organisation-seals.server.ts";
import { MAX_SEAL_BYTES, sealImageKinds, type SealImageKind } from "~/modules/certificates/organisation-seals.ts";
import { acceptAttribute } from "~/modules/files/file-types.ts";
import { readUploadForm } from "~/modules/files/upload-form.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatBytes } from "~/utils/format-bytes.ts";
import { formatDateTime } from "~/utils/time.ts";
import { messageWithValues } from "~/utils/messages.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.organisation.name ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisation = await getOrganisation(user, params.organisationId ?? "");
  const [academy, language, viewers] = await Promise.all([getAcademySettings(), getLanguage(request), listOrganisationViewers(user, organisation.id)]);
  const when = (at: Date) => formatDateTime(at, academy.timeZone, language);
  return {
    viewers: viewers.map((v) => ({ personId: v.personId, name: v.name, login: v.login, status: v.status, lastSignIn: v.lastSignInAt ? when(v.lastSignInAt) : null, added: when(v.createdAt) })),
    organisation: {
      id: organisation.id,
      name: organisation.name,
      signatoryName: organisation.signatoryName,
      signatoryTitle: organisation.signatoryTitle,
      // The content's hash in the address: a new upload is a new image, never a cached old one.
      images: { seal: organisation.sealSha256?.slice(0, 16) ?? null, signature: organisation.signatureSha256?.slice(0, 16) ?? null },
    },
    limit: formatBytes(MAX_SEAL_BYTES, language),
  };
}

const optionalText = z
  .string()
  .trim()
  .max(40, "organisations.errors.signatoryTooLong")
  .optional()
  .transform((value) => value || null);
const SignatorySchema = z.object({ signatoryName: optionalText, signatoryTitle: optionalText });

type ActionResult = { intent: string; errors: string[]; saved: boolean; invitation?: InvitationView | null };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireUser(request);
  const organisationId = params.organisationId ?? "";
  // Refused before the upload is read.
  await getOrganisation(user, organisationId);
  const { formData, tooLarge, unreadable } = await readUploadForm(request, { fileFields: ["image"], maxFileBytes: MAX_SEAL_BYTES });
  const intent = String(formData.get("intent") ?? "");
  const kind = sealImageKinds.find((known) => known === formData.get("kind")) as SealImageKind | undefined;
  const reply = (errors: string[]) => ({ intent: `${intent}:${kind ?? ""}`, errors, saved: errors.length === 0 });
  const context = { actor: user, request, now: new Date() };
  if (unreadable) return reply(["organisations.errors.fileUnreadable"]);
  const oversized = tooLarge[0];
  if (oversized) return reply([messageWithValues("organisations.errors.imageTooLarge", { name: oversized.fileName, limit: formatBytes(MAX_SEAL_BYTES) })]);
  try {
    if (intent === "viewer-add") {
      const parsed = ViewerCreateSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return reply(parsed.error.issues.map((issue) => issue.message));
      const { invitation } = await addOrganisationViewer({ ...parsed.data, organisationId }, context);
      const { timeZone } = await getAcademySettings();
      return { ...reply([]), invitation: invitation ? invitationView(request, parsed.data.name, invitation, timeZone, await getLanguage(request)) : null };
    }
    if (intent === "viewer-remove") {
      await removeOrganisationViewer({ organisationId, personId: String(formData.get("personId") ?? "").slice(0, 64) }, context);
      return reply([]);
    }
    if (intent === "signatory") {
      const parsed = SignatorySchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return reply(parsed.error.issues.map((issue) => issue.message));
      await updateSignatory(organisationId, parsed.data, context);
      return reply([]);
    }
    if (!kind) return reply(["organisations.errors.imageMissing"]);
    if (intent === "remove") {
      await removeOrganisationImage(organisationId, kind, context);
      return reply([]);
    }
    const file = formData.get("image");
    if (!(file instanceof File) || file.size === 0) return reply(["organisations.errors.imageMissing"]);
    await setOrganisationImage(organisationId, kind, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, context);
    return reply([]);
  } catch (error) {
    if (error instanceof DomainError) return reply([error.messageKey]);
    throw error;
  }
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { organisation, limit, viewers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errorsOf = (intent: string) => (result?.intent === intent ? result.errors : null);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <div className="flex flex-col gap-1">
        <Link to="/admin/organisations" className="text-sm text-muted hover:underline">
          ← {t("organisations.title")}
        </Link>
        <h1 className="text-2xl font-bold">{organisation.name}</h1>
      </div>
      {sealImageKinds.map((kind) => {
        const version = organisation.images[kind];
        return (
          <section key={kind} className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
            <h2 className="text-lg font-semibold">{t(`organisations.${kind}`)}</h2>
            {version ? (
              <img
                src={`/admin/organisations/${organisation.id}/${kind}.png?v=${version}`}
                alt={`${organisation.name} ${t(`organisations.${kind}`)}`}
                className="h-32 w-auto max-w-full self-start rounded-lg border border-line bg-[repeating-conic-gradient(#eee_0_25%,#fff_0_50%)] bg-[length:16px_16px] object-contain p-2"
              />
            ) : (
              <p className="text-sm text-muted">{t("organisations.noImage")}</p>
            )}
            <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2">
              <input type="hidden" name="intent" value="upload" />
              <input type="hidden" name="kind" value={kind} />
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium">{t("organisations.imageFile")}</span>
                <input type="file" name="image" required accept={acceptAttribute(["png"])} className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface p-2" />
                <span className="text-muted">{t("organisations.imageHint", { limit })}</span>
              </label>
              <ErrorList errors={errorsOf(`upload:${kind}`) ?? errorsOf(`remove:${kind}`)} />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" disabled={busy}>
                  {t("organisations.upload")}
                </Button>
                {version ? (
                  <Button type="submit" form={`remove-${kind}`} variant="secondary" disabled={busy}>
                    {t("organisations.remove")}
                  </Button>
                ) : null}
              </div>
            </Form>
            {version ? (
              <Form method="post" id={`remove-${kind}`}>
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="kind" value={kind} />
              </Form>
            ) : null}
          </section>
        );
      })}
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("organisations.signatory")}</h2>
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="signatory" />
          {(["signatoryName", "signatoryTitle"] as const).map((field) => (
            <label key={field} className="flex flex-col gap-1 text-sm">
              <span className="font-medium">{t(`organisations.${field}`)}</span>
              <input name={field} defaultValue={organisation[field] ?? ""} maxLength={40} className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3" />
            </label>
          ))}
          <ErrorList errors={errorsOf("signatory:")} />
          {result?.intent === "signatory:" && result.saved && !busy ? (
            <p role="status" className="text-sm font-medium text-emerald-800">
              {t("organisations.saved")}
            </p>
          ) : null}
          <Button type="submit" disabled={busy} className="self-start">
            {t("organisations.save")}
          </Button>
        </Form>
      </section>
      <OrganisationViewersSection
        viewers={viewers}
        errors={errorsOf("viewer-add:") ?? errorsOf("viewer-remove:")}
        invitation={result?.intent === "viewer-add:" ? (result.invitation ?? null) : null}
        notice={result?.saved && result.intent === "viewer-add:" && !result.invitation ? "linked" : result?.saved && result.intent === "viewer-remove:" ? "removedNotice" : null}
        busy={busy}
      />
    </div>
  );
}
