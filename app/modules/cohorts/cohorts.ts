// Cohort states and the moves between them, shared with the browser.

export const cohortStatuses = ["draft", "enrolling", "running", "completed", "archived"] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export const enrollmentStatuses = ["applied", "enrolled", "waitlisted", "declined", "completed", "withdrawn"] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** Enrollments that hold a seat in the cohort. */
export const seatHoldingStatuses: readonly EnrollmentStatus[] = ["enrolled", "completed"];
