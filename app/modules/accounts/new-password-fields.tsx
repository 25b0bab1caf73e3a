import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms.tsx";

/** "Choose a password" and "type it again", as activation, applications and the account page ask. */
export function NewPasswordFields({ password, confirm, hint }: { password: FieldMetadata<string>; confirm: FieldMetadata<string>; hint?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t("activate.newPassword")}
        hint={hint ?? t("activate.passwordHint")}
        inputProps={{ ...getInputProps(password, { type: "password" }), autoComplete: "new-password" }}
        errors={password.errors}
      />
      <Field
        label={t("activate.confirm")}
        inputProps={{ ...getInputProps(confirm, { type: "password" }), autoComplete: "new-password" }}
        errors={confirm.errors}
      />
    </>
  );
}
