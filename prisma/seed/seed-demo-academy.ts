// Writes the demo academy planned in demo-data.ts into an empty database, in
// one transaction so that a failure leaves nothing behind. Bulk inserts keep the
// demo itself to a few dozen statements on SQLite and PostgreSQL alike.
import { hashPassword } from "../../app/modules/accounts/password.server.ts";
import { ensureRolesAndPermissions } from "../../app/modules/accounts/permissions.server.ts";
import type { RoleKey } from "../../app/modules/accounts/roles.ts";
import type { Db, Prisma } from "../../app/utils/db.server.ts";
import { DEMO_TRAINEE_PASSWORD, DEMO_VIEWER_ORGANISATION, demoAdmin, demoInstructor, demoStaff, demoViewer } from "./demo-logins.ts";
import { addDays } from "../../app/utils/time.ts";
import { seedDemoMaterials } from "./demo-materials.ts";
import { seedDemoSeals } from "./demo-seals.ts";
import { INSTRUCTOR_LECTURER_KEY, planDemoAcademy, type Actor, type DemoAcademyPlan } from "./demo-data.ts";

export type SeedCounts = { cohorts: number; trainees: number; sessions: number; attendances: number };

export class DatabaseNotEmptyError extends Error {
  constructor(people: number) {
    super(`The demo academy is only seeded into an empty database; this one already has ${people} people.`);
    this.name = "DatabaseNotEmptyError";
  }
}

type Tx = Prisma.TransactionClient;
type PasswordHashes = { admin: string; staff: string; instructor: string; trainee: string; viewer: string };

export async function seedDemoAcademy(db: Db, options: { anchorDate: string }): Promise<SeedCounts> {
  const plan = planDemoAcademy(options.anchorDate);
  // Hashed before the transaction opens: Argon2 is slow on purpose, and SQLite
  // holds its write lock for as long as the transaction lasts. One hash serves all trainees.
  const [admin, staff, instructor, trainee, viewer] = await Promise.all([
    hashPassword(demoAdmin.password),
    hashPassword(demoStaff.password),
    hashPassword(demoInstructor.password),
    hashPassword(DEMO_TRAINEE_PASSWORD),
    hashPassword(demoViewer.password),
  ]);
  const hashes: PasswordHashes = { admin, staff, instructor, trainee, viewer };

  return db.$transaction(
    async (tx) => {
      const people = await tx.person.count();
      if (people > 0) throw new DatabaseNotEmptyError(people);
      await ensureRolesAndPermissions(tx);
      return writePlan(tx, plan, hashes, options.anchorDate);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function lookup<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo seed: no ${what} for ${String(key)}`);
  return value;
}

async function writePlan(tx: Tx, plan: DemoAcademyPlan, hashes: PasswordHashes, anchorDate: string): Promise<SeedCounts> {
  const roleIds = new Map(
    (await tx.role.findMany({ select: { id: true, key: true } })).map((role) => [role.key, role.id]),
  );
  const roleId = (key: RoleKey) => lookup(roleIds, key, "role");

  const academy = await tx.academy.create({ data: plan.academy, select: { id: true } });

  // Tracks have stable keys and may already have been created by a migration.
  const trackIds = new Map<string, string>();
  for (const track of plan.tracks) {
    const row = await tx.track.upsert({ where: { key: track.key }, update: {}, create: track, select: { id: true } });
    trackIds.set(track.key, row.id);
  }

  const organisations = await tx.organisation.createManyAndReturn({
    data: plan.organisations.map(({ key: _key, ...organisation }) => organisation),
    select: { id: true, name: true, kind: true },
  });
  await seedDemoSeals(tx, organisations);
  const organisationIdByName = new Map(organisations.map((row) => [row.name, row.id]));
  const organisationIds = new Map(
    plan.organisations.map((organisation) => [
      organisation.key,
      lookup(organisationIdByName, organisation.name, "organisation"),
    ]),
  );

  const venues = await tx.venue.createManyAndReturn({
    data: plan.venues.map(({ key: _key, ...venue }) => venue),
    select: { id: true, name: true },
  });
  const venueIdByName = new Map(venues.map((row) => [row.name, row.id]));
  const venueIds = new Map(plan.venues.map((venue) => [venue.key, lookup(venueIdByName, venue.name, "venue")]));

  // People: three staff-side accounts and the county federation's viewer, then the trainees in roster order.
  const accounts = [
    { login: demoAdmin, role: "admin", passwordHash: hashes.admin },
    { login: demoStaff, role: "staff", passwordHash: hashes.staff },
    { login: demoInstructor, role: "instructor", passwordHash: hashes.instructor },
    { login: demoViewer, role: "viewer", passwordHash: hashes.viewer },
  ] as const;
  const people = await tx.person.createManyAndReturn({
    data: [
      ...accounts.map(({ login, passwordHash }) => ({
        name: login.name,
        email: login.login,
        passwordHash,
        status: "active",
      })),
      ...plan.trainees.map((trainee) => ({
        name: trainee.name,
        mobile: trainee.mobile,
        passwordHash: hashes.trainee,
        status: "active",
      })),
    ],
    select: { id: true, email: true, mobile: true },
  });
  const personIdByEmail = new Map(
    people.flatMap((person) => (person.email ? [[person.email, person.id] as const] : [])),
  );
  const traineeIds = new Map(people.flatMap((person) => (person.mobile ? [[person.mobile, person.id] as const] : [])));
  const adminId = lookup(personIdByEmail, demoAdmin.login, "person");
  const staffId = lookup(personIdByEmail, demoStaff.login, "person");
  const instructorId = lookup(personIdByEmail, demoInstructor.login, "person");
  const traineeId = (mobile: string) => lookup(traineeIds, mobile, "trainee");
  await tx.organisationViewer.create({
    data: {
      personId: lookup(personIdByEmail, demoViewer.login, "person"),
      organisationId: lookup(organisationIds, DEMO_VIEWER_ORGANISATION, "organisation"),
      createdById: adminId,
    },
  });

  await tx.personRole.createMany({
    data: [
      ...accounts.map(({ login, role }) => ({
        personId: lookup(personIdByEmail, login.login, "person"),
        roleId: roleId(role),
      })),
      ...plan.trainees.map((trainee) => ({ personId: traineeId(trainee.mobile), roleId: roleId("trainee") })),
    ],
  });
  await tx.traineeProfile.createMany({
    data: plan.trainees.map((trainee) => ({
      personId: traineeId(trainee.mobile),
      company: trainee.company,
      position: trainee.position,
      industry: trainee.industry,
      district: trainee.district,
      creditCode: trainee.creditCode,
    })),
  });

  const lecturers = await tx.lecturer.createManyAndReturn({
    data: plan.lecturers.map(({ key, ...lecturer }) => ({
      ...lecturer,
      personId: key === INSTRUCTOR_LECTURER_KEY ? instructorId : null,
    })),
    select: { id: true, name: true },
  });
  const lecturerIdByName = new Map(lecturers.map((row) => [row.name, row.id]));
  const lecturerIds = new Map(
    plan.lecturers.map((lecturer) => [lecturer.key, lookup(lecturerIdByName, lecturer.name, "lecturer")]),
  );

  const cohorts = await tx.cohort.createManyAndReturn({
    data: plan.cohorts.map((cohort) => ({
      academyId: academy.id,
      code: cohort.code,
      title: cohort.title,
      description: cohort.description,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      capacity: cohort.capacity,
      venueId: lookup(venueIds, cohort.venue, "venue"),
      status: cohort.status,
      certMinAttendancePercent: cohort.certMinAttendancePercent,
      certRequireEveryTrack: cohort.certRequireEveryTrack,
      lateAfterMinutes: cohort.lateAfterMinutes,
      createdAt: cohort.createdAt,
    })),
    select: { id: true, code: true },
  });
  const cohortIds = new Map(cohorts.map((row) => [row.code, row.id]));
  const cohortId = (code: string) => lookup(cohortIds, code, "cohort");

  const actorId = (actor: Actor, self?: string): string | null =>
    actor === "admin" ? adminId : actor === "staff" ? staffId : actor === "self" ? (self ?? null) : null;

  await tx.cohortOrganisation.createMany({
    data: plan.cohorts.flatMap((cohort) =>
      cohort.organisations.map((link, position) => ({
        cohortId: cohortId(cohort.code),
        organisationId: lookup(organisationIds, link.organisation, "organisation"),
        role: link.role,
        position,
      })),
    ),
  });
  await tx.cohortStatusChange.createMany({
    data: plan.cohorts.flatMap((cohort) =>
      cohort.statusChanges.map((change) => ({
        cohortId: cohortId(cohort.code),
        fromStatus: change.from,
        toStatus: change.to,
        reason: change.reason,
        actorId: actorId(change.actor),
        at: change.at,
      })),
    ),
  });
  await tx.cohortAssignment.createMany({
    data: plan.cohorts.flatMap((cohort) =>
      cohort.assignments.map((assignment) => ({
        cohortId: cohortId(cohort.code),
        personId: assignment.account === "staff" ? staffId : instructorId,
        role: assignment.role,
      })),
    ),
  });

  const plannedModules = plan.cohorts.flatMap((cohort) => cohort.modules.map((module) => ({ cohort, module })));
  const modules = await tx.module.createManyAndReturn({
    data: plannedModules.map(({ cohort, module }) => ({
      cohortId: cohortId(cohort.code),
      trackId: lookup(trackIds, module.track, "track"),
      title: module.title,
      description: module.description,
      creditHours: module.creditHours,
      position: module.position,
    })),
    select: { id: true, cohortId: true, title: true },
  });
  const moduleIdByTitle = new Map(modules.map((row) => [`${row.cohortId}|${row.title}`, row.id]));
  const moduleId = (cohortCode: string, title: string) =>
    lookup(moduleIdByTitle, `${cohortId(cohortCode)}|${title}`, "module");

  // Handouts and a policy text for the first cohort's modules, so trainees have something to open.
  const [firstCohort] = plan.cohorts;
  if (firstCohort) await seedDemoMaterials(tx, firstCohort.modules.map((module) => moduleId(firstCohort.code, module.title)));

  await tx.moduleLecturer.createMany({
    data: plannedModules.flatMap(({ cohort, module }) =>
      module.lecturers.map((lecturer) => ({
        moduleId: moduleId(cohort.code, module.title),
        lecturerId: lookup(lecturerIds, lecturer, "lecturer"),
      })),
    ),
  });

  const plannedSessions = plannedModules.flatMap(({ cohort, module }) =>
    module.sessions.map((session) => ({ cohort, session, moduleId: moduleId(cohort.code, module.title) })),
  );
  const sessions = await tx.session.createManyAndReturn({
    data: plannedSessions.map(({ session, moduleId }) => ({
      moduleId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venueId: lookup(venueIds, session.venue, "venue"),
      kind: session.kind,
      notes: session.notes,
      checkInOpensMinutesBefore: session.checkInOpensMinutesBefore,
      checkInClosesMinutesAfter: session.checkInClosesMinutesAfter,
    })),
    select: { id: true, moduleId: true, startsAt: true },
  });
  const sessionIdByStart = new Map(sessions.map((row) => [`${row.moduleId}|${row.startsAt.getTime()}`, row.id]));
  const sessionIds = new Map(
    plannedSessions.map(({ session, moduleId }) => [
      session.key,
      lookup(sessionIdByStart, `${moduleId}|${session.startsAt.getTime()}`, "session"),
    ]),
  );
  const sessionId = (key: string) => lookup(sessionIds, key, "session");

  // The history the timetable would have if staff had entered it through the app. One
  // session of the first cohort in the days ahead was put back a day when its guest
  // lecturer's flight changed: trainees see it marked as changed, and calendars get SEQUENCE 1.
  const venueNames = new Map(plan.venues.map((v) => [v.key, v.name]));
  const lecturerNames = new Map(plan.lecturers.map((l) => [l.key, l.name]));
  const venueName = (key: string) => lookup(venueNames, key, "venue");
  const lecturerName = (key: string) => lookup(lecturerNames, key, "lecturer");
  const soon = new Date(`${addDays(anchorDate, 2)}T00:00:00+08:00`);
  const moved = plannedSessions.find(({ cohort, session }) => cohort === plan.cohorts[0] && session.startsAt >= soon && session.lecturers.length > 0);
  const dayEarlier = (instant: Date) => new Date(instant.getTime() - 86_400_000);
  await tx.sessionChange.createMany({
    data: plannedSessions.flatMap((planned) => {
      const { cohort, session } = planned;
      const isMoved = planned === moved;
      const created = {
        sessionId: sessionId(session.key),
        kind: "created",
        after: JSON.stringify({
          startsAt: (isMoved ? dayEarlier(session.startsAt) : session.startsAt).toISOString(),
          endsAt: (isMoved ? dayEarlier(session.endsAt) : session.endsAt).toISOString(),
          venueName: venueName(session.venue),
          kind: session.kind,
          lecturerNames: session.lecturers.map(lecturerName),
          notes: session.notes ?? null,
        }),
        actorId: staffId,
        at: cohort.createdAt,
      };
      if (!isMoved) return [created];
      return [
        created,
        {
          sessionId: sessionId(session.key),
          kind: "rescheduled",
          before: JSON.stringify({ startsAt: dayEarlier(session.startsAt).toISOString(), endsAt: dayEarlier(session.endsAt).toISOString() }),
          after: JSON.stringify({ startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() }),
          reason: "讲师航班调整，顺延一天",
          actorId: staffId,
          at: new Date(soon.getTime() - 3 * 86_400_000),
        },
      ];
    }),
  });
  if (moved) await tx.session.update({ where: { id: sessionId(moved.session.key) }, data: { sequence: 1 } });
  await tx.sessionLecturer.createMany({
    data: plannedSessions.flatMap(({ session }) =>
      session.lecturers.map((lecturer) => ({
        sessionId: sessionId(session.key),
        lecturerId: lookup(lecturerIds, lecturer, "lecturer"),
      })),
    ),
  });

  const plannedEnrollments = plan.cohorts.flatMap((cohort) =>
    cohort.enrollments.map((enrollment) => ({ cohort, enrollment })),
  );
  const enrollments = await tx.enrollment.createManyAndReturn({
    data: plannedEnrollments.map(({ cohort, enrollment }) => ({
      cohortId: cohortId(cohort.code),
      personId: traineeId(enrollment.traineeMobile),
      status: enrollment.status,
      source: enrollment.source,
      appliedAt: enrollment.appliedAt,
      enrolledAt: enrollment.enrolledAt,
      attendanceFrom: enrollment.attendanceFrom,
      createdAt: enrollment.appliedAt ?? enrollment.enrolledAt ?? cohort.createdAt,
    })),
    select: { id: true, cohortId: true, personId: true },
  });
  const enrollmentIdByPair = new Map(enrollments.map((row) => [`${row.cohortId}|${row.personId}`, row.id]));
  const enrollmentId = (cohortCode: string, mobile: string) =>
    lookup(enrollmentIdByPair, `${cohortId(cohortCode)}|${traineeId(mobile)}`, "enrollment");

  await tx.enrollmentChange.createMany({
    data: plannedEnrollments.flatMap(({ cohort, enrollment }) =>
      enrollment.changes.map((change) => ({
        enrollmentId: enrollmentId(cohort.code, enrollment.traineeMobile),
        fromStatus: change.from,
        toStatus: change.to,
        reason: change.reason,
        actorId: actorId(change.actor, traineeId(enrollment.traineeMobile)),
        at: change.at,
      })),
    ),
  });

  const attendances = await tx.attendance.createManyAndReturn({
    data: plan.attendances.map((row) => ({
      enrollmentId: enrollmentId(row.cohortCode, row.traineeMobile),
      sessionId: sessionId(row.sessionKey),
      status: row.status,
      method: row.method,
      recordedById: actorId(row.recordedBy, traineeId(row.traineeMobile)),
      recordedAt: row.recordedAt,
      checkedInAt: row.checkedInAt,
      deviceHash: row.deviceHash,
      flag: row.flag,
      distanceMeters: row.distanceMeters,
      flagReviewedById: row.flagReviewedAt ? staffId : null,
      flagReviewedAt: row.flagReviewedAt,
    })),
    select: { id: true, enrollmentId: true, sessionId: true },
  });
  const attendanceIdByPair = new Map(attendances.map((row) => [`${row.enrollmentId}|${row.sessionId}`, row.id]));
  await tx.attendanceChange.createMany({
    data: plan.attendances.map((row) => ({
      attendanceId: lookup(
        attendanceIdByPair,
        `${enrollmentId(row.cohortCode, row.traineeMobile)}|${sessionId(row.sessionKey)}`,
        "attendance",
      ),
      fromStatus: null,
      toStatus: row.status,
      method: row.method,
      actorId: actorId(row.recordedBy, traineeId(row.traineeMobile)),
      note: row.note,
      at: row.recordedAt,
    })),
  });

  await tx.leaveRequest.createMany({
    data: plan.leaveRequests.map((request) => ({
      enrollmentId: enrollmentId(request.cohortCode, request.traineeMobile),
      sessionId: sessionId(request.sessionKey),
      reason: request.reason,
      status: request.status,
      decidedById: actorId(request.decidedBy),
      decidedAt: request.decidedAt,
      decisionNote: request.decisionNote,
      createdAt: request.createdAt,
    })),
  });

  return {
    cohorts: plan.cohorts.length,
    trainees: plan.trainees.length,
    sessions: plannedSessions.length,
    attendances: plan.attendances.length,
  };
}
