// Roster import, the database side: what a sheet would do to a cohort (the
// preview) and doing it, all rows in one transaction or none.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { revokeAllSessions } from "~/modules/accounts/auth-session.server.ts";
import { issueInvitation } from "~/modules/accounts/invitations.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { seatHoldingStatuses, type CohortStatus, type EnrollmentStatus } from "~/modules/cohorts/cohorts.ts";
import { changeEnrollmentStatus } from "~/modules/cohorts/enrollment.server.ts";
import { joiningAttendanceFrom, sessionsStarted } from "~/modules/cohorts/attendance-from.server.ts";
import { lockCohortSeats } from "~/modules/cohorts/seats.server.ts";
import { assertRunsCohort, codeRecipients, traineeOnly, traineesWithinReach, type Actor } from "~/modules/people/reach.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import type { RosterIssue, RosterRow } from "./roster.ts";
import { validateRosterRows } from "./roster-rows.server.ts";
import { readRosterFile } from "./spreadsheet.server.ts";

type Tx = Prisma.TransactionClient;
type ProfileField = "name" | "company" | "position" | "industry" | "district" | "creditCode" | "email";
const comparedFields: ProfileField[] = ["name", "company", "position", "industry", "district", "creditCode", "email"];

export type KnownPersonChange = { field: ProfileField; from: string | null; to: string | null };

/**
 * Known people whose details the import leaves alone (in cohorts the importer
 * does not run) or resets (an account made by applying that staff have not
 * accepted): said in the preview, without their current details.
 */
export type AccountNote = { rowNumber: number; name: string; note: "outsideScope" | "resetsApplicant" };

export type ImportPreview = {
  fileName: string;
  rowsRead: number;
  issues: RosterIssue[];
  newPeople: RosterRow[];
  knownPeople: { row: RosterRow; personId: string; changes: KnownPersonChange[] }[];
  accountNotes: AccountNote[];
  seatsAvailable: number;
  /** Sessions of the cohort already begun: the newcomers' attendance counts from the import unless staff choose the start. */
  sessionsStarted: number;
};

const closedStatuses: readonly CohortStatus[] = ["completed", "archived"];
// Bounded IN lists: PostgreSQL and SQLite both cap the number of bound parameters.
const CHUNK = 500;

async function inChunks<T, R>(items: T[], work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) results.push(...(await work(items.slice(i, i + CHUNK))));
  return results;
}

const emptyPreview = (fileName: string, issue: RosterIssue): ImportPreview => ({
  fileName,
  rowsRead: 0,
  sessionsStarted: 0,
  issues: [issue],
  newPeople: [],
  knownPeople: [],
  accountNotes: [],
  seatsAvailable: 0,
});

/**
 * The checks that need the database: people already known, already enrolled,
 * e-mails in use, seats. A known mobile number is one person, not two, but
 * the importer sees and changes only what is theirs: accounts with any role
 * beside trainee are refused, trainees outside the importer's cohorts are
 * enrolled with their details untouched and unseen, and an account made by
 * applying that staff have not accepted is reset for the person the sheet
 * names (see reach.server.ts and docs/decisions/0011).
 */
async function classify(tx: Tx, actor: Actor, cohortId: string, rows: RosterRow[]) {
  const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { capacity: true, status: true } });
  const issues: RosterIssue[] = [];
  if (closedStatuses.includes(cohort.status as CohortStatus)) {
    issues.push({ rowNumber: null, column: null, messageKey: "roster.errors.file.cohortClosed" });
  }
  const people = await inChunks(rows.map((r) => r.mobile), (mobiles) =>
    tx.person.findMany({
      where: { mobile: { in: mobiles } },
      select: {
        id: true,
        name: true,
        mobile: true,
        email: true,
        unverified: true,
        trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
        enrollments: { where: { cohortId }, select: { status: true } },
      },
    }),
  );
  const byMobile = new Map(people.map((p) => [p.mobile!, p]));
  const knownIds = people.map((p) => p.id);
  const idsWhere = (where: Prisma.PersonWhereInput) =>
    inChunks(knownIds, async (ids) => (await tx.person.findMany({ where: { AND: [{ id: { in: ids } }, where] }, select: { id: true } })).map((p) => p.id));
  const trainees = new Set(await idsWhere(traineeOnly));
  const withinReach = new Set(await idsWhere(traineesWithinReach(actor)));
  const emails = rows.map((r) => r.email).filter((e): e is string => Boolean(e));
  const emailOwners = new Map(
    (await inChunks(emails, (chunk) => tx.person.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true } }))).map((p) => [p.email!, p.id]),
  );
  const seated = await tx.enrollment.count({ where: { cohortId, status: { in: [...seatHoldingStatuses] } } });
  const seatsAvailable = Math.max(0, cohort.capacity - seated);

  const newPeople: RosterRow[] = [];
  const knownPeople: ImportPreview["knownPeople"] = [];
  const accountNotes: AccountNote[] = [];
  const resets: { personId: string; row: RosterRow }[] = [];
  let seatsWanted = 0;
  for (const row of rows) {
    const known = byMobile.get(row.mobile);
    if (known && !trainees.has(known.id)) {
      issues.push({ rowNumber: row.rowNumber, column: "mobile", messageKey: "roster.errors.notATrainee", value: row.mobile });
      continue;
    }
    const enrolledHere = known?.enrollments.some((e) => seatHoldingStatuses.includes(e.status as EnrollmentStatus));
    if (enrolledHere) {
      issues.push({ rowNumber: row.rowNumber, column: "mobile", messageKey: "roster.errors.alreadyEnrolled", value: row.mobile });
      continue;
    }
    const access = !known ? "new" : known.unverified ? "reset" : withinReach.has(known.id) ? "full" : "outside";
    // Outside the importer's reach the e-mail is not written, so it is not compared either (that would tell it).
    const emailOwner = row.email && access !== "outside" ? emailOwners.get(row.email) : undefined;
    if (emailOwner && emailOwner !== known?.id) {
      issues.push({ rowNumber: row.rowNumber, column: "email", messageKey: "roster.errors.emailTaken", value: row.email! });
      continue;
    }
    seatsWanted += 1;
    if (seatsWanted > seatsAvailable) {
      issues.push({ rowNumber: row.rowNumber, column: null, messageKey: "roster.errors.overCapacity", value: String(seatsAvailable) });
      continue;
    }
    if (!known) {
      newPeople.push(row);
      continue;
    }
    if (access !== "full") {
      knownPeople.push({ row, personId: known.id, changes: [] });
      accountNotes.push({ rowNumber: row.rowNumber, name: row.name, note: access === "reset" ? "resetsApplicant" : "outsideScope" });
      if (access === "reset") resets.push({ personId: known.id, row });
      continue;
    }
    const current: Record<ProfileField, string | null> = {
      name: known.name,
      email: known.email,
      company: known.trainee?.company ?? null,
      position: known.trainee?.position ?? null,
      industry: known.trainee?.industry ?? null,
      district: known.trainee?.district ?? null,
      creditCode: known.trainee?.creditCode ?? null,
    };
    // An empty cell keeps what Academy knows; a filled one replaces it.
    const changes = comparedFields
      .filter((field) => row[field] !== null && row[field] !== current[field])
      .map((field) => ({ field, from: current[field], to: row[field] }));
    knownPeople.push({ row, personId: known.id, changes });
  }
  return { preview: { issues, newPeople, knownPeople, accountNotes, seatsAvailable }, resets };
}

/** File-level problems first, then by row, as the sheet reads. */
const byRow = (issues: RosterIssue[]) => issues.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));

/** Reads and checks a sheet against the cohort without writing anything. */
export async function previewRosterImport(input: { cohortId: string; fileName: string; bytes: Uint8Array; actor: Actor; now?: Date }): Promise<ImportPreview> {
  await assertRunsCohort(db, input.actor, input.cohortId);
  const read = await readRosterFile({ fileName: input.fileName, bytes: input.bytes });
  if (!read.ok) return emptyPreview(input.fileName, read.issue);
  const { valid, issues } = validateRosterRows(read.rows);
  const [{ preview }, started] = await Promise.all([classify(db, input.actor, input.cohortId, valid), sessionsStarted(input.cohortId, input.now ?? new Date())]);
  return { fileName: input.fileName, rowsRead: read.rows.length, ...preview, sessionsStarted: started, issues: byRow([...issues, ...preview.issues]) };
}

export type CommitResult = { ok: true; created: number; enrolled: number; updated: number } | { ok: false; preview: ImportPreview };

/**
 * Enrols every row of the sheet, or nothing: the checks run again inside the
 * transaction (the roster may have changed since the preview) and any problem
 * rolls it all back. New people are created as invited trainees.
 */
export async function commitRosterImport(input: {
  cohortId: string;
  fileName: string;
  bytes: Uint8Array;
  actor: Actor;
  request: Request;
  now: Date;
  /** Count the newcomers' attendance from the cohort's start even though it has begun (a sheet entered late). */
  countFromStart?: boolean;
}): Promise<CommitResult> {
  await assertRunsCohort(db, input.actor, input.cohortId);
  const read = await readRosterFile({ fileName: input.fileName, bytes: input.bytes });
  if (!read.ok) return { ok: false, preview: emptyPreview(input.fileName, read.issue) };
  const { valid, issues: rowIssues } = validateRosterRows(read.rows);
  const { now, actor, cohortId } = input;
  const actorId = actor.id;
  return db.$transaction(
    async (tx): Promise<CommitResult> => {
      await lockCohortSeats(tx, cohortId, now);
      const { preview: classified, resets } = await classify(tx, actor, cohortId, valid);
      const issues = byRow([...rowIssues, ...classified.issues]);
      if (issues.length || valid.length === 0) {
        return { ok: false, preview: { fileName: input.fileName, rowsRead: read.rows.length, ...classified, sessionsStarted: await sessionsStarted(cohortId, now, tx), issues } };
      }
      const traineeRole = await tx.role.findUniqueOrThrow({ where: { key: "trainee" }, select: { id: true } });
      const created = await inChunks(classified.newPeople, (rows) =>
        tx.person.createManyAndReturn({
          data: rows.map((r) => ({ name: r.name, mobile: r.mobile, email: r.email, status: "invited", createdAt: now })),
          select: { id: true, mobile: true },
        }),
      );
      const rowsByMobile = new Map(classified.newPeople.map((r) => [r.mobile, r]));
      await inChunks(created, async (chunk) => {
        await tx.traineeProfile.createMany({ data: chunk.map((p) => ({ personId: p.id, ...profileOf(rowsByMobile.get(p.mobile!)!) })) });
        await tx.personRole.createMany({ data: chunk.map((p) => ({ personId: p.id, roleId: traineeRole.id })) });
        return [];
      });

      for (const { row, personId, changes } of classified.knownPeople) {
        if (!changes.length) continue;
        const set = Object.fromEntries(changes.map((c) => [c.field, c.to])) as Partial<Record<ProfileField, string | null>>;
        const { name, email, ...profile } = set;
        if (name !== undefined || email !== undefined) await tx.person.update({ where: { id: personId }, data: { ...(name ? { name } : {}), ...(email !== undefined ? { email } : {}) } });
        if (Object.keys(profile).length) {
          await tx.traineeProfile.upsert({
            where: { personId },
            update: { ...profile, company: profile.company ?? undefined },
            create: { personId, ...profileOf(row) },
          });
        }
      }
      for (const reset of resets) await resetSelfMadeAccount(tx, { ...reset, cohortId, actorId, request: input.request, now });

      // Known people may be applicants or former trainees of this cohort: their enrollment is reused.
      const knownIds = classified.knownPeople.map((k) => k.personId);
      const attendanceFrom = await joiningAttendanceFrom(tx, cohortId, now, input.countFromStart === true);
      const existing = await inChunks(knownIds, (ids) =>
        tx.enrollment.findMany({ where: { cohortId, personId: { in: ids } }, select: { id: true, status: true, personId: true } }),
      );
      for (const enrollment of existing) {
        await tx.enrollment.update({ where: { id: enrollment.id }, data: { status: "enrolled", source: "import", enrolledAt: now, attendanceFrom, reason: null, waitlistRank: null } });
        await tx.enrollmentChange.create({ data: { enrollmentId: enrollment.id, fromStatus: enrollment.status, toStatus: "enrolled", actorId, at: now } });
      }
      const reused = new Set(existing.map((e) => e.personId));
      const toEnrol = [...created.map((p) => p.id), ...knownIds.filter((id) => !reused.has(id))];
      const enrollments = await inChunks(toEnrol, (ids) =>
        tx.enrollment.createManyAndReturn({
          data: ids.map((personId) => ({ cohortId, personId, status: "enrolled", source: "import", enrolledAt: now, attendanceFrom, createdAt: now })),
          select: { id: true },
        }),
      );
      await inChunks(enrollments, async (chunk) => {
        await tx.enrollmentChange.createMany({ data: chunk.map((e) => ({ enrollmentId: e.id, toStatus: "enrolled", actorId, at: now })) });
        return [];
      });
      const updated = classified.knownPeople.filter((k) => k.changes.length).length + resets.length;
      const result = { created: created.length, enrolled: valid.length, updated };
      const detail = { file: input.fileName, ...result, ...(attendanceFrom ? { attendanceFrom: attendanceFrom.toISOString() } : {}) };
      await recordAudit({ action: "roster.imported", actorId, targetType: "cohort", targetId: cohortId, request: input.request, at: now, detail }, tx);
      return { ok: true, ...result };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

const profileOf = (r: RosterRow) => ({ company: r.company, position: r.position, industry: r.industry, district: r.district, creditCode: r.creditCode });

/**
 * An account made by applying, matched by the sheet before staff accepted it:
 * the password its maker chose stops working, its sessions end, the sheet's
 * details replace what was typed, and its other open applications are
 * withdrawn. It is then invited like a new trainee, so the activation code
 * (from staff, to the number on the sheet) decides who owns it.
 */
async function resetSelfMadeAccount(
  tx: Tx,
  input: { personId: string; row: RosterRow; cohortId: string; actorId: string; request: Request; now: Date },
) {
  const { personId, row, now } = input;
  await tx.person.update({ where: { id: personId }, data: { name: row.name, email: row.email, passwordHash: null, status: "invited", unverified: false } });
  await tx.traineeProfile.upsert({ where: { personId }, update: profileOf(row), create: { personId, ...profileOf(row) } });
  await tx.invitation.updateMany({ where: { personId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const ended = await revokeAllSessions(tx, personId, now);
  const elsewhere = await tx.enrollment.findMany({ where: { personId, status: "applied", cohortId: { not: input.cohortId } }, select: { id: true, status: true } });
  for (const enrollment of elsewhere) {
    await changeEnrollmentStatus(tx, enrollment, "withdrawn", { actorId: input.actorId, now, reason: "enrollment.reasons.applicationVoided" });
  }
  await recordAudit(
    { action: "person.updated", actorId: input.actorId, targetType: "person", targetId: personId, request: input.request, at: now, detail: { via: "roster", reset: true, sessionsEnded: ended, applicationsWithdrawn: elsewhere.length } },
    tx,
  );
}

// Uploaded sheets wait here between preview and commit, named by cohort and a random id.
const uploadsDir = () => path.join(projectRoot, "data", "imports");
const uploadName = /^[0-9a-f-]{36}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function storeUpload(cohortId: string, fileName: string, bytes: Uint8Array, now = new Date()): string {
  const dir = uploadsDir();
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (now.getTime() - statSync(file).mtimeMs > DAY_MS) rmSync(file, { force: true });
  }
  const id = randomUUID();
  writeFileSync(path.join(dir, `${cohortId}.${id}`), Buffer.concat([Buffer.from(`${encodeURIComponent(fileName)}\n`), bytes]));
  return id;
}

export function loadUpload(cohortId: string, id: string): { fileName: string; bytes: Uint8Array } | null {
  if (!uploadName.test(id) || !/^[a-z0-9]+$/i.test(cohortId)) return null;
  try {
    const raw = readFileSync(path.join(uploadsDir(), `${cohortId}.${id}`));
    const newline = raw.indexOf(10);
    return { fileName: decodeURIComponent(raw.subarray(0, newline).toString("utf8")), bytes: raw.subarray(newline + 1) };
  } catch {
    return null;
  }
}

export function discardUpload(cohortId: string, id: string): void {
  if (uploadName.test(id) && /^[a-z0-9]+$/i.test(cohortId)) rmSync(path.join(uploadsDir(), `${cohortId}.${id}`), { force: true });
}

/**
 * New activation codes for everyone in the cohort who has not activated yet,
 * for staff to hand out. Codes are stored only as hashes, so a list can only be
 * had by issuing anew; the codes handed out before stop working. Only for
 * never-activated trainees within the actor's reach (codeRecipients): a code
 * for anyone else would hand the actor their account.
 */
export async function issueCohortActivationCodes(input: { cohortId: string; actor: Actor; request: Request; now: Date }) {
  await assertRunsCohort(db, input.actor, input.cohortId);
  return db.$transaction(
    async (tx) => {
      const people = await tx.person.findMany({
        where: {
          AND: [{ enrollments: { some: { cohortId: input.cohortId, status: { in: [...seatHoldingStatuses] } } } }, codeRecipients(input.actor)],
        },
        orderBy: { name: "asc" },
        select: { id: true, name: true, mobile: true },
      });
      const issued = [];
      for (const person of people) {
        issued.push({ ...person, ...(await issueInvitation(tx, { personId: person.id, createdById: input.actor.id, now: input.now })) });
      }
      await recordAudit({ action: "roster.codes_issued", actorId: input.actor.id, targetType: "cohort", targetId: input.cohortId, request: input.request, at: input.now, detail: { count: issued.length } }, tx);
      return issued;
    },
    { timeout: 120_000 },
  );
}
