import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { PublicPage } from "~/components/public-page.tsx";
import { NewPasswordFields } from "~/modules/accounts/new-password-fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { ActivateWithLinkSchema } from "~/modules/accounts/accounts.ts";
import { signInAndRedirect } from "~/modules/accounts/auth-session.server.ts";
import { activateAccount, findInvitationByToken } from "~/modules/accounts/invitations.server.ts";
import { passwordMessageKey } from "~/modules/accounts/password-policy.ts";
import { checkPassword } from "~/modules/accounts/password-policy.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [academy, language, pending] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    findInvitationByToken(params.token ?? "", new Date()),
  ]);
  return { title: getFixedT(language)("activate.pageTitle"), academyName: academyName(academy, language), personName: pending?.personName ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: ActivateWithLinkSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return submission.reply({ hideFields });
  const pending = await findInvitationByToken(params.token ?? "", now);
  if (!pending) return submission.reply({ formErrors: ["activate.errors.used"], hideFields });
  const check = checkPassword(submission.value.password, pending.passwordContext);
  if (!check.ok) return submission.reply({ fieldErrors: { password: [passwordMessageKey(check.reason)] }, hideFields });
  const activated = await activateAccount({ invitationId: pending.invitationId, password: submission.value.password, request, now });
  if (!activated) return submission.reply({ formErrors: ["activate.errors.used"], hideFields });
  return signInAndRedirect(request, activated.personId, "/?activated=1");
}

export default function ActivateWithLink() {
  const { t } = useTranslation();
  const { academyName, personName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "activate-link",
    lastResult,
    constraint: getZodConstraint(ActivateWithLinkSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivateWithLinkSchema }),
  });
  if (!personName) {
    return (
      <PublicPage eyebrow={academyName || t("app.name")} title={t("activate.linkInvalidTitle")}>
        <p className="text-center text-muted">{t("activate.linkInvalid")}</p>
        <Link to="/activate" className="text-center font-medium text-brand-700 underline">
          {t("activate.useCode")}
        </Link>
      </PublicPage>
    );
  }
  return (
    <PublicPage eyebrow={academyName || t("app.name")} title={t("activate.welcome", { name: personName })}>
      <p className="text-muted">{t("activate.setPasswordIntro")}</p>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Button type="submit" disabled={navigation.state === "submitting"} className="w-full">
          {t("activate.submit")}
        </Button>
      </Form>
    </PublicPage>
  );
}
