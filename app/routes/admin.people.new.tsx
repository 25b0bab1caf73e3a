import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { can, cohortScope, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { sessionsStarted } from "~/modules/cohorts/attendance-from.server.ts";
import { LateJoiningNotice } from "~/modules/cohorts/late-joining-notice.tsx";
import { InvitationPanel } from "~/modules/people/invitation-panel.tsx";
import { invitationView } from "~/modules/people/invitation-view.server.ts";
import { assignableRoles, PersonCreateSchema } from "~/modules/people/people.ts";
import { addPerson } from "~/modules/people/people.server.ts";
import { db } from "~/utils/db.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "create:person");
  const cohorts = await db.cohort.findMany({
    where: { ...cohortScope(user, "update:enrollment"), status: { notIn: ["completed", "archived"] } },
    orderBy: { startDate: "desc" },
    select: { id: true, title: true },
  });
  const now = new Date();
  const started = await Promise.all(cohorts.map((cohort) => sessionsStarted(cohort.id, now)));
  return {
    title: getFixedT(await getLanguage(request))("people.addTitle"),
    cohorts: cohorts.map((cohort, i) => ({ ...cohort, sessionsStarted: started[i] ?? 0 })),
    roles: assignableRoles.filter((role) => can(user, "update:person", "any") || role === "trainee"),
    cohortOptional: can(user, "update:enrollment", "any"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "create:person");
  const submission = parseWithZod(await request.formData(), { schema: PersonCreateSchema });
  if (submission.status !== "success") return { result: submission.reply(), invitation: null, kept: null };
  // Staff add several people in a row into one cohort: the next form keeps the role and cohort.
  const kept = { role: submission.value.role, cohortId: submission.value.cohortId ?? "" };
  try {
    const { invitation } = await addPerson(submission.value, { actor: user, request, now: new Date() });
    const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
    return {
      result: submission.reply({ resetForm: true }),
      invitation: invitationView(request, submission.value.name, invitation, academy.timeZone, language),
      kept,
    };
  } catch (error) {
    return { result: replyWithDomainError(submission, error), invitation: null, kept: null };
  }
}

export default function AddPerson() {
  const { t } = useTranslation();
  const { cohorts, roles, cohortOptional } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-person",
    lastResult: navigation.state === "idle" ? actionData?.result : null,
    constraint: getZodConstraint(PersonCreateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: actionData?.kept ?? { role: "trainee", cohortId: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonCreateSchema }),
  });
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <div>
        <Link to="/admin/people" className="text-sm text-muted hover:underline">
          ← {t("people.title")}
        </Link>
        <h1 className="text-2xl font-bold">{t("people.addTitle")}</h1>
        <p className="text-muted">{t("people.addIntro")}</p>
      </div>
      {actionData?.invitation ? <InvitationPanel invitation={actionData.invitation} /> : null}
      <Form method="post" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
        <Field label={t("people.fields.name")} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }} errors={fields.name.errors} />
        <SelectField
          label={t("people.fields.role")}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selectProps={getSelectProps(fields.role)}
          errors={fields.role.errors}
        />
        <Field label={t("people.fields.mobile")} hint={t("people.fields.mobileHint")} inputProps={{ ...getInputProps(fields.mobile, { type: "tel" }), inputMode: "tel", autoComplete: "off" }} errors={fields.mobile.errors} />
        <Field label={t("people.fields.email")} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }} errors={fields.email.errors} />
        <Field label={t("people.fields.company")} hint={t("people.fields.companyHint")} inputProps={getInputProps(fields.company, { type: "text" })} errors={fields.company.errors} />
        <Field label={t("people.fields.position")} inputProps={getInputProps(fields.position, { type: "text" })} errors={fields.position.errors} />
        <SelectField
          label={t("people.fields.cohort")}
          options={[
            { value: "", label: cohortOptional ? t("people.fields.noCohort") : t("people.fields.chooseCohort") },
            ...cohorts.map((cohort) => ({ value: cohort.id, label: cohort.title })),
          ]}
          selectProps={getSelectProps(fields.cohortId)}
          errors={fields.cohortId.errors}
        />
        {fields.role.value === "trainee" ? (
          <LateJoiningNotice key={fields.cohortId.value ?? ""} sessionsStarted={cohorts.find((c) => c.id === fields.cohortId.value)?.sessionsStarted ?? 0} />
        ) : null}
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" disabled={navigation.state === "submitting"}>
          {t("people.addSubmit")}
        </Button>
      </Form>
    </div>
  );
}
