import type { Language } from "~/utils/i18n.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { DEFAULT_TIME_ZONE } from "~/utils/time.ts";

export type AcademySettings = { name: string; nameEn: string | null; timeZone: string };

/** The academy this installation serves (the first one; one academy per installation for now). */
export async function getAcademySettings(): Promise<AcademySettings> {
  const academy = await db.academy.findFirst({
    orderBy: { createdAt: "asc" },
    select: { name: true, nameEn: true, timeZone: true },
  });
  return academy ?? { name: "", nameEn: null, timeZone: DEFAULT_TIME_ZONE };
}

/** The academy's name in the reader's language (falls back to the Chinese name). */
export function academyName(academy: AcademySettings, language: Language): string {
  return (language === "en" ? academy.nameEn : null) || academy.name;
}

/** Whether the runtime knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone }).format(0);
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(timeZone);
  } catch {
    return false;
  }
}

/** Renames the academy and sets the time zone in which every timetable, feed and check-in is read. */
export async function updateAcademySettings(input: { name: string; nameEn: string | null; timeZone: string }, actor: { id: string }, request: Request, now: Date): Promise<void> {
  if (!isKnownTimeZone(input.timeZone)) throw new DomainError("settings.errors.timeZoneUnknown", "timeZone");
  await db.$transaction(async (tx) => {
    const academy = await tx.academy.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, nameEn: true, timeZone: true } });
    if (!academy) throw new Response("Not found", { status: 404 });
    await tx.academy.update({ where: { id: academy.id }, data: input });
    await recordAudit(
      { action: "academy.settings_changed", actorId: actor.id, targetType: "academy", targetId: academy.id, request, at: now, detail: { before: { name: academy.name, nameEn: academy.nameEn, timeZone: academy.timeZone }, after: input } },
      tx,
    );
  });
}
