import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { messageWithValues } from "~/utils/messages.ts";
import { PublicPage } from "~/components/public-page.tsx";
import { Button } from "~/components/ui/button.tsx";
import { LoginSchema } from "~/modules/accounts/accounts.ts";
import { requireAnonymous, signInAndRedirect } from "~/modules/accounts/auth-session.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { homePathFor } from "~/modules/accounts/roles.ts";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { db } from "~/utils/db.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { isSafeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const [language, academy] = await Promise.all([getLanguage(request), getAcademySettings()]);
  return { title: getFixedT(language)("login.pageTitle"), academyName: academyName(academy, language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  // Checked before the password: whatever it holds, a sign-in ends on this site.
  const requested = isSafeRedirect(submission.value.redirectTo) ? submission.value.redirectTo : null;
  const result = await signIn({ ...submission.value, request });
  if (!result.ok) {
    const message = result.lockedMinutes ? messageWithValues("login.errors.locked", { count: result.lockedMinutes }) : "login.errors.invalid";
    return submission.reply({ formErrors: [message], hideFields: ["password"] });
  }
  const roles = await db.personRole.findMany({ where: { personId: result.personId }, select: { role: { select: { key: true } } } });
  return signInAndRedirect(request, result.personId, requested ?? homePathFor(roles.map((r) => r.role.key)));
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { academyName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <PublicPage eyebrow={academyName || t("app.name")} title={t("login.heading")}>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("login.identifier")}
          hint={t("login.identifierHint")}
          inputProps={{
            ...getInputProps(fields.identifier, { type: "text" }),
            autoComplete: "username",
            inputMode: "email",
            autoCapitalize: "none",
            spellCheck: false,
          }}
          errors={fields.identifier.errors}
        />
        <Field
          label={t("login.password")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.password.errors}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" disabled={navigation.state === "submitting"} className="mt-2 w-full">
          {t("login.submit")}
        </Button>
      </Form>
      <Link to="/activate" className="text-center font-medium text-brand-700 underline">
        {t("login.activate")}
      </Link>
      <p className="text-center text-sm text-muted">{t("login.help")}</p>
    </PublicPage>
  );
}
