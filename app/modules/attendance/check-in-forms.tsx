// The forms a trainee or guest checks in with. Plain POST forms: they work
// before JavaScript loads; with it, the browser's position is added when the
// venue asks for one (its absence is "unknown", never a refusal).
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { CODE_DIGITS } from "./check-in-codes.ts";

function PositionFields({ wanted }: { wanted: boolean }) {
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | null>(null);
  useEffect(() => {
    if (!wanted || typeof navigator === "undefined" || !navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => setPosition(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }, [wanted]);
  if (!position) return null;
  return (
    <>
      <input type="hidden" name="latitude" value={position.latitude} />
      <input type="hidden" name="longitude" value={position.longitude} />
    </>
  );
}

export function CodeInput({ errors, autoFocus }: { errors?: string[] | null; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Field
      label={t("checkin.codeLabel")}
      hint={t("checkin.codeHint")}
      errors={errors}
      inputProps={{
        name: "code",
        required: true,
        inputMode: "numeric",
        autoComplete: "one-time-code",
        pattern: `\\d{${CODE_DIGITS}}`,
        maxLength: CODE_DIGITS,
        autoFocus,
        className: "min-h-14 rounded-lg border border-line bg-surface px-3 py-2 text-center text-2xl tracking-[0.4em] tabular-nums",
      }}
    />
  );
}

/** One big confirm button for a scanned code, or the six-digit field when there is none. */
export function TraineeCheckInForm({ action, token, openedAt, locationCheck, errors }: { action: string; token: string; openedAt: string; locationCheck: boolean; errors?: string[] | null }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={action} className="flex flex-col gap-4" data-testid="check-in-form">
      <input type="hidden" name="intent" value="trainee" />
      <PositionFields wanted={locationCheck} />
      {token ? (
        <>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="openedAt" value={openedAt} />
          <ErrorList errors={errors} />
        </>
      ) : (
        <CodeInput errors={errors} autoFocus />
      )}
      <Button type="submit" className="min-h-16 w-full text-xl">
        {t("checkin.confirm")}
      </Button>
      {locationCheck ? <p className="text-sm text-muted">{t("checkin.locationNote")}</p> : null}
    </Form>
  );
}

export function GuestCheckInForm({ action, token, openedAt, errors }: { action: string; token: string; openedAt: string; errors?: Record<string, string[] | null | undefined> | null }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={action} className="flex flex-col gap-4" aria-labelledby="guest-heading">
      <h2 id="guest-heading" className="text-lg font-semibold">
        {t("checkin.guest.title")}
      </h2>
      <p className="text-sm text-muted">{t("checkin.guest.help")}</p>
      <input type="hidden" name="intent" value="guest" />
      {token ? (
        <>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="openedAt" value={openedAt} />
        </>
      ) : (
        <CodeInput errors={errors?.code} />
      )}
      <Field label={t("checkin.guest.name")} errors={errors?.name} inputProps={{ name: "name", required: true, maxLength: 50, autoComplete: "name" }} />
      <Field label={t("checkin.guest.mobile")} errors={errors?.mobile} inputProps={{ name: "mobile", required: true, inputMode: "tel", autoComplete: "tel" }} />
      <Field label={t("checkin.guest.company")} errors={errors?.company} inputProps={{ name: "company", maxLength: 100, autoComplete: "organization" }} />
      <ErrorList errors={errors?.form} />
      <Button type="submit" variant="secondary" className="w-full">
        {t("checkin.guest.submit")}
      </Button>
    </Form>
  );
}
