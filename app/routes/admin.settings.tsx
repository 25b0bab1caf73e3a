import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList, Field } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings, updateAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { can, forbidden } from "~/modules/accounts/authorization.server.ts";
import { rotateFromForm, signingKeyRows } from "~/modules/certificates/credential-keys.server.ts";
import { SigningKeysSection } from "~/modules/certificates/signing-keys-view.tsx";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { formatDateTime } from "~/utils/time.ts";

const SettingsSchema = z.object({
  intent: z.literal("save"),
  name: z.string({ required_error: "settings.errors.nameRequired" }).trim().min(1, "settings.errors.nameRequired").max(100, "settings.errors.nameTooLong"),
  nameEn: z.string().trim().max(150, "settings.errors.nameTooLong").optional().transform((v) => v || null),
  timeZone: z.string({ required_error: "settings.errors.timeZoneUnknown" }).trim().max(64, "settings.errors.timeZoneUnknown"),
});

/** Zones an academy in China or its partners abroad would pick; any other IANA zone already set stays offered. */
const commonTimeZones = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"];

/** The academy's own settings are for admins only: staff manage cohorts, not the academy. */
async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!can(user, "update:cohort", "any")) forbidden();
  return user;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const keys = await signingKeyRows(academy.timeZone);
  const zones = commonTimeZones.includes(academy.timeZone) ? commonTimeZones : [academy.timeZone, ...commonTimeZones];
  const now = new Date();
  return {
    title: getFixedT(language)("settings.title"),
    academy,
    keys,
    zones: zones.map((zone) => ({ value: zone, label: `${zone} (${formatDateTime(now, zone, language)})` })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") === "rotateKey") return { rotation: await rotateFromForm(user, form, { request, now: new Date() }) };
  const submission = parseWithZod(form, { schema: SettingsSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    await updateAcademySettings(submission.value, user, request, new Date());
    return submission.reply();
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function AcademySettings() {
  const { t } = useTranslation();
  const { academy, zones, keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rotation = actionData && "rotation" in actionData ? actionData.rotation : null;
  const lastResult = actionData && !("rotation" in actionData) ? actionData : undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "settings",
    lastResult,
    defaultValue: { name: academy.name, nameEn: academy.nameEn ?? "", timeZone: academy.timeZone },
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  const saved = lastResult?.status === "success";
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("settings.title")}</h1>
      {saved ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t("settings.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
        <input type="hidden" name="intent" value="save" />
        <Field label={t("settings.name")} inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
        <Field label={t("settings.nameEn")} inputProps={getInputProps(fields.nameEn, { type: "text" })} errors={fields.nameEn.errors} />
        <SelectField label={t("settings.timeZone")} options={zones} selectProps={getSelectProps(fields.timeZone)} errors={fields.timeZone.errors} />
        <p className="text-sm text-muted">{t("settings.timeZoneHint")}</p>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
          {t("settings.save")}
        </Button>
      </Form>
      <SigningKeysSection keys={keys} result={rotation} />
    </div>
  );
}
