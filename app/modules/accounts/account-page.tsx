import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { splitMessage } from "~/utils/messages.ts";
import type { accountAction, accountLoader } from "./account-route.server.ts";
import { ChangePasswordSchema } from "./accounts.ts";
import { NewPasswordFields } from "./new-password-fields.tsx";

export function AccountPage() {
  const { t } = useTranslation();
  const { name, sessions } = useLoaderData<typeof accountLoader>();
  const actionData = useActionData<typeof accountAction>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: navigation.state === "idle" ? actionData?.password : null,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const [noticeKey, noticeValues] = actionData?.notice ? splitMessage(actionData.notice) : [null, undefined];
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t("account.title", { name })}</h1>
      {noticeKey ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(noticeKey, noticeValues)}
        </p>
      ) : null}

      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("account.devices")}</h2>
        <ul className="flex flex-col divide-y divide-line">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3" data-testid="account-session">
              <div className="mr-auto flex flex-col">
                <span className="font-medium">
                  {session.device ?? t("account.unknownDevice")}
                  {session.current ? <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">{t("account.thisDevice")}</span> : null}
                </span>
                <span className="text-sm text-muted">
                  {t("account.signedInAt", { at: session.signedInAt })} · {t("account.lastSeenAt", { at: session.lastSeenAt })}
                  {session.ip ? ` · ${session.ip}` : ""}
                </span>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <Button type="submit" variant="secondary" disabled={busy}>
                    {t("account.endSession")}
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("account.endOthers")}
            </Button>
          </Form>
        ) : null}
      </section>

      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("account.changePassword")}</h2>
        <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="change-password" />
          <Field label={t("account.currentPassword")} inputProps={{ ...getInputProps(fields.current, { type: "password" }), autoComplete: "current-password" }} errors={fields.current.errors} />
          <NewPasswordFields password={fields.password} confirm={fields.confirm} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <p className="text-sm text-muted">{t("account.changePasswordHelp")}</p>
          <Button type="submit" disabled={busy} className="self-start">
            {t("account.savePassword")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
