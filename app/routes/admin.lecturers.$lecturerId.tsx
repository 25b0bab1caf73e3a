import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, cohortScope, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { acceptAttribute, photoFileTypes } from "~/modules/files/file-types.ts";
import { LecturerAvatar } from "~/modules/faculty/lecturer-avatar.tsx";
import { LecturerForm } from "~/modules/faculty/lecturer-form.tsx";
import {
  accountLinkOptions,
  getLecturer,
  linkLecturerAccount,
  removeLecturerPhoto,
  setLecturerPhoto,
  unlinkLecturerAccount,
  updateLecturer,
} from "~/modules/faculty/lecturers.server.ts";
import { LecturerActionSchema } from "~/modules/faculty/lecturers.ts";
import { formatBytes, MAX_PHOTO_BYTES } from "~/modules/materials/materials.ts";
import { TaughtSessionList } from "~/modules/timetable/taught-session-list.tsx";
import { readUploadForm } from "~/modules/files/upload-form.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { messageWithValues } from "~/utils/messages.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.lecturer.name ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:curriculum");
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const lecturer = await getLecturer(params.lecturerId ?? "", {
    timeZone: academy.timeZone,
    language,
    cohorts: cohortScope(user, "read:curriculum"),
  });
  const canManage = canInCohorts(user, "update:curriculum");
  const link = canManage ? await accountLinkOptions(user, lecturer.id) : { canLink: false, accounts: [] };
  const { person } = lecturer;
  return {
    // Only those who manage lecturers see how a linked account signs in; nobody else gets it in the page's data.
    lecturer: { ...lecturer, person: person && { id: person.id, name: person.name, login: canManage ? (person.email ?? person.mobile) : null } },
    canManage,
    canLink: link.canLink,
    accounts: lecturer.person ? [] : link.accounts,
    photoLimit: formatBytes(MAX_PHOTO_BYTES, language),
  };
}

const intents = ["profile", "photo", "removePhoto", "link", "unlink"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "update:curriculum");
  const lecturerId = params.lecturerId ?? "";
  const { formData, tooLarge, unreadable } = await readUploadForm(request, { fileFields: ["photo"], maxFileBytes: MAX_PHOTO_BYTES });
  // Only the photo form sends multipart.
  const intent = unreadable ? "photo" : (intents.find((key) => key === formData.get("intent")) ?? null);
  const submission = parseWithZod(formData, { schema: LecturerActionSchema });
  if (unreadable) return { intent, result: { ...submission.reply(), error: { photo: ["faculty.errors.fileUnreadable"] } } };
  const oversized = tooLarge[0];
  if (oversized) {
    const message = messageWithValues("faculty.errors.fileTooLarge", { name: oversized.fileName, limit: formatBytes(MAX_PHOTO_BYTES) });
    return { intent, result: submission.reply({ fieldErrors: { photo: [message] } }) };
  }
  if (submission.status !== "success") return { intent, result: submission.reply() };
  const command = submission.value;
  try {
    switch (command.intent) {
      case "profile": {
        const { intent: _intent, ...profile } = command;
        await updateLecturer(lecturerId, profile);
        return { intent, result: submission.reply() };
      }
      case "photo":
        await setLecturerPhoto(lecturerId, { name: command.photo.name, bytes: new Uint8Array(await command.photo.arrayBuffer()) });
        break;
      case "removePhoto":
        await removeLecturerPhoto(lecturerId);
        break;
      case "link":
        await linkLecturerAccount(lecturerId, command.personId, { actor: user, request, now: new Date() });
        break;
      case "unlink":
        await unlinkLecturerAccount(lecturerId, { actor: user, request, now: new Date() });
        break;
    }
    return { intent, result: submission.reply({ resetForm: true }) };
  } catch (error) {
    return { intent, result: replyWithDomainError(submission, error) };
  }
}

export default function LecturerPage() {
  const { t } = useTranslation();
  const { lecturer, canManage, canLink, accounts, photoLimit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errorsOf = (intent: (typeof intents)[number]) =>
    actionData?.intent === intent ? Object.values(actionData.result.error ?? {}).flat() : null;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <div className="flex flex-col gap-3">
        <Link to="/admin/lecturers" className="text-sm text-muted hover:underline">
          ← {t("faculty.lecturers.title")}
        </Link>
        <div className="flex items-center gap-4">
          <LecturerAvatar name={lecturer.name} photoUrl={lecturer.photoUrl} size="large" />
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-bold">{lecturer.name}</h1>
              <StatusPill tone={lecturer.kind === "internal" ? "info" : "neutral"}>{t(`faculty.lecturerKinds.${lecturer.kind}`)}</StatusPill>
            </div>
            {lecturer.title ? <p>{lecturer.title}</p> : null}
            <p className="text-sm text-muted">{[lecturer.organisation, lecturer.region].filter(Boolean).join(" · ")}</p>
          </div>
        </div>
      </div>

      {canManage ? (
        <section className="flex flex-col gap-2">
          <h2 className="text-lg font-semibold">{t("faculty.lecturers.profile")}</h2>
          <LecturerForm
            intent="profile"
            defaultValue={lecturer}
            lastResult={actionData?.intent === "profile" ? actionData.result : null}
            submitLabel={t("faculty.save")}
          />
          {actionData?.intent === "profile" && actionData.result.status === "success" && !busy ? (
            <p role="status" className="text-sm font-medium text-emerald-800">
              {t("faculty.saved")}
            </p>
          ) : null}
        </section>
      ) : lecturer.bio ? (
        <p className="whitespace-pre-line rounded-xl border border-line bg-surface p-5">{lecturer.bio}</p>
      ) : null}

      {canManage ? (
        <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
          <h2 className="text-lg font-semibold">{t("faculty.lecturers.photo")}</h2>
          <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2">
            <input type="hidden" name="intent" value="photo" />
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">{t("faculty.lecturers.photoFile")}</span>
              <input type="file" name="photo" required accept={acceptAttribute(photoFileTypes)} className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface p-2" />
              <span className="text-muted">{t("faculty.lecturers.photoHint", { limit: photoLimit })}</span>
            </label>
            <ErrorList errors={errorsOf("photo")} />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={busy}>
                {t("faculty.lecturers.uploadPhoto")}
              </Button>
              {lecturer.photoUrl ? (
                <Button type="submit" form="remove-photo" variant="secondary" disabled={busy}>
                  {t("faculty.lecturers.removePhoto")}
                </Button>
              ) : null}
            </div>
          </Form>
          {lecturer.photoUrl ? (
            <Form method="post" id="remove-photo">
              <input type="hidden" name="intent" value="removePhoto" />
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("faculty.lecturers.account")}</h2>
        {lecturer.person ? (
          <div className="flex flex-wrap items-center gap-3">
            <p>
              <span className="font-medium">{lecturer.person.name}</span>{" "}
              {lecturer.person.login ? <span className="text-sm text-muted">{lecturer.person.login}</span> : null}
            </p>
            {canLink ? (
              <Form method="post">
                <input type="hidden" name="intent" value="unlink" />
                <Button type="submit" variant="secondary" disabled={busy}>
                  {t("faculty.lecturers.unlink")}
                </Button>
              </Form>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted">{t("faculty.lecturers.noAccount")}</p>
        )}
        {canLink && !lecturer.person ? (
          accounts.length ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="link" />
              <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
                <span className="font-medium">{t("faculty.lecturers.linkAccount")}</span>
                <select name="personId" required className="min-h-11 w-full rounded-lg border border-line bg-surface px-2">
                  {accounts.map((account) => (
                    <option key={account.id} value={account.id}>
                      {account.login ? `${account.name} (${account.login})` : account.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" disabled={busy}>
                {t("faculty.lecturers.link")}
              </Button>
            </Form>
          ) : (
            <p className="text-sm text-muted">{t("faculty.lecturers.noLinkableAccounts")}</p>
          )
        ) : null}
        {canManage ? <p className="text-sm text-muted">{t(canLink ? "faculty.lecturers.accountHelp" : "faculty.lecturers.accountNeedsAdmin")}</p> : null}
        <ErrorList errors={errorsOf("link") ?? errorsOf("unlink")} />
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">{t("faculty.lecturers.sessions")}</h2>
        <TaughtSessionList sessions={lecturer.sessions} showDay emptyText={t("faculty.lecturers.noSessions")} />
      </section>
    </div>
  );
}
