// Lecturers (讲师): profiles of internal and guest lecturers, their photos, the
// account a lecturer signs in with, and the sessions a lecturer teaches.
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDay, formatTimeRange, localDate } from "~/utils/time.ts";
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";
import { detectFileType, fileTypes, photoFileTypes } from "~/modules/files/file-types.ts";
import { readStoredFile, removeIfUnreferenced, storedFileExists, storeFile } from "~/modules/files/file-storage.server.ts";
import type { LecturerInput, LecturerKind, TaughtSession, TeachingDay } from "./lecturers.ts";
import { checkUploadedFile, cleanFileName, type UploadedFile } from "~/modules/materials/materials.server.ts";
import { idsContaining, needsLikeEscape } from "~/utils/text-search.server.ts";
import { MAX_PHOTO_BYTES } from "~/modules/materials/materials.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can, canInCohorts, personScope } from "~/modules/accounts/authorization.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** Where the photo is served; the version changes with the profile so browsers fetch a new one. */
export const photoUrl = (lecturerId: string, updatedAt: Date) => `/lecturers/${lecturerId}/photo?v=${updatedAt.getTime()}`;

export type LecturerListRow = {
  id: string;
  name: string;
  title: string | null;
  organisation: string | null;
  region: string | null;
  kind: LecturerKind;
  photoUrl: string | null;
  accountName: string | null;
  sessionCount: number;
};

export async function listLecturers(filter: { search?: string; kind?: LecturerKind } = {}): Promise<LecturerListRow[]> {
  const search = filter.search?.trim();
  const rows = await db.lecturer.findMany({
    where: {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(search
        ? needsLikeEscape(search)
          ? { id: { in: await idsContaining(search, [{ table: "Lecturer", id: "id", columns: ["name", "organisation"] }]) } }
          : { OR: [{ name: { contains: search } }, { organisation: { contains: search } }] }
        : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      title: true,
      organisation: true,
      region: true,
      kind: true,
      photoPath: true,
      updatedAt: true,
      person: { select: { name: true } },
      _count: { select: { sessions: true } },
    },
    take: 500,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    title: row.title,
    organisation: row.organisation,
    region: row.region,
    kind: row.kind as LecturerKind,
    photoUrl: row.photoPath ? photoUrl(row.id, row.updatedAt) : null,
    accountName: row.person?.name ?? null,
    sessionCount: row._count.sessions,
  }));
}

/** All lecturers for a picker (module and session forms). */
export async function lecturerOptions(): Promise<{ id: string; name: string; title: string | null; organisation: string | null }[]> {
  return db.lecturer.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, title: true, organisation: true } });
}

const taughtSessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  kind: true,
  status: true,
  venue: { select: { name: true } },
  module: { select: { id: true, title: true, cohortId: true, track: { select: { key: true } }, cohort: { select: { title: true } } } },
} satisfies Prisma.SessionSelect;

function toTaughtSession(
  row: Prisma.SessionGetPayload<{ select: typeof taughtSessionSelect }>,
  timeZone: string,
  language: Language,
): TaughtSession {
  return {
    id: row.id,
    cohortId: row.module.cohortId,
    cohortTitle: row.module.cohort.title,
    moduleTitle: row.module.title,
    track: row.module.track.key as TrackKey,
    kind: row.kind as SessionKind,
    date: localDate(row.startsAt, timeZone),
    day: formatDay(row.startsAt, timeZone, language),
    time: formatTimeRange(row.startsAt, row.endsAt, timeZone),
    venueName: row.venue?.name ?? null,
    cancelled: row.status === "cancelled",
  };
}

/**
 * A lecturer's profile and sessions. The profile is shared by all cohorts; the
 * sessions listed are those of the cohorts in `cohorts` (what the reader may see).
 */
export async function getLecturer(
  lecturerId: string,
  view: { timeZone: string; language: Language; cohorts?: Prisma.CohortWhereInput },
) {
  const lecturer = await db.lecturer.findUnique({
    where: { id: lecturerId },
    select: {
      id: true,
      name: true,
      title: true,
      organisation: true,
      region: true,
      bio: true,
      kind: true,
      photoPath: true,
      updatedAt: true,
      person: { select: { id: true, name: true, email: true, mobile: true } },
    },
  });
  if (!lecturer) notFound();
  const sessions = await db.session.findMany({
    where: { lecturers: { some: { lecturerId } }, module: { cohort: view.cohorts ?? {} } },
    orderBy: { startsAt: "asc" },
    select: taughtSessionSelect,
    take: 200,
  });
  const { photoPath, ...profile } = lecturer;
  return {
    ...profile,
    kind: lecturer.kind as LecturerKind,
    photoUrl: photoPath ? photoUrl(lecturer.id, lecturer.updatedAt) : null,
    sessions: sessions.map((row) => toTaughtSession(row, view.timeZone, view.language)),
  };
}

export async function createLecturer(input: LecturerInput): Promise<{ id: string }> {
  return db.lecturer.create({ data: input, select: { id: true } });
}

export async function updateLecturer(lecturerId: string, input: LecturerInput): Promise<void> {
  const { count } = await db.lecturer.updateMany({ where: { id: lecturerId }, data: input });
  if (count === 0) notFound();
}

/** A JPEG or PNG of at most 2 MB, checked by its content; the old photo's file goes unless shared. */
export async function setLecturerPhoto(lecturerId: string, file: UploadedFile): Promise<void> {
  const lecturer = await db.lecturer.findUnique({ where: { id: lecturerId }, select: { photoPath: true } });
  if (!lecturer) notFound();
  checkUploadedFile(file, { accepted: photoFileTypes, maxBytes: MAX_PHOTO_BYTES, typeMessage: "faculty.errors.photoType" });
  const stored = await storeFile(file.bytes);
  await db.lecturer.update({ where: { id: lecturerId }, data: { photoPath: stored.storagePath } });
  if (!(await storedFileExists(stored.storagePath))) await storeFile(file.bytes);
  if (lecturer.photoPath && lecturer.photoPath !== stored.storagePath) await removeIfUnreferenced(lecturer.photoPath);
}

export async function removeLecturerPhoto(lecturerId: string): Promise<void> {
  const lecturer = await db.lecturer.findUnique({ where: { id: lecturerId }, select: { photoPath: true } });
  if (!lecturer) notFound();
  if (!lecturer.photoPath) return;
  await db.lecturer.update({ where: { id: lecturerId }, data: { photoPath: null } });
  await removeIfUnreferenced(lecturer.photoPath);
}

/** The photo as stored, or null when the lecturer has none (or its file is gone). */
export async function openLecturerPhoto(lecturerId: string) {
  const lecturer = await db.lecturer.findUnique({ where: { id: lecturerId }, select: { photoPath: true, name: true } });
  if (!lecturer?.photoPath) return null;
  const bytes = await readStoredFile(lecturer.photoPath).catch(() => null);
  if (!bytes) return null;
  // The type was checked on upload; the content says which of the two it is.
  const type = detectFileType(bytes) === "png" ? fileTypes.png : fileTypes.jpeg;
  return { body: new Uint8Array(bytes), size: bytes.byteLength, mimeType: type.mimeType, fileName: cleanFileName(`${lecturer.name}${type.extensions[0]}`) };
}

/**
 * Linking a profile to an account gives that account the profile's sessions,
 * materials and calendar feed in every cohort that uses it, and unlinking takes
 * them from the real lecturer. So it is scoped like every other change to a
 * person: admins link anything; cohort staff only a profile used in their own
 * cohorts alone (modules and sessions; an unused profile counts as theirs), and
 * only to or from an account within their cohorts that holds no staff-side
 * powers of its own.
 */
export type LinkContext = { actor: CurrentUser; request: Request; now: Date };

const linksAnything = (actor: CurrentUser) => can(actor, "update:curriculum", "any") && can(actor, "update:person", "any");

/** The accounts `actor` may link a profile to or unlink it from. */
function accountsInReach(actor: CurrentUser): Prisma.PersonWhereInput {
  if (linksAnything(actor)) return {};
  return { AND: [personScope(actor, "update:person"), { roles: { none: { role: { key: { in: ["admin", "staff"] } } } } }] };
}

async function mayChangeLink(tx: Prisma.TransactionClient, actor: CurrentUser, lecturerId: string): Promise<boolean> {
  if (linksAnything(actor)) return true;
  if (!canInCohorts(actor, "update:curriculum") || !canInCohorts(actor, "update:person")) return false;
  const notMine: Prisma.CohortWhereInput = { assignments: { none: { personId: actor.id } } };
  const [modules, sessions] = await Promise.all([
    tx.moduleLecturer.count({ where: { lecturerId, module: { cohort: notMine } } }),
    tx.sessionLecturer.count({ where: { lecturerId, session: { module: { cohort: notMine } } } }),
  ]);
  return modules + sessions === 0;
}

async function assertMayChangeLink(tx: Prisma.TransactionClient, actor: CurrentUser, lecturerId: string): Promise<void> {
  if (!(await mayChangeLink(tx, actor, lecturerId))) throw new DomainError("faculty.errors.linkNeedsAdmin");
}

async function assertAccountInReach(tx: Prisma.TransactionClient, actor: CurrentUser, personId: string): Promise<void> {
  if (linksAnything(actor)) return;
  const found = await tx.person.count({ where: { AND: [{ id: personId }, accountsInReach(actor)] } });
  if (found === 0) throw new DomainError("faculty.errors.accountOutOfReach", "personId");
}

/**
 * What the profile page offers `actor` for the account link: whether they may
 * change it, and the accounts they may link it to (active or invited
 * instructors within their reach, not linked to another profile).
 */
export async function accountLinkOptions(
  actor: CurrentUser,
  lecturerId: string,
): Promise<{ canLink: boolean; accounts: { id: string; name: string; login: string | null }[] }> {
  if (!(await mayChangeLink(db, actor, lecturerId))) return { canLink: false, accounts: [] };
  return { canLink: true, accounts: await linkableAccounts(actor) };
}

export async function linkableAccounts(actor: CurrentUser): Promise<{ id: string; name: string; login: string | null }[]> {
  const people = await db.person.findMany({
    where: {
      AND: [
        { roles: { some: { role: { key: "instructor" } } }, lecturer: { is: null }, status: { not: "deactivated" } },
        accountsInReach(actor),
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, mobile: true },
    take: 500,
  });
  return people.map((person) => ({ id: person.id, name: person.name, login: person.email ?? person.mobile }));
}

export async function linkLecturerAccount(lecturerId: string, personId: string, { actor, request, now }: LinkContext): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const lecturer = await tx.lecturer.findUnique({ where: { id: lecturerId }, select: { personId: true } });
      if (!lecturer) notFound();
      await assertMayChangeLink(tx, actor, lecturerId);
      await assertAccountInReach(tx, actor, personId);
      if (lecturer.personId === personId) return;
      // Linking over another account would unlink it without saying so: that is done first, on its own.
      if (lecturer.personId) throw new DomainError("faculty.errors.profileLinked", "personId");
      const person = await tx.person.findUnique({
        where: { id: personId },
        select: { status: true, roles: { select: { role: { select: { key: true } } } }, lecturer: { select: { id: true } } },
      });
      if (!person || person.status === "deactivated" || !person.roles.some(({ role }) => role.key === "instructor")) {
        throw new DomainError("faculty.errors.accountNotInstructor", "personId");
      }
      if (person.lecturer) throw new DomainError("faculty.errors.accountTaken", "personId");
      await tx.lecturer.update({ where: { id: lecturerId }, data: { personId } });
      await recordAudit({ action: "lecturer.account_linked", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { lecturerId } }, tx);
    });
  } catch (error) {
    // Two profiles linked to one account at the same moment: the unique index stops the second.
    if (isUniqueViolation(error)) throw new DomainError("faculty.errors.accountTaken", "personId");
    throw error;
  }
}

export async function unlinkLecturerAccount(lecturerId: string, { actor, request, now }: LinkContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const lecturer = await tx.lecturer.findUnique({ where: { id: lecturerId }, select: { personId: true } });
    if (!lecturer) notFound();
    await assertMayChangeLink(tx, actor, lecturerId);
    if (!lecturer.personId) return;
    await assertAccountInReach(tx, actor, lecturer.personId);
    await tx.lecturer.update({ where: { id: lecturerId }, data: { personId: null } });
    await recordAudit({ action: "lecturer.account_unlinked", actorId: actor.id, targetType: "person", targetId: lecturer.personId, request, at: now, detail: { lecturerId } }, tx);
  });
}

function byDay(sessions: TaughtSession[]): TeachingDay[] {
  const days: TeachingDay[] = [];
  for (const session of sessions) {
    const last = days.at(-1);
    if (last?.date === session.date) last.sessions.push(session);
    else days.push({ date: session.date, day: session.day, sessions: [session] });
  }
  return days;
}

/**
 * "我的授课": the sessions of the lecturer profile linked to `personId`, the
 * coming ones (and those under way) first in time order, then the past ones,
 * most recent first, each grouped by day in the academy's time zone.
 */
export async function getTeachingSchedule(input: {
  personId: string;
  now: Date;
  timeZone: string;
  language: Language;
}): Promise<{ lecturer: { id: string; name: string } | null; upcoming: TeachingDay[]; past: TeachingDay[] }> {
  const lecturer = await db.lecturer.findUnique({ where: { personId: input.personId }, select: { id: true, name: true } });
  if (!lecturer) return { lecturer: null, upcoming: [], past: [] };
  const mine = { lecturers: { some: { lecturerId: lecturer.id } } } satisfies Prisma.SessionWhereInput;
  const [upcoming, past] = await Promise.all([
    db.session.findMany({ where: { ...mine, endsAt: { gt: input.now } }, orderBy: { startsAt: "asc" }, select: taughtSessionSelect, take: 200 }),
    db.session.findMany({ where: { ...mine, endsAt: { lte: input.now } }, orderBy: { startsAt: "desc" }, select: taughtSessionSelect, take: 100 }),
  ]);
  const view = (rows: typeof upcoming) => byDay(rows.map((row) => toTaughtSession(row, input.timeZone, input.language)));
  return { lecturer, upcoming: view(upcoming), past: view(past) };
}
