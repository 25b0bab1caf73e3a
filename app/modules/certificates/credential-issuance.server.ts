// Each certificate's Open Badges 3.0 credential, signed when the certificate
// is created (batch, exception, reissue), inside the same transaction: the
// certificate and its credential exist together or not at all. A certificate
// from before credentials existed gets one the first time it is asked for.
import { db, type Prisma } from "~/utils/db.server.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import { zonedInstant } from "~/utils/time.ts";
import type { CertificateRule, CertificateSnapshot } from "./certificates.ts";
import { unsignedCredential, type CredentialTexts } from "./credential.ts";
import { currentSigningKey } from "./credential-keys.server.ts";
import { credentialDocumentLoader } from "./credential-loader.server.ts";
import { signCredential } from "./credential-signing.server.ts";
import { ruleOf } from "./progress.server.ts";
import { allocateStatusIndex } from "./status-list.server.ts";

type Rule = CertificateRule & { excusedLeaveDenominator: boolean };

/** The achievement's name, description and criteria, in Chinese as the certificate prints them. */
export function credentialTexts(snapshot: CertificateSnapshot, rule: Rule): CredentialTexts {
  const t = getFixedT("zh-CN");
  const names = (role: CertificateSnapshot["organisers"][number]["role"]) =>
    snapshot.organisers
      .filter((o) => o.role === role)
      .map((o) => o.name)
      .join("、");
  const organisers = (["organiser", "co_organiser", "teaching_partner"] as const)
    .filter((role) => names(role))
    .map((role) => t("certificates.credential.organisers", { role: t(`certificateDocument.roles.${role}`), names: names(role) }));
  const hours = snapshot.hoursByTrack
    .filter((h) => h.hours > 0)
    .map((h) => t("certificates.credential.trackHours", { track: t(`tracks.${h.track}`), hours: h.hours }));
  const criteria = [
    t("certificates.rule.overall", { percent: rule.minAttendancePercent }),
    rule.requireEveryTrack ? t("certificates.rule.everyTrack") : null,
    rule.minTrackPercent !== null ? t("certificates.rule.perTrack", { percent: rule.minTrackPercent }) : null,
    rule.minCreditHours !== null ? t("certificates.rule.hours", { hours: rule.minCreditHours }) : null,
    t(rule.excusedLeaveDenominator ? "certificates.rule.excusedOut" : "certificates.rule.excusedIn"),
  ].filter((line): line is string => line !== null);
  return {
    achievementName: t("certificates.credential.achievementName", { cohort: snapshot.cohortTitle }),
    achievementDescription: [
      t("certificates.credential.description", { academy: snapshot.academyName, cohort: snapshot.cohortTitle, code: snapshot.cohortCode, start: snapshot.startDate, end: snapshot.endDate }),
      ...organisers,
      t("certificates.credential.hours", { items: hours.join("、"), total: snapshot.totalHours }),
    ].join(""),
    criteria: `${criteria.join("；")}。`,
  };
}

/** Holds the academy's row until the transaction ends, so status-list bits are given out one batch at a time across cohorts. */
async function lockAcademy(tx: Prisma.TransactionClient, academy: { id: string; updatedAt: Date }) {
  await tx.academy.update({ where: { id: academy.id }, data: { updatedAt: academy.updatedAt }, select: { id: true } });
}

/**
 * Signs the credential of a certificate just created in `tx` (or one that has
 * none yet) and stores it with its status-list index. One call per certificate.
 */
export async function attachCredential(tx: Prisma.TransactionClient, certificateId: string, context: { origin: string; now: Date }): Promise<void> {
  const certificate = await tx.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: {
      snapshot: true,
      issuedAt: true,
      credential: true,
      enrollment: {
        select: {
          cohort: {
            select: {
              certMinAttendancePercent: true,
              certRequireEveryTrack: true,
              certMinTrackPercent: true,
              certMinCreditHours: true,
              excusedLeaveDenominator: true,
              academy: { select: { id: true, updatedAt: true, timeZone: true } },
            },
          },
        },
      },
    },
  });
  if (certificate.credential) return;
  const cohort = certificate.enrollment.cohort;
  await lockAcademy(tx, cohort.academy);
  const snapshot = JSON.parse(certificate.snapshot) as CertificateSnapshot;
  const statusListIndex = await allocateStatusIndex(tx);
  const zone = cohort.academy.timeZone;
  const unsigned = unsignedCredential(snapshot, {
    origin: context.origin,
    issuedAt: certificate.issuedAt,
    statusListIndex,
    activityStart: zonedInstant(snapshot.startDate, "00:00", zone),
    activityEnd: zonedInstant(snapshot.endDate, "00:00", zone),
    texts: credentialTexts(snapshot, { ...ruleOf(cohort), excusedLeaveDenominator: cohort.excusedLeaveDenominator }),
  });
  const key = await currentSigningKey(tx, context.now);
  const signed = await signCredential(unsigned, { origin: context.origin, key, loader: credentialDocumentLoader(async () => null), now: context.now });
  await tx.certificate.update({ where: { id: certificateId }, data: { credential: JSON.stringify(signed), statusListIndex }, select: { id: true } });
}

/** The stored credential, signing it first for a certificate issued before credentials existed. */
export async function storedCredential(certificateId: string, context: { origin: string; now: Date }): Promise<string> {
  const row = await db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { credential: true } });
  if (row.credential) return row.credential;
  await db.$transaction((tx) => attachCredential(tx, certificateId, context));
  return (await db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { credential: true } })).credential!;
}
