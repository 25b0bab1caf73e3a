// Roster import, the database side: what a sheet would do to a cohort (the
// preview) and doing it, all rows in one transaction or none.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { issueInvitation } from "~/modules/accounts/invitations.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { seatHoldingStatuses, type CohortStatus, type EnrollmentStatus } from "~/modules/cohorts/cohorts.ts";
import { lockCohortSeats } from "~/modules/cohorts/seats.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import type { RosterIssue, RosterRow } from "./roster.ts";
import { validateRosterRows } from "./roster-rows.server.ts";
import { readRosterFile } from "./spreadsheet.server.ts";

type Tx = Prisma.TransactionClient;
type ProfileField = "name" | "company" | "position" | "industry" | "district" | "creditCode" | "email";
const comparedFields: ProfileField[] = ["name", "company", "position", "industry", "district", "creditCode", "email"];

export type KnownPersonChange = { field: ProfileField; from: string | null; to: string | null };

export type ImportPreview = {
  fileName: string;
  rowsRead: number;
  issues: RosterIssue[];
  newPeople: RosterRow[];
  knownPeople: { row: RosterRow; personId: string; changes: KnownPersonChange[] }[];
  seatsAvailable: number;
};

const closedStatuses: readonly CohortStatus[] = ["completed", "archived"];
// Bounded IN lists: PostgreSQL and SQLite both cap the number of bound parameters.
const CHUNK = 500;

async function inChunks<T, R>(items: T[], work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) results.push(...(await work(items.slice(i, i + CHUNK))));
  return results;
}

/** The checks that need the database: people already known, already enrolled, e-mails in use, seats. */
async function classify(tx: Tx, cohortId: string, rows: RosterRow[]) {
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
        trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
        enrollments: { where: { cohortId }, select: { status: true } },
      },
    }),
  );
  const byMobile = new Map(people.map((p) => [p.mobile!, p]));
  const emails = rows.map((r) => r.email).filter((e): e is string => Boolean(e));
  const emailOwners = new Map(
    (await inChunks(emails, (chunk) => tx.person.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true } }))).map((p) => [p.email!, p.id]),
  );
  const seated = await tx.enrollment.count({ where: { cohortId, status: { in: [...seatHoldingStatuses] } } });
  const seatsAvailable = Math.max(0, cohort.capacity - seated);

  const newPeople: RosterRow[] = [];
  const knownPeople: ImportPreview["knownPeople"] = [];
  let seatsWanted = 0;
  for (const row of rows) {
    const known = byMobile.get(row.mobile);
    const enrolledHere = known?.enrollments.some((e) => seatHoldingStatuses.includes(e.status as EnrollmentStatus));
    if (enrolledHere) {
      issues.push({ rowNumber: row.rowNumber, column: "mobile", messageKey: "roster.errors.alreadyEnrolled", value: row.mobile });
      continue;
    }
    const emailOwner = row.email ? emailOwners.get(row.email) : undefined;
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
  return { issues, newPeople, knownPeople, seatsAvailable };
}

/** File-level problems first, then by row, as the sheet reads. */
const byRow = (issues: RosterIssue[]) => issues.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));

/** Reads and checks a sheet against the cohort without writing anything. */
export async function previewRosterImport(input: { cohortId: string; fileName: string; bytes: Uint8Array }): Promise<ImportPreview> {
  const read = await readRosterFile({ fileName: input.fileName, bytes: input.bytes });
  if (!read.ok) return { fileName: input.fileName, rowsRead: 0, issues: [read.issue], newPeople: [], knownPeople: [], seatsAvailable: 0 };
  const { valid, issues } = validateRosterRows(read.rows);
  const classified = await classify(db, input.cohortId, valid);
  return {
    fileName: input.fileName,
    rowsRead: read.rows.length,
    ...classified,
    issues: byRow([...issues, ...classified.issues]),
  };
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
  actorId: string;
  request: Request;
  now: Date;
}): Promise<CommitResult> {
  const read = await readRosterFile({ fileName: input.fileName, bytes: input.bytes });
  if (!read.ok) return { ok: false, preview: { fileName: input.fileName, rowsRead: 0, issues: [read.issue], newPeople: [], knownPeople: [], seatsAvailable: 0 } };
  const { valid, issues: rowIssues } = validateRosterRows(read.rows);
  const { now, actorId, cohortId } = input;
  return db.$transaction(
    async (tx): Promise<CommitResult> => {
      await lockCohortSeats(tx, cohortId, now);
      const classified = await classify(tx, cohortId, valid);
      const issues = byRow([...rowIssues, ...classified.issues]);
      if (issues.length || valid.length === 0) {
        return { ok: false, preview: { fileName: input.fileName, rowsRead: read.rows.length, ...classified, issues } };
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
        await tx.traineeProfile.createMany({
          data: chunk.map((p) => {
            const r = rowsByMobile.get(p.mobile!)!;
            return { personId: p.id, company: r.company, position: r.position, industry: r.industry, district: r.district, creditCode: r.creditCode };
          }),
        });
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
            create: { personId, company: row.company, position: row.position, industry: row.industry, district: row.district, creditCode: row.creditCode },
          });
        }
      }
      // Someone known to Academy in another role (a county federation officer joining a class) becomes a trainee too.
      const knownIds = classified.knownPeople.map((k) => k.personId);
      const alreadyTrainees = new Set(
        (await inChunks(knownIds, (ids) => tx.personRole.findMany({ where: { personId: { in: ids }, roleId: traineeRole.id }, select: { personId: true } }))).map((r) => r.personId),
      );
      const newTrainees = knownIds.filter((id) => !alreadyTrainees.has(id));
      if (newTrainees.length) await tx.personRole.createMany({ data: newTrainees.map((personId) => ({ personId, roleId: traineeRole.id })) });

      // Known people may be applicants or former trainees of this cohort: their enrollment is reused.
      const existing = await inChunks(knownIds, (ids) =>
        tx.enrollment.findMany({ where: { cohortId, personId: { in: ids } }, select: { id: true, status: true, personId: true } }),
      );
      for (const enrollment of existing) {
        await tx.enrollment.update({ where: { id: enrollment.id }, data: { status: "enrolled", source: "import", enrolledAt: now, reason: null, waitlistRank: null } });
        await tx.enrollmentChange.create({ data: { enrollmentId: enrollment.id, fromStatus: enrollment.status, toStatus: "enrolled", actorId, at: now } });
      }
      const reused = new Set(existing.map((e) => e.personId));
      const toEnrol = [...created.map((p) => p.id), ...knownIds.filter((id) => !reused.has(id))];
      const enrollments = await inChunks(toEnrol, (ids) =>
        tx.enrollment.createManyAndReturn({
          data: ids.map((personId) => ({ cohortId, personId, status: "enrolled", source: "import", enrolledAt: now, createdAt: now })),
          select: { id: true },
        }),
      );
      await inChunks(enrollments, async (chunk) => {
        await tx.enrollmentChange.createMany({ data: chunk.map((e) => ({ enrollmentId: e.id, toStatus: "enrolled", actorId, at: now })) });
        return [];
      });
      const result = { created: created.length, enrolled: valid.length, updated: classified.knownPeople.filter((k) => k.changes.length).length };
      await recordAudit({ action: "roster.imported", actorId, targetType: "cohort", targetId: cohortId, request: input.request, at: now, detail: { file: input.fileName, ...result } }, tx);
      return { ok: true, ...result };
    },
    { timeout: 120_000, maxWait: 10_000 },
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
 * had by issuing anew; the codes handed out before stop working.
 */
export async function issueCohortActivationCodes(input: { cohortId: string; actorId: string; request: Request; now: Date }) {
  return db.$transaction(
    async (tx) => {
      const people = await tx.person.findMany({
        where: { status: "invited", enrollments: { some: { cohortId: input.cohortId, status: { in: [...seatHoldingStatuses] } } } },
        orderBy: { name: "asc" },
        select: { id: true, name: true, mobile: true },
      });
      const issued = [];
      for (const person of people) {
        issued.push({ ...person, ...(await issueInvitation(tx, { personId: person.id, createdById: input.actorId, now: input.now })) });
      }
      await recordAudit({ action: "roster.codes_issued", actorId: input.actorId, targetType: "cohort", targetId: input.cohortId, request: input.request, at: input.now, detail: { count: issued.length } }, tx);
      return issued;
    },
    { timeout: 120_000 },
  );
}
