// Issuing certificates: to every eligible trainee of a cohort in one batch, to
// one trainee by exception with a recorded reason, and reissuing one (a fresh
// snapshot that supersedes the old). Each write holds the cohort's row lock, so
// two staff pressing at once never give an enrollment two certificates, and the
// per-cohort running number never repeats. Revocation keeps the certificate on record.
// Each function returns the certificates it created; their PDF and image are drawn
// after the transaction commits (documents.server.ts), never while the cohort is locked.
import { randomBytes } from "node:crypto";
import { trackKeys } from "~/modules/academy/tracks.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { getProgramme } from "~/modules/programme/programme.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { localDate } from "~/utils/time.ts";
import { requireCertificateAccess, type Actor } from "./access.server.ts";
import { formatSerial, verificationCodeFrom, type CertificateSnapshot } from "./certificates.ts";
import { attachCredential } from "./credential-issuance.server.ts";
import { cohortProgress } from "./progress.server.ts";

type Context = { request: Request; origin: string; now: Date };
type Trainee = { enrollmentId: string; name: string; attendanceRate: number | null };

/** At least 128 random bits: 20 bytes as 32 base32 characters. */
export const newVerificationCode = () => verificationCodeFrom(randomBytes(20));

/** What every certificate of the cohort prints about the cohort, read once before the batch. */
async function cohortFacts(cohortId: string) {
  const [cohort, programme] = await Promise.all([
    db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        id: true,
        title: true,
        code: true,
        startDate: true,
        endDate: true,
        updatedAt: true,
        academy: { select: { name: true, timeZone: true, certificatePrefix: true, certificateSerialPattern: true } },
        organisations: { select: { role: true, organisation: { select: { id: true, name: true, level: true } } }, orderBy: [{ position: "asc" }] },
      },
    }),
    getProgramme(cohortId),
  ]);
  const roleOrder = ["organiser", "co_organiser", "teaching_partner"];
  return {
    cohort,
    organisers: [...cohort.organisations]
      .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role))
      .map((o) => ({ name: o.organisation.name, role: o.role as CertificateSnapshot["organisers"][number]["role"], level: o.organisation.level, organisationId: o.organisation.id })),
    hoursByTrack: trackKeys.map((track) => ({ track, hours: programme.hoursByTrack[track] })),
    totalHours: programme.totalHours,
  };
}
type Facts = Awaited<ReturnType<typeof cohortFacts>>;

/** Holds the cohort's row until the transaction ends (a no-op update that still locks on PostgreSQL; SQLite runs one writer at a time). */
async function lockCohort(tx: Prisma.TransactionClient, facts: Facts) {
  await tx.cohort.update({ where: { id: facts.cohort.id }, data: { updatedAt: facts.cohort.updatedAt }, select: { id: true } });
}

async function nextSequence(tx: Prisma.TransactionClient, cohortId: string): Promise<number> {
  const last = await tx.certificate.aggregate({ where: { enrollment: { cohortId } }, _max: { sequence: true } });
  return (last._max.sequence ?? 0) + 1;
}

async function createCertificate(
  tx: Prisma.TransactionClient,
  input: { facts: Facts; trainee: Trainee; sequence: number; actor: Actor; exceptionReason: string | null; context: Context },
) {
  const { facts, trainee, context } = input;
  const issuedOn = localDate(context.now, facts.cohort.academy.timeZone);
  const serial = formatSerial(facts.cohort.academy.certificateSerialPattern, {
    prefix: facts.cohort.academy.certificatePrefix,
    year: issuedOn.slice(0, 4),
    cohort: facts.cohort.code,
    sequence: input.sequence,
  });
  const verificationCode = newVerificationCode();
  const snapshot: CertificateSnapshot = {
    serial,
    verificationCode,
    issuedOn,
    traineeName: trainee.name,
    cohortTitle: facts.cohort.title,
    cohortCode: facts.cohort.code,
    startDate: facts.cohort.startDate,
    endDate: facts.cohort.endDate,
    organisers: facts.organisers,
    academyName: facts.cohort.academy.name,
    hoursByTrack: facts.hoursByTrack,
    totalHours: facts.totalHours,
    attendanceRate: trainee.attendanceRate === null ? null : Math.round(trainee.attendanceRate * 10_000) / 10_000,
    verifyUrl: `${context.origin}/verify/${verificationCode}`,
  };
  const certificate = await tx.certificate.create({
    data: {
      enrollmentId: trainee.enrollmentId,
      serial,
      sequence: input.sequence,
      verificationCode,
      snapshot: JSON.stringify(snapshot),
      exceptionReason: input.exceptionReason,
      issuedAt: context.now,
      issuedById: input.actor.id,
    },
    select: { id: true, serial: true, enrollmentId: true },
  });
  // The Open Badges credential, signed in the same transaction.
  await attachCredential(tx, certificate.id, context);
  return certificate;
}

export type IssueSummary = { issued: { id: string; serial: string; name: string }[]; alreadyIssued: number; notEligible: number };

/** Certificates for every eligible trainee who has none yet, in one transaction. Twice is once. */
export async function issueToEligible(actor: Actor, cohortId: string, context: Context): Promise<IssueSummary> {
  await requireCertificateAccess(actor, cohortId, "create:certificate");
  const [progress, facts] = await Promise.all([cohortProgress(cohortId, context.now), cohortFacts(cohortId)]);
  const eligible = progress.enrollments.filter((e) => e.evaluation.eligible);
  const trainees = new Map<string, Trainee>(
    eligible.map((e) => [e.enrollmentId, { enrollmentId: e.enrollmentId, name: e.name, attendanceRate: rateOf(e.standing.overall) }]),
  );
  const issued = await db.$transaction(
    async (tx) => {
      await lockCohort(tx, facts);
      const holding = await tx.certificate.findMany({ where: { enrollmentId: { in: [...trainees.keys()] } }, select: { enrollmentId: true }, distinct: ["enrollmentId"] });
      const held = new Set(holding.map((h) => h.enrollmentId));
      let sequence = await nextSequence(tx, cohortId);
      const created: IssueSummary["issued"] = [];
      for (const trainee of trainees.values()) {
        if (held.has(trainee.enrollmentId)) continue;
        const certificate = await createCertificate(tx, { facts, trainee, sequence: sequence++, actor, exceptionReason: null, context });
        await recordAudit({ action: "certificate.issued", actorId: actor.id, targetType: "certificate", targetId: certificate.id, request: context.request, detail: { serial: certificate.serial, cohortId }, at: context.now }, tx);
        created.push({ id: certificate.id, serial: certificate.serial, name: trainee.name });
      }
      return created;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  return { issued, alreadyIssued: eligible.length - issued.length, notEligible: progress.enrollments.length - eligible.length };
}

const rateOf = (tally: { attended: number; counted: number }) => (tally.counted === 0 ? null : tally.attended / tally.counted);

export type SingleIssue = { ok: true; id: string; serial: string } | { ok: false; error: "notInCohort" | "alreadyIssued" };

/** One trainee by exception (whether or not the rule is met), with the reason on record. */
export async function issueByException(actor: Actor, cohortId: string, input: { enrollmentId: string; reason: string }, context: Context): Promise<SingleIssue> {
  await requireCertificateAccess(actor, cohortId, "create:certificate");
  const [progress, facts] = await Promise.all([cohortProgress(cohortId, context.now), cohortFacts(cohortId)]);
  const entry = progress.enrollments.find((e) => e.enrollmentId === input.enrollmentId);
  if (!entry) return { ok: false, error: "notInCohort" };
  return db.$transaction(async (tx) => {
    await lockCohort(tx, facts);
    if (await tx.certificate.findFirst({ where: { enrollmentId: entry.enrollmentId }, select: { id: true } })) return { ok: false, error: "alreadyIssued" } as const;
    const trainee = { enrollmentId: entry.enrollmentId, name: entry.name, attendanceRate: rateOf(entry.standing.overall) };
    const certificate = await createCertificate(tx, { facts, trainee, sequence: await nextSequence(tx, cohortId), actor, exceptionReason: input.reason, context });
    await recordAudit({ action: "certificate.issued", actorId: actor.id, targetType: "certificate", targetId: certificate.id, request: context.request, detail: { serial: certificate.serial, cohortId, exceptionReason: input.reason }, at: context.now }, tx);
    return { ok: true, id: certificate.id, serial: certificate.serial } as const;
  });
}

async function certificateInCohort(certificateId: string, cohortId: string) {
  return db.certificate.findFirst({
    where: { id: certificateId, enrollment: { cohortId } },
    select: { id: true, serial: true, enrollmentId: true, exceptionReason: true, revokedAt: true, supersededById: true, snapshot: true, enrollment: { select: { person: { select: { name: true } } } } },
  });
}

/** `id`: the certificate changed (revoked), or the new one (reissued). */
export type ChangeResult = { ok: true; id: string; serial: string } | { ok: false; error: "notFound" | "revoked" | "superseded" };

/** Revokes a current certificate; it stays on record and its verification page says so. */
export async function revokeCertificate(actor: Actor, cohortId: string, input: { certificateId: string; reason: string }, context: Context): Promise<ChangeResult> {
  await requireCertificateAccess(actor, cohortId, "update:certificate");
  const certificate = await certificateInCohort(input.certificateId, cohortId);
  if (!certificate) return { ok: false, error: "notFound" };
  return db.$transaction(async (tx) => {
    const changed = await tx.certificate.updateMany({
      where: { id: certificate.id, revokedAt: null, supersededById: null },
      data: { revokedAt: context.now, revokedReason: input.reason, revokedById: actor.id },
    });
    if (changed.count === 0) return { ok: false, error: certificate.supersededById ? "superseded" : "revoked" } as const;
    await recordAudit({ action: "certificate.revoked", actorId: actor.id, targetType: "certificate", targetId: certificate.id, request: context.request, detail: { serial: certificate.serial, reason: input.reason }, at: context.now }, tx);
    return { ok: true, id: certificate.id, serial: certificate.serial } as const;
  });
}

/** A new certificate with a fresh snapshot (e.g. the corrected name) that supersedes the current one. */
export async function reissueCertificate(actor: Actor, cohortId: string, input: { certificateId: string; reason: string }, context: Context): Promise<ChangeResult> {
  await requireCertificateAccess(actor, cohortId, "create:certificate");
  const certificate = await certificateInCohort(input.certificateId, cohortId);
  if (!certificate) return { ok: false, error: "notFound" };
  if (certificate.revokedAt) return { ok: false, error: "revoked" };
  if (certificate.supersededById) return { ok: false, error: "superseded" };
  const [facts, person] = await Promise.all([
    cohortFacts(cohortId),
    db.enrollment.findUniqueOrThrow({ where: { id: certificate.enrollmentId }, select: { person: { select: { name: true } } } }),
  ]);
  const old = JSON.parse(certificate.snapshot) as CertificateSnapshot;
  return db.$transaction(async (tx) => {
    await lockCohort(tx, facts);
    const trainee = { enrollmentId: certificate.enrollmentId, name: person.person.name, attendanceRate: old.attendanceRate };
    const next = await createCertificate(tx, { facts, trainee, sequence: await nextSequence(tx, cohortId), actor, exceptionReason: certificate.exceptionReason, context });
    const changed = await tx.certificate.updateMany({
      where: { id: certificate.id, revokedAt: null, supersededById: null },
      data: { supersededById: next.id, supersededAt: context.now },
    });
    if (changed.count === 0) throw new Response("Conflict", { status: 409 });
    await recordAudit({ action: "certificate.reissued", actorId: actor.id, targetType: "certificate", targetId: next.id, request: context.request, detail: { serial: next.serial, supersedes: certificate.serial, reason: input.reason }, at: context.now }, tx);
    return { ok: true, id: next.id, serial: next.serial } as const;
  });
}
