// What an issued certificate certified, fixed at the time of issue: the PDF, the
// image and the verification page are all drawn from this snapshot alone.

export type CertificateSnapshot = {
  serial: string; verificationCode: string; issuedOn: string /* YYYY-MM-DD academy zone */;
  traineeName: string; cohortTitle: string; cohortCode: string; startDate: string; endDate: string;
  organisers: { name: string; role: "organiser" | "co_organiser" | "teaching_partner"; level: string | null; organisationId: string }[];
  academyName: string; hoursByTrack: { track: "policy" | "technology" | "management"; hours: number }[]; totalHours: number;
  attendanceRate: number | null; verifyUrl: string;
};
