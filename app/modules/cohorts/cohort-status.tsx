import type { Tone } from "~/components/ui/status-pill.tsx";

export const cohortStatusTone: Record<string, Tone> = {
  draft: "neutral",
  enrolling: "info",
  running: "success",
  completed: "warning",
  archived: "neutral",
};

export const enrollmentStatusTone: Record<string, Tone> = {
  applied: "info",
  enrolled: "success",
  waitlisted: "warning",
  declined: "neutral",
  completed: "success",
  withdrawn: "neutral",
};
