// Cohort states and the moves between them, shared with the browser.

export const cohortStatuses = ["draft", "enrolling", "running", "completed", "archived"] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export const enrollmentStatuses = ["applied", "enrolled", "waitlisted", "declined", "completed", "withdrawn"] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** Enrollments that hold a seat in the cohort. */
export const seatHoldingStatuses: readonly EnrollmentStatus[] = ["enrolled", "completed"];

/**
 * The moves a cohort's status may make. Going back (reopening enrolment,
 * restoring an archived cohort) and archiving a draft need a reason.
 */
export const cohortTransitions: Record<CohortStatus, readonly CohortStatus[]> = {
  draft: ["enrolling", "archived"],
  enrolling: ["running", "draft"],
  running: ["completed"],
  completed: ["archived"],
  archived: ["completed"],
};

export const transitionsNeedingReason: readonly `${CohortStatus}>${CohortStatus}`[] = [
  "enrolling>draft",
  "draft>archived",
  "archived>completed",
];

export function canMove(from: CohortStatus, to: CohortStatus): boolean {
  return cohortTransitions[from].includes(to);
}

/** Cohorts whose public page takes applications. */
export const acceptsApplications = (status: CohortStatus) => status === "enrolling";
