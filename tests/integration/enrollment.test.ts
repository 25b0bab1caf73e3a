// Who holds a seat in a cohort, as staff run it: deciding on applications, the
// waitlist, withdrawals, moves between cohorts and capacity changes, including
// two staff members pressing the same buttons at the same moment.
import { describe, expect, test } from "vitest";
import { updateCohort } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortFormSchema } from "~/modules/cohorts/cohort-form.ts";
import { decideEnrollment, moveEnrollment, withdrawEnrollment } from "~/modules/cohorts/enrollment.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues, splitMessage } from "~/utils/messages.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2025-03-03T01:00:00Z");

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const outcome = await promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
  // Anything but a DomainError becomes a 500 page instead of a form error.
  expect(outcome).toBeInstanceOf(DomainError);
  return outcome as DomainError;
}

async function aStaffMember() {
  const staff = await createPerson({ roles: ["staff"], name: "班主任" });
  return staff.id;
}

/** `count` trainees holding an enrollment of `status` in the cohort, made one after the other. */
async function trainees(cohortId: string, count: number, status: string) {
  const made: { personId: string; enrollmentId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson();
    const enrollment = await enroll(cohortId, person.id, status);
    made.push({ personId: person.id, enrollmentId: enrollment.id });
  }
  return made;
}

/** Applicants put on the waitlist by staff, in the order given: their waitlist ranks are 1, 2, 3… */
async function waitlisted(cohortId: string, count: number, actorId: string) {
  const applicants = await trainees(cohortId, count, "applied");
  for (const applicant of applicants) {
    await decideEnrollment({ cohortId, enrollmentId: applicant.enrollmentId, decision: "waitlist", actorId, now });
  }
  return applicants;
}

const enrollmentOf = (id: string) =>
  db.enrollment.findUniqueOrThrow({
    where: { id },
    select: { status: true, reason: true, waitlistRank: true, enrolledAt: true, source: true },
  });

const historyOf = (enrollmentId: string) =>
  db.enrollmentChange.findMany({
    where: { enrollmentId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { fromStatus: true, toStatus: true, reason: true, actorId: true, at: true },
  });

const countWhere = (cohortId: string, status: string) => db.enrollment.count({ where: { cohortId, status } });

/** Everything a refused action must leave as it was: the cohorts' enrollments and all history. */
async function snapshot(...cohortIds: string[]) {
  const [enrollments, changes, cohorts] = await Promise.all([
    db.enrollment.findMany({
      where: { cohortId: { in: cohortIds } },
      orderBy: { id: "asc" },
      select: { id: true, cohortId: true, personId: true, status: true, reason: true, waitlistRank: true },
    }),
    db.enrollmentChange.count(),
    db.cohort.findMany({
      where: { id: { in: cohortIds } },
      orderBy: { id: "asc" },
      select: { id: true, capacity: true },
    }),
  ]);
  return { enrollments, changes, cohorts };
}

describe("deciding on applications", () => {
  test("approving seats the applicant and records who did it", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 10, status: "enrolling" });
    const [applicant] = await trainees(cohort.id, 1, "applied");

    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: applicant!.enrollmentId,
      decision: "approve",
      actorId,
      now,
    });

    expect(await enrollmentOf(applicant!.enrollmentId)).toMatchObject({
      status: "enrolled",
      enrolledAt: now,
      reason: null,
    });
    expect(await historyOf(applicant!.enrollmentId)).toEqual([
      { fromStatus: "applied", toStatus: "enrolled", reason: null, actorId, at: now },
    ]);
  });

  test("waitlisting puts applicants at the end of the queue, in the order staff decide", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 10, status: "enrolling" });
    const [first, second] = await trainees(cohort.id, 2, "applied");

    // Decided in the opposite order to the one they applied in.
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: second!.enrollmentId,
      decision: "waitlist",
      actorId,
      now,
    });
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: first!.enrollmentId,
      decision: "waitlist",
      actorId,
      now,
    });

    expect(await enrollmentOf(second!.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 1 });
    expect(await enrollmentOf(first!.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 2 });
    expect(await historyOf(first!.enrollmentId)).toEqual([
      { fromStatus: "applied", toStatus: "waitlisted", reason: null, actorId, at: now },
    ]);
  });

  test("declining needs a reason, which is kept with the enrollment and its history", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ status: "enrolling" });
    const [applicant] = await trainees(cohort.id, 1, "applied");
    const enrollmentId = applicant!.enrollmentId;

    for (const reason of [undefined, null, "", "   "]) {
      const refused = await rejection(
        decideEnrollment({ cohortId: cohort.id, enrollmentId, decision: "decline", reason, actorId, now }),
      );
      expect(refused).toMatchObject({ messageKey: "enrollment.errors.reasonRequired", field: "reason" });
    }
    expect(await enrollmentOf(enrollmentId)).toMatchObject({ status: "applied", reason: null });
    expect(await historyOf(enrollmentId)).toEqual([]);

    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId,
      decision: "decline",
      reason: "  企业不在本区  ",
      actorId,
      now,
    });

    expect(await enrollmentOf(enrollmentId)).toMatchObject({ status: "declined", reason: "企业不在本区" });
    expect(await historyOf(enrollmentId)).toEqual([
      { fromStatus: "applied", toStatus: "declined", reason: "企业不在本区", actorId, at: now },
    ]);
  });

  test("an application decided once cannot be decided again (two staff on the same list)", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 10, status: "enrolling" });
    const [approved, declined, waiting] = await trainees(cohort.id, 3, "applied");
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: approved!.enrollmentId,
      decision: "approve",
      actorId,
      now,
    });
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: declined!.enrollmentId,
      decision: "decline",
      reason: "名额已满",
      actorId,
      now,
    });
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: waiting!.enrollmentId,
      decision: "waitlist",
      actorId,
      now,
    });
    const before = await snapshot(cohort.id);

    const attempts = [
      { enrollmentId: approved!.enrollmentId, decision: "approve" },
      { enrollmentId: approved!.enrollmentId, decision: "decline", reason: "重复" },
      { enrollmentId: approved!.enrollmentId, decision: "waitlist" },
      { enrollmentId: declined!.enrollmentId, decision: "approve" },
      { enrollmentId: declined!.enrollmentId, decision: "decline", reason: "重复" },
      { enrollmentId: waiting!.enrollmentId, decision: "waitlist" },
    ] as const;
    for (const attempt of attempts) {
      const refused = await rejection(decideEnrollment({ cohortId: cohort.id, actorId, now, ...attempt }));
      expect(refused.messageKey, `${attempt.decision} again`).toBe("enrollment.errors.alreadyDecided");
    }
    expect(await snapshot(cohort.id)).toEqual(before);
  });

  test("someone on the waitlist can be approved when a seat is free, and leaves the queue", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 2, status: "enrolling" });
    await trainees(cohort.id, 1, "enrolled");
    const [waiting] = await waitlisted(cohort.id, 1, actorId);

    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId: waiting!.enrollmentId,
      decision: "approve",
      actorId,
      now,
    });

    expect(await enrollmentOf(waiting!.enrollmentId)).toMatchObject({ status: "enrolled", waitlistRank: null });
  });

  test("approving into a full cohort is refused and changes nothing", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 2, status: "enrolling" });
    await trainees(cohort.id, 1, "enrolled");
    await trainees(cohort.id, 1, "completed");
    const [applicant] = await trainees(cohort.id, 1, "applied");
    const [waiting] = await waitlisted(cohort.id, 1, actorId);
    const before = await snapshot(cohort.id);

    for (const enrollmentId of [applicant!.enrollmentId, waiting!.enrollmentId]) {
      const refused = await rejection(
        decideEnrollment({ cohortId: cohort.id, enrollmentId, decision: "approve", actorId, now }),
      );
      expect(refused.messageKey).toBe("enrollment.errors.full");
    }
    expect(await snapshot(cohort.id)).toEqual(before);
  });

  test("an enrollment of another cohort is not found, whatever staff try on it", async () => {
    const actorId = await aStaffMember();
    const mine = await createCohort({ capacity: 10, status: "enrolling" });
    const theirs = await createCohort({ capacity: 10, status: "enrolling" });
    const [theirApplicant] = await trainees(theirs.id, 1, "applied");
    const [theirTrainee] = await trainees(theirs.id, 1, "enrolled");
    const before = await snapshot(mine.id, theirs.id);

    const attempts: (() => Promise<unknown>)[] = [
      () =>
        decideEnrollment({
          cohortId: mine.id,
          enrollmentId: theirApplicant!.enrollmentId,
          decision: "approve",
          actorId,
          now,
        }),
      () =>
        decideEnrollment({
          cohortId: mine.id,
          enrollmentId: theirApplicant!.enrollmentId,
          decision: "decline",
          reason: "不符合条件",
          actorId,
          now,
        }),
      () =>
        withdrawEnrollment({
          cohortId: mine.id,
          enrollmentId: theirTrainee!.enrollmentId,
          reason: "退出",
          actorId,
          now,
        }),
      () =>
        moveEnrollment({
          cohortId: mine.id,
          enrollmentId: theirTrainee!.enrollmentId,
          toCohortId: theirs.id,
          actorId,
          now,
        }),
    ];
    for (const attempt of attempts) {
      expect((await rejection(attempt())).messageKey).toBe("enrollment.errors.notFound");
    }
    expect(await snapshot(mine.id, theirs.id)).toEqual(before);
  });
});

describe("withdrawals and the waitlist", () => {
  test("a withdrawal keeps the reason and the history, and the first on the waitlist takes the seat", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 3 });
    const [leaving] = await trainees(cohort.id, 3, "enrolled");
    const queue = await trainees(cohort.id, 3, "applied");
    // The one staff put first on the waitlist is the last to have applied, has the
    // highest id and the last name in sort order: only the rank can put them first.
    const byId = [...queue].sort((a, b) => (a.enrollmentId < b.enrollmentId ? -1 : 1));
    const first = byId[2]!;
    const [second, third] = [byId[0]!, byId[1]!];
    const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    for (const [applicant, name, appliedAt] of [
      [second, "Aa 第一名", minutesBefore(30)],
      [third, "Mm 中间", minutesBefore(20)],
      [first, "Zz 最后一名", minutesBefore(10)],
    ] as const) {
      await db.person.update({ where: { id: applicant.personId }, data: { name } });
      await db.enrollment.update({ where: { id: applicant.enrollmentId }, data: { createdAt: appliedAt, appliedAt } });
    }
    for (const applicant of [first, second, third]) {
      await decideEnrollment({
        cohortId: cohort.id,
        enrollmentId: applicant.enrollmentId,
        decision: "waitlist",
        actorId,
        now,
      });
    }

    const refused = await rejection(
      withdrawEnrollment({ cohortId: cohort.id, enrollmentId: leaving!.enrollmentId, reason: "  ", actorId, now }),
    );
    expect(refused).toMatchObject({ messageKey: "enrollment.errors.reasonRequired", field: "reason" });

    const later = new Date(now.getTime() + 60_000);
    const { promoted } = await withdrawEnrollment({
      cohortId: cohort.id,
      enrollmentId: leaving!.enrollmentId,
      reason: "企业搬迁外地",
      actorId,
      now: later,
    });

    // Exactly one seat was freed, so exactly one person moves up.
    expect(promoted).toEqual([first.personId]);
    expect(await enrollmentOf(leaving!.enrollmentId)).toMatchObject({ status: "withdrawn", reason: "企业搬迁外地" });
    expect(await historyOf(leaving!.enrollmentId)).toEqual([
      { fromStatus: "enrolled", toStatus: "withdrawn", reason: "企业搬迁外地", actorId, at: later },
    ]);
    expect(await enrollmentOf(first.enrollmentId)).toMatchObject({
      status: "enrolled",
      waitlistRank: null,
      enrolledAt: later,
    });
    expect((await historyOf(first.enrollmentId)).map((c) => [c.fromStatus, c.toStatus, c.reason, c.actorId])).toEqual([
      ["applied", "waitlisted", null, actorId],
      ["waitlisted", "enrolled", "enrollment.reasons.seatFreed", actorId],
    ]);
    expect(await enrollmentOf(second.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 2 });
    expect(await enrollmentOf(third.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 3 });
    expect(await countWhere(cohort.id, "enrolled")).toBe(3);
  });

  test("withdrawing someone who held no seat promotes nobody", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 1 });
    await trainees(cohort.id, 1, "enrolled");
    const [waiting] = await waitlisted(cohort.id, 2, actorId);

    const { promoted } = await withdrawEnrollment({
      cohortId: cohort.id,
      enrollmentId: waiting!.enrollmentId,
      reason: "不想等了",
      actorId,
      now,
    });

    expect(promoted).toEqual([]);
    expect(await countWhere(cohort.id, "enrolled")).toBe(1);
    expect(await countWhere(cohort.id, "waitlisted")).toBe(1);
  });

  test("a withdrawn enrollment cannot be withdrawn again", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort();
    const [trainee] = await trainees(cohort.id, 1, "enrolled");
    await withdrawEnrollment({
      cohortId: cohort.id,
      enrollmentId: trainee!.enrollmentId,
      reason: "身体原因",
      actorId,
      now,
    });

    const refused = await rejection(
      withdrawEnrollment({ cohortId: cohort.id, enrollmentId: trainee!.enrollmentId, reason: "再次", actorId, now }),
    );

    expect(refused.messageKey).toBe("enrollment.errors.notFound");
    expect(await historyOf(trainee!.enrollmentId)).toHaveLength(1);
  });
});

describe("moving a trainee to another cohort", () => {
  test("withdrawn in the first with a reason naming the second, enrolled in the second, the first's waitlist moves up", async () => {
    const actorId = await aStaffMember();
    const from = await createCohort({ capacity: 2, title: "第一期企业家班" });
    const to = await createCohort({ capacity: 2, title: "第二期企业家班" });
    const [moving] = await trainees(from.id, 2, "enrolled");
    const [waiting] = await waitlisted(from.id, 1, actorId);
    await trainees(to.id, 1, "enrolled");

    await moveEnrollment({ cohortId: from.id, enrollmentId: moving!.enrollmentId, toCohortId: to.id, actorId, now });

    const movedTo = messageWithValues("enrollment.reasons.movedTo", { title: "第二期企业家班" });
    expect(await enrollmentOf(moving!.enrollmentId)).toMatchObject({ status: "withdrawn", reason: movedTo });
    expect(await historyOf(moving!.enrollmentId)).toEqual([
      { fromStatus: "enrolled", toStatus: "withdrawn", reason: movedTo, actorId, at: now },
    ]);
    const inTarget = await db.enrollment.findUniqueOrThrow({
      where: { cohortId_personId: { cohortId: to.id, personId: moving!.personId } },
      select: { id: true, status: true, enrolledAt: true },
    });
    expect(inTarget).toMatchObject({ status: "enrolled", enrolledAt: now });
    expect(await historyOf(inTarget.id)).toEqual([
      { fromStatus: null, toStatus: "enrolled", reason: "enrollment.reasons.movedIn", actorId, at: now },
    ]);
    expect(await enrollmentOf(waiting!.enrollmentId)).toMatchObject({ status: "enrolled" });
    expect(await countWhere(from.id, "enrolled")).toBe(2);
    expect(await countWhere(to.id, "enrolled")).toBe(2);
  });

  test("someone who once applied to the second cohort gets that enrollment back rather than a second one", async () => {
    const actorId = await aStaffMember();
    const from = await createCohort({ capacity: 5 });
    const to = await createCohort({ capacity: 5 });
    const [moving] = await trainees(from.id, 1, "enrolled");
    const earlier = await enroll(to.id, moving!.personId, "declined");

    await moveEnrollment({ cohortId: from.id, enrollmentId: moving!.enrollmentId, toCohortId: to.id, actorId, now });

    expect(await db.enrollment.count({ where: { cohortId: to.id, personId: moving!.personId } })).toBe(1);
    expect(await enrollmentOf(earlier.id)).toMatchObject({ status: "enrolled", reason: null });
  });

  test("a full target cohort refuses the move and nothing changes in either cohort", async () => {
    const actorId = await aStaffMember();
    const from = await createCohort({ capacity: 1 });
    const to = await createCohort({ capacity: 2 });
    const [moving] = await trainees(from.id, 1, "enrolled");
    await waitlisted(from.id, 1, actorId);
    await trainees(to.id, 1, "enrolled");
    await trainees(to.id, 1, "completed");
    const before = await snapshot(from.id, to.id);

    const refused = await rejection(
      moveEnrollment({ cohortId: from.id, enrollmentId: moving!.enrollmentId, toCohortId: to.id, actorId, now }),
    );

    expect(refused).toMatchObject({ messageKey: "enrollment.errors.targetFull", field: "toCohortId" });
    expect(await snapshot(from.id, to.id)).toEqual(before);
  });

  test("a completed or archived cohort, or the same cohort, cannot be moved to", async () => {
    const actorId = await aStaffMember();
    const from = await createCohort();
    const completed = await createCohort({ status: "completed" });
    const archived = await createCohort({ status: "archived" });
    const [moving] = await trainees(from.id, 1, "enrolled");
    const before = await snapshot(from.id, completed.id, archived.id);

    for (const target of [completed.id, archived.id]) {
      const refused = await rejection(
        moveEnrollment({ cohortId: from.id, enrollmentId: moving!.enrollmentId, toCohortId: target, actorId, now }),
      );
      expect(refused).toMatchObject({ messageKey: "enrollment.errors.targetClosed", field: "toCohortId" });
    }
    const same = await rejection(
      moveEnrollment({ cohortId: from.id, enrollmentId: moving!.enrollmentId, toCohortId: from.id, actorId, now }),
    );
    expect(same).toMatchObject({ messageKey: "enrollment.errors.sameCohort", field: "toCohortId" });
    expect(await snapshot(from.id, completed.id, archived.id)).toEqual(before);
  });
});

describe("changing a cohort's capacity", () => {
  const formFor = (cohort: { title: string; code: string }, capacity: number) =>
    CohortFormSchema.parse({
      title: cohort.title,
      code: cohort.code,
      startDate: "2025-03-01",
      endDate: "2025-04-30",
      capacity: String(capacity),
    });

  test("more seats go to the waitlist in its order, as many as there are new seats", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 2, status: "enrolling" });
    await trainees(cohort.id, 2, "enrolled");
    const [first, second, third] = await waitlisted(cohort.id, 3, actorId);

    await updateCohort(cohort.id, formFor(cohort, 4), actorId, now);

    expect(await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { capacity: true } })).toEqual({
      capacity: 4,
    });
    expect((await enrollmentOf(first!.enrollmentId)).status).toBe("enrolled");
    expect((await enrollmentOf(second!.enrollmentId)).status).toBe("enrolled");
    expect(await enrollmentOf(third!.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 3 });
  });

  test("capacity cannot drop below the seats already taken", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 5 });
    await trainees(cohort.id, 2, "enrolled");
    await trainees(cohort.id, 1, "completed");
    const before = await snapshot(cohort.id);

    const refused = await rejection(updateCohort(cohort.id, formFor(cohort, 2), actorId, now));

    expect(refused.field).toBe("capacity");
    expect(splitMessage(refused.messageKey)).toEqual(["cohort.errors.capacityBelowEnrolled", { count: 3 }]);
    expect(await snapshot(cohort.id)).toEqual(before);
    // Exactly the seats taken is allowed.
    await updateCohort(cohort.id, formFor(cohort, 3), actorId, now);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { capacity: true } })).capacity).toBe(
      3,
    );
  });
});

describe("two staff members at the same moment", () => {
  /**
   * Opens `count` pool connections up front (on PostgreSQL), so that the
   * transactions under test really overlap instead of the later ones waiting
   * for the pool to connect while the first one finishes alone.
   */
  async function openConnections(count: number) {
    await Promise.all(Array.from({ length: count }, () => db.$transaction(async (tx) => tx.cohort.count())));
  }

  test("six approvals for the last seat: one succeeds, five are told the cohort is full", async () => {
    const actorId = await aStaffMember();
    const cohort = await createCohort({ capacity: 5, status: "enrolling" });
    await trainees(cohort.id, 4, "enrolled");
    const applicants = await trainees(cohort.id, 6, "applied");
    await openConnections(6);

    const results = await Promise.allSettled(
      applicants.map(({ enrollmentId }) =>
        decideEnrollment({ cohortId: cohort.id, enrollmentId, decision: "approve", actorId, now }),
      ),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(DomainError);
      expect(result.reason).toMatchObject({ messageKey: "enrollment.errors.full" });
    }
    expect(await countWhere(cohort.id, "enrolled")).toBe(5);
    expect(await countWhere(cohort.id, "applied")).toBe(5);
    expect(
      await db.enrollmentChange.count({ where: { enrollment: { cohortId: cohort.id }, toStatus: "enrolled" } }),
    ).toBe(1);
  });

  test("two withdrawals at once with three waiting: exactly the first two on the waitlist move up", async () => {
    const actorId = await aStaffMember();
    // A few rounds: a race shows only when the two transactions happen to overlap.
    for (let round = 1; round <= 3; round++) {
      const cohort = await createCohort({ capacity: 3 });
      const [a, b] = await trainees(cohort.id, 3, "enrolled");
      const [first, second, third] = await waitlisted(cohort.id, 3, actorId);
      await openConnections(2);

      const [one, two] = await Promise.all(
        [a!, b!].map(({ enrollmentId }) =>
          withdrawEnrollment({ cohortId: cohort.id, enrollmentId, reason: "工作冲突", actorId, now }),
        ),
      );

      expect([...one!.promoted, ...two!.promoted].sort(), `round ${round}`).toEqual(
        [first!.personId, second!.personId].sort(),
      );
      expect(await countWhere(cohort.id, "enrolled")).toBe(3);
      expect(await enrollmentOf(third!.enrollmentId)).toMatchObject({ status: "waitlisted", waitlistRank: 3 });
      expect(
        await db.enrollmentChange.count({ where: { enrollmentId: first!.enrollmentId, toStatus: "enrolled" } }),
      ).toBe(1);
    }
  });
});
