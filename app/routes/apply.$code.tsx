import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList, Field } from "~/components/forms.tsx";
import { PublicPage } from "~/components/public-page.tsx";
import { NewPasswordFields } from "~/modules/accounts/new-password-fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { CohortFacts } from "~/modules/cohorts/cohort-card.tsx";
import { ApplicationSchema } from "~/modules/cohorts/application.ts";
import { applyAsNewcomer, applyAsPerson, findOpenCohortByCode } from "~/modules/cohorts/application.server.ts";
import { db } from "~/utils/db.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { formatDateRange } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.cohort.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohort = await findOpenCohortByCode(params.code ?? "");
  if (!cohort) throw data("Not found", { status: 404 });
  const [academy, language, user] = await Promise.all([getAcademySettings(), getLanguage(request), getCurrentUser(request)]);
  const existing = user
    ? await db.enrollment.findUnique({ where: { cohortId_personId: { cohortId: cohort.id, personId: user.id } }, select: { status: true } })
    : null;
  return {
    academyName: academyName(academy, language),
    cohort: {
      title: cohort.title,
      description: cohort.description,
      dates: formatDateRange(cohort.startDate, cohort.endDate, language),
      venue: cohort.venue?.name ?? null,
      organisers: cohort.organisations.filter((o) => o.role !== "teaching_partner").map((o) => o.organisation.name),
      partners: cohort.organisations.filter((o) => o.role === "teaching_partner").map((o) => o.organisation.name),
      open: cohort.open,
    },
    signedInAs: user?.name ?? null,
    // Staff-side accounts do not apply to cohorts; they are told so instead of getting a form.
    signedInAsStaff: Boolean(user && !user.roles.includes("trainee")),
    existingStatus: existing?.status ?? null,
    applyPath: `/apply/${cohort.code}`,
    received: !user && new URL(request.url).searchParams.get("received") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohort = await findOpenCohortByCode(params.code ?? "");
  if (!cohort) throw data("Not found", { status: 404 });
  const now = new Date();
  const formData = await request.formData();
  const user = await getCurrentUser(request);
  if (user) {
    const submission = parseWithZod(formData, { schema: z.object({}) });
    if (!user.roles.includes("trainee")) return submission.reply({ formErrors: ["apply.errors.staffAccount"] });
    try {
      await applyAsPerson({ cohortId: cohort.id, personId: user.id, request, now });
      return redirect("/?applied=1");
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return submission.reply({ hideFields });
  try {
    // The same answer whether or not the number has an account (see applyAsNewcomer).
    const outcome = await applyAsNewcomer({ cohortId: cohort.id, application: submission.value, request, now });
    if (!outcome.received) {
      return data(submission.reply({ formErrors: [messageWithValues("apply.errors.throttled", { minutes: outcome.retryAfterMinutes })], hideFields }), { status: 429 });
    }
    return redirect(`/apply/${cohort.code}?received=1`);
  } catch (error) {
    return replyWithDomainError(submission, error, hideFields);
  }
}

export default function Apply() {
  const { t } = useTranslation();
  const { academyName, cohort, signedInAs, signedInAsStaff, existingStatus, applyPath, received } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "apply",
    lastResult,
    constraint: getZodConstraint(ApplicationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplicationSchema }),
  });
  const busy = navigation.state === "submitting";
  return (
    <PublicPage eyebrow={academyName || t("app.name")} title={cohort.title}>
      <CohortFacts facts={cohort} />
      {cohort.description ? <p className="whitespace-pre-line text-sm">{cohort.description}</p> : null}
      {received ? (
        <section role="status" className="flex flex-col gap-3 rounded-lg bg-emerald-50 p-4 text-emerald-900" data-testid="application-received">
          <h2 className="text-lg font-semibold">{t("apply.receivedHeading")}</h2>
          <p>{t("apply.received")}</p>
          <Link to={`/login?redirectTo=${encodeURIComponent("/")}`} className="self-start font-medium text-brand-700 underline">
            {t("apply.receivedSignIn")}
          </Link>
        </section>
      ) : !cohort.open ? (
        <p className="rounded-lg bg-canvas p-4 text-center">{t("apply.closed")}</p>
      ) : existingStatus && existingStatus !== "declined" && existingStatus !== "withdrawn" ? (
        <p className="rounded-lg bg-emerald-50 p-4 text-center text-emerald-900" data-testid="application-status">
          {t("apply.yourStatus", { status: t(`enrollmentStatus.${existingStatus}`) })}
        </p>
      ) : signedInAsStaff ? (
        <p className="rounded-lg bg-canvas p-4 text-center">{t("apply.errors.staffAccount")}</p>
      ) : signedInAs ? (
        <Form method="post" className="flex flex-col gap-3">
          <p>{t("apply.asSignedIn", { name: signedInAs })}</p>
          <ErrorList errors={lastResult?.error?.[""]} />
          <Button type="submit" disabled={busy}>
            {t("apply.submit")}
          </Button>
        </Form>
      ) : (
        <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
          <h2 className="text-lg font-semibold">{t("apply.heading")}</h2>
          <p className="text-sm text-muted">
            {t("apply.haveAccount")}{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(applyPath)}`} className="text-brand-700 underline">
              {t("apply.signIn")}
            </Link>
          </p>
          <Field label={t("people.fields.name")} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} errors={fields.name.errors} />
          <Field label={t("people.fields.mobile")} inputProps={{ ...getInputProps(fields.mobile, { type: "tel" }), autoComplete: "tel", inputMode: "tel" }} errors={fields.mobile.errors} />
          <Field label={t("people.fields.company")} inputProps={{ ...getInputProps(fields.company, { type: "text" }), autoComplete: "organization" }} errors={fields.company.errors} />
          <Field label={t("people.fields.position")} inputProps={{ ...getInputProps(fields.position, { type: "text" }), autoComplete: "organization-title" }} errors={fields.position.errors} />
          <Field label={t("profile.industry")} inputProps={getInputProps(fields.industry, { type: "text" })} errors={fields.industry.errors} />
          <Field label={t("profile.district")} inputProps={getInputProps(fields.district, { type: "text" })} errors={fields.district.errors} />
          <Field label={t("profile.creditCode")} hint={t("profile.creditCodeHint")} inputProps={{ ...getInputProps(fields.creditCode, { type: "text" }), autoCapitalize: "characters", spellCheck: false }} errors={fields.creditCode.errors} />
          <Field label={t("people.fields.email")} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} errors={fields.email.errors} />
          <NewPasswordFields password={fields.password} confirm={fields.confirm} hint={t("apply.passwordHint")} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Button type="submit" disabled={busy} className="w-full">
            {t("apply.submit")}
          </Button>
        </Form>
      )}
    </PublicPage>
  );
}
