// Said before staff enrol anyone into a cohort that has begun (decision 0018):
// how many sessions were already held, that the newcomers' attendance counts
// from today, and the box to count it from the cohort's start instead.
import { useTranslation } from "react-i18next";

export function LateJoiningNotice({ sessionsStarted, name = "countFromStart" }: { sessionsStarted: number; name?: string }) {
  const { t } = useTranslation();
  if (sessionsStarted <= 0) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="late-joining-notice">
      <p>{t("enrollment.lateJoining.notice", { count: sessionsStarted })}</p>
      <label className="flex min-h-11 items-start gap-2">
        <input type="checkbox" name={name} value="on" className="mt-0.5 size-5 shrink-0" />
        <span>
          <span className="font-medium">{t("enrollment.lateJoining.fromStart")}</span>
          <span className="block text-amber-900">{t("enrollment.lateJoining.fromStartHint")}</span>
        </span>
      </label>
    </div>
  );
}
