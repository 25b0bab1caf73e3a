import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { messageWithValues } from "~/utils/messages.ts";
import { PublicPage } from "~/components/public-page.tsx";
import { NewPasswordFields } from "~/modules/accounts/new-password-fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { ActivateWithCodeSchema } from "~/modules/accounts/accounts.ts";
import { requireAnonymous, signInAndRedirect } from "~/modules/accounts/auth-session.server.ts";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { passwordMessageKey } from "~/modules/accounts/password-policy.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return { title: getFixedT(language)("activate.pageTitle"), academyName: academyName(academy, language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ActivateWithCodeSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return submission.reply({ hideFields });
  const outcome = await activateWithCode({ ...submission.value, request, now: new Date() });
  if (!outcome.ok) {
    switch (outcome.error) {
      case "locked":
        return submission.reply({ formErrors: [messageWithValues("login.errors.locked", { count: outcome.minutes })], hideFields });
      case "password":
        return submission.reply({ fieldErrors: { password: [passwordMessageKey(outcome.passwordError!)] }, hideFields });
      default:
        return submission.reply({ formErrors: [`activate.errors.${outcome.error}`], hideFields });
    }
  }
  return signInAndRedirect(request, outcome.personId, "/?activated=1");
}

export default function ActivateWithCode() {
  const { t } = useTranslation();
  const { academyName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "activate",
    lastResult,
    constraint: getZodConstraint(ActivateWithCodeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivateWithCodeSchema }),
  });
  return (
    <PublicPage eyebrow={academyName || t("app.name")} title={t("activate.heading")}>
      <p className="text-muted">{t("activate.intro")}</p>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <Field
          label={t("login.identifier")}
          inputProps={{ ...getInputProps(fields.identifier, { type: "text" }), autoComplete: "username", inputMode: "email", autoCapitalize: "none", spellCheck: false }}
          errors={fields.identifier.errors}
        />
        <Field
          label={t("activate.code")}
          hint={t("activate.codeHint")}
          inputProps={{ ...getInputProps(fields.code, { type: "text" }), inputMode: "numeric", autoComplete: "one-time-code" }}
          errors={fields.code.errors}
        />
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" disabled={navigation.state === "submitting"} className="w-full">
          {t("activate.submit")}
        </Button>
      </Form>
      <Link to="/login" className="text-center text-sm text-muted underline">
        {t("activate.backToLogin")}
      </Link>
    </PublicPage>
  );
}
