// Applying to an enrolling cohort, as a newcomer or as a signed-in trainee.
import { hashPassword } from "~/modules/accounts/password.server.ts";
import { checkPassword } from "~/modules/accounts/password-policy.server.ts";
import { passwordMessageKey } from "~/modules/accounts/password-policy.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { ApplicationInput } from "./application.ts";
import { acceptsApplications, type CohortStatus } from "./cohorts.ts";
import { reserveApplication } from "./application-throttle.server.ts";
import { changeEnrollmentStatus } from "./enrollment.server.ts";

export async function findOpenCohortByCode(code: string) {
  const cohort = await db.cohort.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      startDate: true,
      endDate: true,
      capacity: true,
      status: true,
      venue: { select: { name: true, address: true } },
      organisations: { orderBy: { position: "asc" }, select: { role: true, organisation: { select: { name: true } } } },
    },
  });
  if (!cohort || cohort.status === "draft" || cohort.status === "archived") return null;
  return { ...cohort, open: acceptsApplications(cohort.status as CohortStatus) };
}

async function openCohort(tx: Pick<Prisma.TransactionClient, "cohort">, cohortId: string) {
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { status: true } });
  if (!cohort || !acceptsApplications(cohort.status as CohortStatus)) throw new DomainError("apply.errors.closed");
}

/** A signed-in person applies; a declined or withdrawn application can be made again. */
export async function applyAsPerson(input: { cohortId: string; personId: string; request: Request; now: Date }): Promise<void> {
  try {
    await applyAsPersonOnce(input);
  } catch (error) {
    // The button pressed twice at once: the second meets the one-enrollment-per-cohort index.
    if (isUniqueViolation(error)) throw new DomainError("apply.errors.alreadyApplied");
    throw error;
  }
}

async function applyAsPersonOnce(input: { cohortId: string; personId: string; request: Request; now: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    await openCohort(tx, input.cohortId);
    const existing = await tx.enrollment.findUnique({
      where: { cohortId_personId: { cohortId: input.cohortId, personId: input.personId } },
      select: { id: true, status: true },
    });
    if (existing && existing.status !== "declined" && existing.status !== "withdrawn") throw new DomainError("apply.errors.alreadyApplied");
    if (existing) {
      await tx.enrollment.update({ where: { id: existing.id }, data: { source: "application", appliedAt: input.now } });
      await changeEnrollmentStatus(tx, existing, "applied", { actorId: input.personId, now: input.now });
      return;
    }
    const created = await tx.enrollment.create({
      data: { cohortId: input.cohortId, personId: input.personId, status: "applied", source: "application", appliedAt: input.now },
      select: { id: true },
    });
    await tx.enrollmentChange.create({ data: { enrollmentId: created.id, toStatus: "applied", actorId: input.personId, at: input.now } });
  });
}

export type NewcomerOutcome = { received: true } | { received: false; retryAfterMinutes: number };

/**
 * Someone not signed in applies. An unknown mobile number and e-mail get a
 * trainee account with the password chosen, marked unverified: a self-set
 * password proves nothing about who owns the number, so until staff accept an
 * application a roster import does not take the account for the person it
 * lists (docs/decisions/0011-applications-are-not-identity.md). A known
 * number or e-mail changes nothing. Either way the answer is the same and a
 * password is hashed, so neither the answer nor its timing tells whether the
 * number has an account; the throttle comes before the hashing.
 */
export async function applyAsNewcomer(input: { cohortId: string; application: ApplicationInput; request: Request; now: Date }): Promise<NewcomerOutcome> {
  const { application: a } = input;
  const check = checkPassword(a.password, a);
  if (!check.ok) throw new DomainError(passwordMessageKey(check.reason), "password");
  await openCohort(db, input.cohortId);
  const allowance = await reserveApplication(input.request, a.mobile, input.now);
  if (!allowance.allowed) return { received: false, retryAfterMinutes: allowance.retryAfterMinutes };
  const passwordHash = await hashPassword(a.password);
  try {
    await db.$transaction(async (tx) => {
      await openCohort(tx, input.cohortId);
      const known = await tx.person.count({ where: { OR: [{ mobile: a.mobile }, ...(a.email ? [{ email: a.email }] : [])] } });
      if (known > 0) return;
      const person = await tx.person.create({
        data: {
          name: a.name,
          mobile: a.mobile,
          email: a.email,
          passwordHash,
          status: "active",
          unverified: true,
          createdAt: input.now,
          roles: { create: { role: { connect: { key: "trainee" } } } },
          trainee: { create: { company: a.company, position: a.position, industry: a.industry, district: a.district, creditCode: a.creditCode } },
        },
        select: { id: true },
      });
      const enrollment = await tx.enrollment.create({
        data: { cohortId: input.cohortId, personId: person.id, status: "applied", source: "application", appliedAt: input.now },
        select: { id: true },
      });
      await tx.enrollmentChange.create({ data: { enrollmentId: enrollment.id, toStatus: "applied", actorId: person.id, at: input.now } });
      await recordAudit({ action: "person.created", actorId: person.id, targetType: "person", targetId: person.id, request: input.request, at: input.now, detail: { via: "application" } }, tx);
    });
  } catch (error) {
    // Two submissions at once met a unique index: the number or e-mail is known now, which changes nothing.
    if (!isUniqueViolation(error)) throw error;
  }
  return { received: true };
}
