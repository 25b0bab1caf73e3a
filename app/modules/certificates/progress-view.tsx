// The certificate rule in plain words, a trainee's progress toward it as bars,
// and what is still missing, shared by the portal home and the staff's page.
import { useTranslation } from "react-i18next";
import { StatusPill, type Tone } from "~/components/ui/status-pill.tsx";
import type { CertificateRule, MyCertificate, RuleEvaluation, RuleStanding, Shortfall, Tally } from "./certificates.ts";

const percentText = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);

export function ShortfallText({ shortfall }: { shortfall: Shortfall }) {
  const { t } = useTranslation();
  switch (shortfall.kind) {
    case "overall":
      return shortfall.needSessions !== null
        ? t("certificates.progress.needOverall", { count: shortfall.needSessions })
        : t("certificates.progress.cannotOverall", { rate: percentText(shortfall.rate), percent: shortfall.percent });
    case "track": {
      const track = t(`tracks.${shortfall.trackKey}`);
      return shortfall.needSessions !== null
        ? t("certificates.progress.needTrack", { count: shortfall.needSessions, track })
        : t("certificates.progress.cannotTrack", { track, rate: percentText(shortfall.rate), percent: shortfall.percent });
    }
    case "trackUnattended": {
      const track = t(`tracks.${shortfall.trackKey}`);
      return shortfall.needSessions !== null
        ? t("certificates.progress.needTrack", { count: shortfall.needSessions, track })
        : t("certificates.progress.cannotTrackUnattended", { track });
    }
    case "hours":
      return shortfall.reachable
        ? t("certificates.progress.needHours", { hours: shortfall.needHours })
        : t("certificates.progress.cannotHours", { hours: shortfall.hours, min: shortfall.minHours });
  }
}

export function RuleList({ rule, excusedLeaveDenominator }: { rule: CertificateRule; excusedLeaveDenominator: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="list-disc pl-5 text-sm">
      <li>{t("certificates.rule.overall", { percent: rule.minAttendancePercent })}</li>
      {rule.requireEveryTrack ? <li>{t("certificates.rule.everyTrack")}</li> : null}
      {rule.minTrackPercent !== null ? <li>{t("certificates.rule.perTrack", { percent: rule.minTrackPercent })}</li> : null}
      {rule.minCreditHours !== null ? <li>{t("certificates.rule.hours", { hours: rule.minCreditHours })}</li> : null}
      <li className="text-muted">{t(excusedLeaveDenominator ? "certificates.rule.excusedOut" : "certificates.rule.excusedIn")}</li>
    </ul>
  );
}

function Bar({ label, tally, percent }: { label: string; tally: Tally; percent: number | null }) {
  const { t } = useTranslation();
  const rate = tally.counted === 0 ? null : tally.attended / tally.counted;
  const shown = rate === null ? 0 : Math.round(rate * 100);
  const met = percent === null ? tally.attended > 0 : rate !== null && tally.attended * 100 >= percent * tally.counted;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-muted">
          {rate === null ? t("certificates.progress.noRate") : t("certificates.progress.rateOf", { attended: tally.attended, counted: tally.counted, percent: shown })}
          {percent !== null ? ` · ${t("certificates.progress.required", { percent })}` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown}
        className="relative h-3 overflow-hidden rounded-full bg-gray-100"
      >
        <div className={`h-full rounded-full ${met ? "bg-emerald-600" : "bg-amber-500"}`} style={{ width: `${shown}%` }} />
        {percent !== null ? <div className="absolute inset-y-0 w-0.5 bg-ink" style={{ left: `${percent}%` }} aria-hidden /> : null}
      </div>
    </div>
  );
}

export type ProgressItem = { cohortId: string; title: string; rule: CertificateRule; excusedLeaveDenominator: boolean; standing: RuleStanding; evaluation: RuleEvaluation };

/** The portal home's card: the rule, bars overall and per track, and exactly what is still needed. */
export function CertificateProgress({ items }: { items: ProgressItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="certificate-progress-heading" className="flex flex-col gap-3">
      <h2 id="certificate-progress-heading" className="text-lg font-semibold">
        {t("certificates.progress.title")}
      </h2>
      {items.map((item) => (
        <article key={item.cohortId} className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4" data-testid="certificate-progress">
          <h3 className="font-semibold">{item.title}</h3>
          <Bar label={t("certificates.progress.overall")} tally={item.standing.overall} percent={item.rule.minAttendancePercent} />
          {item.standing.tracks
            .filter((track) => track.counted > 0 || track.upcoming > 0)
            .map((track) => (
              <Bar key={track.trackKey} label={t(`tracks.${track.trackKey}`)} tally={track} percent={item.rule.minTrackPercent} />
            ))}
          {item.rule.minCreditHours !== null ? (
            <p className="text-sm">
              {t("certificates.progress.hours")}: {t("certificates.progress.hoursOf", { hours: item.standing.creditHours, min: item.rule.minCreditHours })}
            </p>
          ) : null}
          {item.evaluation.eligible ? (
            <p className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-900">{t("certificates.progress.eligible")}</p>
          ) : (
            <ul className="flex flex-col gap-1 rounded-lg bg-amber-50 px-3 py-2 text-amber-950">
              {item.evaluation.shortfalls.map((shortfall, i) => (
                <li key={i} className="font-medium">
                  <ShortfallText shortfall={shortfall} />
                </li>
              ))}
              <li className="text-sm">{t("certificates.progress.askStaff")}</li>
            </ul>
          )}
          <details>
            <summary className="cursor-pointer text-sm font-medium">{t("certificates.rule.title")}</summary>
            <RuleList rule={item.rule} excusedLeaveDenominator={item.excusedLeaveDenominator} />
          </details>
        </article>
      ))}
    </section>
  );
}

export const certificateStatusTone: Record<"valid" | "revoked" | "superseded", Tone> = { valid: "success", revoked: "danger", superseded: "neutral" };

export type MyCertificateItem = MyCertificate;

const linkClass = "inline-flex min-h-11 items-center py-2 font-medium text-brand-700 underline";

/** A current certificate's downloads and its image shown in the page (long-press saves it in WeChat). */
function CertificateFiles({ item }: { item: MyCertificateItem }) {
  const { t } = useTranslation();
  if (!item.files) {
    return <p className="text-sm text-muted">{t(item.status === "revoked" ? "certificates.mine.notCurrentRevoked" : "certificates.mine.notCurrentSuperseded")}</p>;
  }
  return (
    <div className="flex flex-col gap-2">
      <img
        src={item.files.image}
        alt={t("certificates.mine.imageAlt", { name: item.traineeName, cohort: item.cohortTitle, serial: item.serial })}
        width={1754}
        height={1240}
        loading="lazy"
        className="h-auto w-full rounded-lg border border-line"
      />
      <p className="text-sm text-muted">{t("certificates.mine.saveHint")}</p>
      <div className="flex flex-wrap gap-x-4" data-testid="certificate-downloads">
        <a href={item.files.pdf} download className={linkClass}>
          {t("certificates.mine.downloadPdf")}
        </a>
        <a href={item.files.image} download className={linkClass}>
          {t("certificates.mine.downloadImage")}
        </a>
      </div>
    </div>
  );
}

/** 我的证书: serial, class, date, status and the verification page of each. */
export function MyCertificatesList({ items }: { items: MyCertificateItem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="my-certificates-heading" className="flex flex-col gap-3">
      <h2 id="my-certificates-heading" className="text-lg font-semibold">
        {t("certificates.mine.title")}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("certificates.mine.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {items.map((item) => (
            <li key={item.id} className="flex flex-col gap-1 rounded-xl border border-line bg-surface p-4" data-testid="my-certificate">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">{item.cohortTitle}</span>
                <StatusPill tone={certificateStatusTone[item.status]}>{t(`certificates.status.${item.status}`)}</StatusPill>
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="text-muted">{t("certificates.mine.serial")}</dt>
                <dd className="break-all font-mono">{item.serial}</dd>
                <dt className="text-muted">{t("certificates.mine.issuedOn")}</dt>
                <dd>{item.issuedOn}</dd>
              </dl>
              <CertificateFiles item={item} />
              <a href={item.verifyPath} className={`${linkClass} self-start`}>
                {t("certificates.mine.verify")}
              </a>
              <a href={item.credentialPath} download className="min-h-11 self-start py-2 text-sm font-medium text-brand-700 underline">
                {t("certificates.credential.download")}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
