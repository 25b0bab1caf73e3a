// The grid as the page shows it: session headings in the academy's time zone, the rest as cohortGrid gives it.
import type { Language } from "~/utils/i18n.ts";
import { formatShortDate, formatTime, localDate } from "~/utils/time.ts";
import type { AttendanceGrid } from "./grid.server.ts";

export function presentGrid(grid: AttendanceGrid, timeZone: string, language: Language) {
  const moduleTitle = new Map(grid.modules.map((m) => [m.id, m.title]));
  return {
    ...grid,
    sessions: grid.sessions.map((s) => ({
      id: s.id,
      phase: s.phase,
      trackKey: s.trackKey,
      moduleTitle: moduleTitle.get(s.moduleId) ?? "",
      date: formatShortDate(localDate(s.startsAt, timeZone), language),
      time: formatTime(s.startsAt, timeZone),
      standing: s.standing,
    })),
  };
}

export type GridView = ReturnType<typeof presentGrid>;
