import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, messageWithValues } from "~/components/forms.tsx";
import { PreferenceControls } from "~/components/preference-controls.tsx";
import { Button } from "~/components/ui/button.tsx";
import { LoginSchema } from "~/modules/accounts/accounts.ts";
import { createAuthSession, requireAnonymous } from "~/modules/accounts/auth-session.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { homePathFor } from "~/modules/accounts/roles.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { db } from "~/utils/db.server.ts";
import { getT } from "~/utils/i18n.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const [t, academy] = await Promise.all([getT(request), getAcademySettings()]);
  return { title: t("login.pageTitle"), academyName: academy.name };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  const result = await signIn({ ...submission.value, request });
  if (!result.ok) {
    const message = result.lockedMinutes ? messageWithValues("login.errors.locked", { count: result.lockedMinutes }) : "login.errors.invalid";
    return submission.reply({ formErrors: [message], hideFields: ["password"] });
  }
  const cookie = await createAuthSession(request, result.personId, {
    ip: clientAddress(request),
    userAgent: request.headers.get("User-Agent"),
  });
  const roles = await db.personRole.findMany({ where: { personId: result.personId }, select: { role: { select: { key: true } } } });
  const home = homePathFor(roles.map((r) => r.role.key));
  return redirect(safeRedirect(submission.value.redirectTo, home), { headers: { "Set-Cookie": cookie } });
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
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-end px-3 py-2">
        <PreferenceControls />
      </header>
      <main className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center gap-6 px-5 pb-16">
        <div className="flex flex-col gap-1 text-center">
          <p className="text-sm font-medium tracking-wide text-brand-700">{academyName || t("app.name")}</p>
          <h1 className="text-2xl font-bold">{t("login.heading")}</h1>
        </div>
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
        <p className="text-center text-sm text-muted">{t("login.help")}</p>
      </main>
    </div>
  );
}
