// The demo academy as a newcomer meets it after `npm run db:seed`: a running
// class of 87 entrepreneurs, three tracks, a timetable around "today", and the
// attendance of the weeks already taught. Each test gets SQLite files of its own.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { trackKeys } from "~/modules/academy/tracks.ts";
import { effectiveStatus, sessionPhase, type AttendanceStatus } from "~/modules/attendance/rules.ts";
import { evaluateRule, ruleStanding, type SessionForRule } from "~/modules/certificates/certificates.ts";
import { validateCreditCode } from "~/modules/people/credit-code.ts";
import type { Db } from "~/utils/db.server.ts";
import { academyInstant, addDays, planDemoAcademy } from "../../prisma/seed/demo-data.ts";
import { seedDemoAcademy } from "../../prisma/seed/seed-demo-academy.ts";
import { applyMigrations } from "../../scripts/db/apply-migrations.ts";

const ANCHOR = "2025-11-26";
const anchorStart = academyInstant(ANCHOR, "00:00");
const anchorEnd = academyInstant("2025-11-27", "00:00");

const dir = mkdtempSync(path.join(os.tmpdir(), "academy-seed-"));
// db.server.ts opens the configured database when imported; point it here rather than at ./data.
process.env.DATABASE_URL ||= `file:${path.join(dir, "unused.db")}`;
const { createDb } = await import("~/utils/db.server.ts");

const opened: Db[] = [];

async function freshDatabase(name: string): Promise<Db> {
  const file = path.join(dir, `${name}.db`);
  const target = { provider: "sqlite", url: `file:${file}`, file } as const;
  await applyMigrations(target);
  const db = createDb(target);
  opened.push(db);
  return db;
}

/** What a trainee or a report would see of the seeded academy, without generated ids. */
async function visibleData(db: Db) {
  const trainees = await db.person.findMany({
    where: { trainee: { isNot: null } },
    orderBy: { mobile: "asc" },
    select: {
      name: true,
      mobile: true,
      trainee: { select: { company: true, position: true, district: true, creditCode: true } },
    },
  });
  const sessions = await db.session.findMany({
    orderBy: [{ startsAt: "asc" }, { endsAt: "asc" }],
    select: {
      startsAt: true,
      endsAt: true,
      kind: true,
      notes: true,
      module: { select: { title: true } },
      venue: { select: { name: true } },
    },
  });
  const attendance = (
    await db.attendance.findMany({
      select: {
        status: true,
        method: true,
        checkedInAt: true,
        deviceHash: true,
        flag: true,
        enrollment: { select: { person: { select: { mobile: true } } } },
        session: { select: { startsAt: true } },
      },
    })
  )
    .map((row) => ({ ...row, key: `${row.session.startsAt.toISOString()}|${row.enrollment.person.mobile}` }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { trainees, sessions, attendance };
}

afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
  rmSync(dir, { recursive: true, force: true });
});

describe("the demo academy", () => {
  let db: Db;
  let counts: Awaited<ReturnType<typeof seedDemoAcademy>>;

  beforeAll(async () => {
    db = await freshDatabase("first");
    counts = await seedDemoAcademy(db, { anchorDate: ANCHOR });
  });

  test("reports what it created", async () => {
    expect(counts).toEqual({
      cohorts: await db.cohort.count(),
      trainees: 87,
      sessions: await db.session.count(),
      attendances: await db.attendance.count(),
    });
    expect(counts.cohorts).toBe(2);
  });

  test("cohort 1 is running with 87 enrolled entrepreneurs", async () => {
    const cohort = await db.cohort.findFirstOrThrow({
      where: { title: { contains: "人工智能赋能产业升级" } },
      select: {
        status: true,
        startDate: true,
        endDate: true,
        capacity: true,
        _count: { select: { enrollments: { where: { status: "enrolled" } } } },
        organisations: { select: { role: true, organisation: { select: { kind: true, level: true } } } },
      },
    });
    expect(cohort.status).toBe("running");
    expect(cohort._count.enrollments).toBe(87);
    expect(cohort.startDate < ANCHOR && ANCHOR < cohort.endDate).toBe(true);
    // Three levels of federation and the university.
    expect(
      cohort.organisations.map(({ role, organisation }) => `${role}:${organisation.kind}:${organisation.level}`).sort(),
    ).toEqual([
      "co_organiser:federation:county",
      "co_organiser:federation:province",
      "organiser:federation:city",
      "teaching_partner:university:null",
    ]);
  });

  test("trainees have mobiles 13800000001…87, the trainee role and valid credit codes", async () => {
    const trainees = await db.person.findMany({
      where: { roles: { some: { role: { key: "trainee" } } } },
      orderBy: { mobile: "asc" },
      select: {
        mobile: true,
        status: true,
        passwordHash: true,
        trainee: { select: { creditCode: true, company: true } },
      },
    });
    expect(trainees.map((trainee) => trainee.mobile)).toEqual(
      Array.from({ length: 87 }, (_, i) => String(13_800_000_001 + i)),
    );
    for (const trainee of trainees) {
      expect(trainee.status).toBe("active");
      expect(trainee.passwordHash).toMatch(/^\$argon2id\$/);
      expect(validateCreditCode(trainee.trainee?.creditCode ?? ""), `${trainee.mobile}`).toMatchObject({ ok: true });
    }
    expect(new Set(trainees.map((trainee) => trainee.trainee?.creditCode)).size).toBe(87);
    expect(new Set(trainees.map((trainee) => trainee.trainee?.company)).size).toBe(87);
  });

  test("every track has modules, taught by someone or on site", async () => {
    const tracks = await db.track.findMany({ select: { key: true, _count: { select: { modules: true } } } });
    expect(Object.fromEntries(tracks.map((track) => [track.key, track._count.modules > 0]))).toEqual({
      policy: true,
      technology: true,
      management: true,
    });
  });

  test("the timetable has site visits, an exchange and something on the anchor day", async () => {
    const kinds = await db.session.groupBy({ by: ["kind"], _count: { _all: true } });
    const byKind = Object.fromEntries(kinds.map((row) => [row.kind, row._count._all]));
    expect(byKind.site_visit).toBeGreaterThanOrEqual(2);
    expect(byKind.exchange).toBeGreaterThanOrEqual(1);
    expect(byKind.lecture).toBeGreaterThan((byKind.workshop ?? 0) + (byKind.site_visit ?? 0) + (byKind.exchange ?? 0));

    const offsite = await db.session.findMany({ where: { venue: { kind: "offsite" } }, select: { notes: true } });
    expect(offsite.every((session) => session.notes?.includes("集合"))).toBe(true);

    const today = await db.session.findMany({
      where: { startsAt: { gte: anchorStart, lt: anchorEnd } },
      select: { startsAt: true },
    });
    expect(today.length).toBeGreaterThanOrEqual(1);
    // 14:00 in Shanghai is 06:00 UTC.
    expect(today.map((session) => session.startsAt.toISOString())).toContain("2025-11-26T06:00:00.000Z");
  });

  test("attendance exists for every trainee at every session held by the anchor day (all before it, and that day's but the one open for check-in), and no other", async () => {
    const anchorEnd = academyInstant(addDays(ANCHOR, 1), "00:00");
    const sessions = await db.session.findMany({
      select: { startsAt: true, endsAt: true, checkInOpensMinutesBefore: true, _count: { select: { attendances: true } } },
    });
    const held = (session: (typeof sessions)[number]) =>
      session.endsAt <= anchorStart || (session.endsAt <= anchorEnd && session.checkInOpensMinutesBefore === null);
    const past = sessions.filter(held);
    expect(past.length).toBeGreaterThan(0);
    expect(past.some((session) => session.endsAt > anchorStart)).toBe(true);
    // One trainee moved in after the first two sessions: nothing is recorded for them before that.
    const late = await db.enrollment.findMany({ where: { attendanceFrom: { not: null } }, select: { attendanceFrom: true } });
    expect(late).toHaveLength(1);
    const joinedAfter = (session: (typeof sessions)[number]) => session.startsAt < late[0]!.attendanceFrom!;
    expect(past.filter(joinedAfter)).toHaveLength(2);
    for (const session of sessions) {
      expect(session._count.attendances).toBe(held(session) ? (joinedAfter(session) ? 86 : 87) : 0);
    }
    expect(await db.attendanceChange.count()).toBe(past.length * 87 - 2);
  });

  test("attendance looks like a real class: mostly present, some below the 80% rule", async () => {
    const rows = await db.attendance.findMany({
      select: { status: true, method: true, checkedInAt: true, enrollmentId: true },
    });
    const share = (status: string) => rows.filter((row) => row.status === status).length / rows.length;
    expect(share("present")).toBeGreaterThan(0.8);
    expect(share("late")).toBeGreaterThan(0.02);
    expect(share("excused")).toBeGreaterThan(0.01);
    expect(share("absent")).toBeGreaterThan(0.01);
    for (const row of rows) {
      const expectedMethod = { present: "qr", late: "qr", excused: "leave", absent: "system" }[row.status];
      expect(row.method).toBe(expectedMethod);
      expect(row.checkedInAt !== null).toBe(row.method === "qr");
    }
    const sessionsHeld = new Set(
      (await db.attendance.findMany({ select: { sessionId: true } })).map((row) => row.sessionId),
    ).size;
    const attendedBy = new Map<string, number>();
    for (const row of rows) {
      if (row.status === "present" || row.status === "late")
        attendedBy.set(row.enrollmentId, (attendedBy.get(row.enrollmentId) ?? 0) + 1);
    }
    const below = [...new Set(rows.map((row) => row.enrollmentId))].filter(
      (id) => (attendedBy.get(id) ?? 0) / sessionsHeld < 0.8,
    );
    expect(below.length).toBeGreaterThan(0);
    expect(below.length).toBeLessThan(15);
  });

  test("the first cohort has its certificate rule: on the anchor day some trainees meet it and some nearly do", async () => {
    const cohort = await db.cohort.findFirstOrThrow({
      where: { status: "running" },
      orderBy: { startDate: "asc" },
      select: { id: true, certMinAttendancePercent: true, certRequireEveryTrack: true, certMinTrackPercent: true, certMinCreditHours: true, excusedLeaveDenominator: true },
    });
    expect(cohort.certMinAttendancePercent).toBe(80);
    const [sessions, records, leaves, enrollments] = await Promise.all([
      db.session.findMany({ where: { module: { cohortId: cohort.id } }, select: { id: true, startsAt: true, endsAt: true, status: true, checkInOpensMinutesBefore: true, checkInClosesMinutesAfter: true, module: { select: { id: true, track: { select: { key: true } } } } } }),
      db.attendance.findMany({ select: { enrollmentId: true, sessionId: true, status: true } }),
      db.leaveRequest.findMany({ where: { status: "approved" }, select: { enrollmentId: true, sessionId: true } }),
      db.enrollment.findMany({ where: { cohortId: cohort.id, status: "enrolled" }, select: { id: true } }),
    ]);
    const recorded = new Map(records.map((r) => [`${r.enrollmentId}|${r.sessionId}`, r.status as AttendanceStatus]));
    const onLeave = new Set(leaves.map((l) => `${l.enrollmentId}|${l.sessionId}`));
    const rule = { minAttendancePercent: cohort.certMinAttendancePercent, requireEveryTrack: cohort.certRequireEveryTrack, minTrackPercent: cohort.certMinTrackPercent, minCreditHours: cohort.certMinCreditHours };
    const results = enrollments.map((e) => {
      const list: SessionForRule[] = sessions.map((s) => {
        const phase = sessionPhase(s, anchorStart);
        const key = `${e.id}|${s.id}`;
        return { trackKey: s.module.track.key as SessionForRule["trackKey"], moduleId: s.module.id, phase, status: effectiveStatus({ recorded: recorded.get(key), approvedLeave: onLeave.has(key), held: phase === "held", cancelled: phase === "cancelled" }) };
      });
      return evaluateRule(rule, ruleStanding(list, { excusedLeaveDenominator: cohort.excusedLeaveDenominator, hoursPerSession: new Map(), trackKeys }));
    });
    expect(results.filter((r) => r.eligible).length).toBeGreaterThan(60);
    expect(results.filter((r) => r.nearly).length).toBeGreaterThan(0);
  });

  test("every excused absence has an approved leave request, and some requests still wait", async () => {
    const excused = await db.attendance.findMany({
      where: { status: "excused" },
      select: { enrollmentId: true, sessionId: true },
    });
    const approved = await db.leaveRequest.findMany({
      where: { status: "approved" },
      select: { enrollmentId: true, sessionId: true },
    });
    const key = (row: { enrollmentId: string; sessionId: string }) => `${row.enrollmentId}|${row.sessionId}`;
    expect(approved.map(key).sort()).toEqual(excused.map(key).sort());

    const pending = await db.leaveRequest.findMany({
      where: { status: "pending" },
      select: { session: { select: { endsAt: true } } },
    });
    expect(pending).toHaveLength(2);
    expect(pending.every((request) => request.session.endsAt > anchorStart)).toBe(true);
  });

  test("a few check-ins wait for review: a phone that checked in two trainees, and one far from the venue", async () => {
    const flagged = await db.attendance.findMany({
      where: { flag: { not: null } },
      select: { flag: true, method: true, deviceHash: true, distanceMeters: true, flagReviewedAt: true, sessionId: true },
    });
    expect(flagged.map((row) => row.flag).sort()).toEqual(["outside_venue", "shared_device", "shared_device"]);
    expect(flagged.every((row) => row.method === "qr" && row.deviceHash)).toBe(true);
    expect(flagged.filter((row) => row.flagReviewedAt === null)).toHaveLength(2);
    expect(flagged.find((row) => row.flag === "outside_venue")?.distanceMeters).toBeGreaterThan(1000);
    for (const row of flagged.filter((r) => r.flag === "shared_device")) {
      // The phone's owner checked in on it too, at the same session.
      expect(await db.attendance.count({ where: { sessionId: row.sessionId, deviceHash: row.deviceHash } })).toBe(2);
    }
    expect(await db.attendance.count({ where: { method: "qr", deviceHash: null } })).toBe(0);
  });

  test("a session on the anchor day takes check-ins from midnight to midnight, whenever the demo is loaded", async () => {
    const open = await db.session.findMany({
      where: { checkInOpensMinutesBefore: { not: null } },
      select: { startsAt: true, endsAt: true, checkInOpensMinutesBefore: true, checkInClosesMinutesAfter: true },
    });
    expect(open).toHaveLength(1);
    const [session] = open;
    expect(session!.startsAt.getTime() - session!.checkInOpensMinutesBefore! * 60_000).toBe(anchorStart.getTime());
    expect(session!.endsAt.getTime() + session!.checkInClosesMinutesAfter! * 60_000).toBe(anchorEnd.getTime());
  });

  test("the demo sign-ins exist with their roles, and the instructor is a lecturer of cohort 1 only", async () => {
    const accounts = await db.person.findMany({
      where: { email: { in: ["admin@demo.academy", "staff@demo.academy", "teacher@demo.academy", "county@demo.academy"] } },
      select: {
        email: true,
        status: true,
        roles: { select: { role: { select: { key: true } } } },
        lecturer: { select: { name: true } },
        cohortAssignments: { select: { role: true, cohort: { select: { status: true } } } },
      },
      orderBy: { email: "asc" },
    });
    expect(accounts.map((account) => [account.email, account.status, account.roles.map((r) => r.role.key)])).toEqual([
      ["admin@demo.academy", "active", ["admin"]],
      ["county@demo.academy", "active", ["viewer"]],
      ["staff@demo.academy", "active", ["staff"]],
      ["teacher@demo.academy", "active", ["instructor"]],
    ]);
    const [, viewer, staff, teacher] = accounts;
    // The county federation's viewer reads the first cohort, which it co-organises, and no other.
    expect(viewer?.cohortAssignments).toEqual([]);
    const viewerCohorts = await db.cohort.findMany({
      where: { organisations: { some: { role: { in: ["organiser", "co_organiser"] }, organisation: { viewers: { some: { person: { email: "county@demo.academy" } } } } } } },
      select: { status: true },
    });
    expect(viewerCohorts).toEqual([{ status: "running" }]);
    expect(staff?.cohortAssignments).toHaveLength(2);
    expect(teacher?.lecturer?.name).toBeTruthy();
    expect(teacher?.cohortAssignments).toEqual([{ role: "instructor", cohort: { status: "running" } }]);
  });

  test("seeding a database that already has people throws and changes nothing", async () => {
    const before = await visibleData(db);
    await expect(seedDemoAcademy(db, { anchorDate: ANCHOR })).rejects.toThrow(/empty database/);
    expect(await visibleData(db)).toEqual(before);
    expect(await db.academy.count()).toBe(1);
  });

  test("one upcoming session was put back a day, with its history, and the first cohort's modules have materials", async () => {
    const moved = await db.session.findMany({ where: { sequence: { gt: 0 } }, select: { startsAt: true, changes: { orderBy: { at: "asc" }, select: { kind: true, before: true, after: true, reason: true } } } });
    expect(moved).toHaveLength(1);
    const [session] = moved;
    expect(session!.startsAt.getTime()).toBeGreaterThan(anchorEnd.getTime());
    expect(session!.changes.map((c) => c.kind)).toEqual(["created", "rescheduled"]);
    const rescheduled = session!.changes[1]!;
    expect(new Date(JSON.parse(rescheduled.after!).startsAt).getTime() - new Date(JSON.parse(rescheduled.before!).startsAt).getTime()).toBe(86_400_000);
    expect(rescheduled.reason).toBeTruthy();

    const materials = await db.material.groupBy({ by: ["kind"], where: { module: { cohort: { title: "人工智能赋能产业升级专题班（第一期）" } } }, _count: { _all: true } });
    expect(Object.fromEntries(materials.map((row) => [row.kind, row._count._all > 0]))).toEqual({ file: true, link: true });
  });

  test("the same anchor date gives the same academy", async () => {
    const again = await freshDatabase("second");
    await seedDemoAcademy(again, { anchorDate: ANCHOR });
    expect(await visibleData(again)).toEqual(await visibleData(db));
  });
});

test("a seed that fails half-way leaves nothing behind", async () => {
  const db = await freshDatabase("conflict");
  // No people, so the seed starts; the venue's name is taken, so it fails after writing the academy and roles.
  await db.venue.create({ data: { name: "云溪革命烈士纪念馆" } });
  await expect(seedDemoAcademy(db, { anchorDate: ANCHOR })).rejects.toThrow();
  expect(await db.academy.count()).toBe(0);
  expect(await db.organisation.count()).toBe(0);
  expect(await db.role.count()).toBe(0);
  expect(await db.venue.count()).toBe(1);
});

test("the anchor date must be a calendar date", async () => {
  const db = await freshDatabase("bad-date");
  await expect(seedDemoAcademy(db, { anchorDate: "2025-02-30" })).rejects.toThrow(/YYYY-MM-DD/);
  expect(await db.person.count()).toBe(0);
});

describe("the plan, for any anchor date", () => {
  test.each(["2024-02-29", "2025-01-01", "2025-12-31", "2026-06-15"])(
    "%s has a session that day, open for check-in all day, and attendance only for the sessions held by then",
    (anchor) => {
      const plan = planDemoAcademy(anchor);
      const start = academyInstant(anchor, "00:00");
      const end = academyInstant(addDays(anchor, 1), "00:00");
      const sessions = plan.cohorts.flatMap((cohort) => cohort.modules.flatMap((module) => module.sessions));
      expect(sessions.some((session) => session.startsAt >= start && session.startsAt < end)).toBe(true);
      const attended = new Set(plan.attendances.map((row) => row.sessionKey));
      const open = sessions.filter((session) => session.checkInOpensMinutesBefore !== null);
      expect(open).toHaveLength(1);
      for (const session of sessions) {
        expect(attended.has(session.key)).toBe(session.endsAt <= start || (session.endsAt <= end && session.checkInOpensMinutesBefore === null));
      }
      // Same people whatever the anchor.
      expect(plan.trainees).toEqual(planDemoAcademy(ANCHOR).trainees);
    },
  );
});
