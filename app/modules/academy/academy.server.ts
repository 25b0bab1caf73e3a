import type { Language } from "~/utils/i18n.ts";
import { db } from "~/utils/db.server.ts";
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
