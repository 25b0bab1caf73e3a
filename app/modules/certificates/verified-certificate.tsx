// The public verification page's body: the certificate's status, then every
// field it prints, exactly as the snapshot holds it.
import { useTranslation } from "react-i18next";
import type { CertificateSnapshot } from "./certificates.ts";

export type VerifiedStatus = { kind: "valid" } | { kind: "revoked"; on: string; reason: string } | { kind: "superseded"; currentPath: string | null };

export function VerifiedCertificate({ snapshot, status }: { snapshot: CertificateSnapshot; status: VerifiedStatus }) {
  const { t } = useTranslation();
  const names = (role: CertificateSnapshot["organisers"][number]["role"]) =>
    snapshot.organisers
      .filter((o) => o.role === role)
      .map((o) => o.name)
      .join("、");
  const rows: [string, string][] = [
    [t("certificates.verify.serial"), snapshot.serial],
    [t("certificates.verify.trainee"), snapshot.traineeName],
    [t("certificates.verify.cohort"), snapshot.cohortTitle],
    [t("certificates.verify.cohortCode"), snapshot.cohortCode],
    [t("certificates.verify.dates"), `${snapshot.startDate} – ${snapshot.endDate}`],
    [t("certificates.verify.organisers"), names("organiser")],
    [t("certificates.verify.coOrganisers"), names("co_organiser")],
    [t("certificates.verify.partners"), names("teaching_partner")],
    ...snapshot.hoursByTrack
      .filter((h) => h.hours > 0)
      .map((h): [string, string] => [`${t(`tracks.${h.track}`)} ${t("certificates.verify.hours")}`, t("certificates.verify.hoursValue", { hours: h.hours })]),
    [t("certificates.verify.totalHours"), t("certificates.verify.hoursValue", { hours: snapshot.totalHours })],
    [t("certificates.verify.attendance"), snapshot.attendanceRate === null ? "—" : `${Math.round(snapshot.attendanceRate * 1000) / 10}%`],
    [t("certificates.verify.issuedOn"), snapshot.issuedOn],
    [t("certificates.verify.issuer"), snapshot.academyName],
  ];
  return (
    <div className="flex flex-col gap-4">
      {status.kind === "valid" ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-center text-lg font-semibold text-emerald-900" data-testid="verify-status">
          ✓ {t("certificates.verify.valid")}
        </p>
      ) : status.kind === "revoked" ? (
        <div role="status" className="rounded-lg bg-brand-50 px-4 py-3 text-brand-700" data-testid="verify-status">
          <p className="text-lg font-semibold">{t("certificates.verify.revoked", { date: status.on })}</p>
          <p>{t("certificates.verify.revokedReason", { reason: status.reason })}</p>
        </div>
      ) : (
        <div role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-amber-950" data-testid="verify-status">
          <p className="text-lg font-semibold">{t("certificates.verify.superseded")}</p>
          {status.currentPath ? (
            <a href={status.currentPath} className="font-medium underline">
              {t("certificates.verify.current")}
            </a>
          ) : null}
        </div>
      )}
      <p className="text-sm text-muted">{t("certificates.verify.intro")}</p>
      {/* On a phone (and in elder mode) each label sits above its value, so long values keep the full width. */}
      <dl className="grid grid-cols-1 sm:grid-cols-[auto_1fr] sm:gap-x-4 sm:gap-y-2">
        {rows
          .filter(([, value]) => value !== "")
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="mb-2 font-medium [overflow-wrap:anywhere] sm:mb-0">{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
