// What a certificate certifies, and the cohort's rule for earning one: pure
// functions shared by server and browser. The snapshot is written once, at
// issue time, and everything printed or verified reads it, never live data.
import type { TrackKey } from "~/modules/academy/tracks.ts";

/** Every field printed on a certificate, as it stood when it was issued. */
export type CertificateSnapshot = {
  serial: string;
  verificationCode: string;
  /** YYYY-MM-DD in the academy's time zone. */
  issuedOn: string;
  traineeName: string;
  cohortTitle: string;
  cohortCode: string;
  startDate: string;
  endDate: string;
  organisers: {
    name: string;
    role: "organiser" | "co_organiser" | "teaching_partner";
    level: string | null;
    organisationId: string;
  }[];
  academyName: string;
  hoursByTrack: { track: TrackKey; hours: number }[];
  totalHours: number;
  attendanceRate: number | null;
  verifyUrl: string;
};
