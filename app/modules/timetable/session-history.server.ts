// A session's change history: what each SessionChange snapshot holds, and how
// the history reads on the session page.
import { getFixedT } from "~/utils/i18n.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateTime, formatDay, formatTimeRange } from "~/utils/time.ts";
import type { SessionChangeKind, SessionHistoryEntry, SessionHistoryField } from "./sessions.ts";

/** The fields a change snapshot may hold; a change records only those it changed. */
export type Snapshot = {
  startsAt?: string;
  endsAt?: string;
  venueName?: string | null;
  kind?: string;
  lecturerNames?: string[];
  notes?: string | null;
  moduleTitle?: string;
  status?: string;
};

export type SessionChangeRecord = {
  id: string;
  kind: SessionChangeKind;
  at: Date;
  before: Snapshot | null;
  after: Snapshot | null;
  reason: string | null;
  /** Only for staff; trainees see what changed, not who changed it. */
  actorName?: string | null;
};

export function parseSnapshot(text: string | null): Snapshot | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Snapshot) : null;
  } catch {
    return null;
  }
}

const whenText = (startsAt: Date, endsAt: Date, timeZone: string, language: Language) =>
  `${formatDay(startsAt, timeZone, language)} ${formatTimeRange(startsAt, endsAt, timeZone)}`;

export function presentHistory(
  history: SessionChangeRecord[],
  timeZone: string,
  language: Language,
): SessionHistoryEntry[] {
  const separator = getFixedT(language)("common.listSeparator");
  const when = (s: Snapshot | null) =>
    s?.startsAt && s.endsAt ? whenText(new Date(s.startsAt), new Date(s.endsAt), timeZone, language) : null;
  return history.map((change) => {
    const { before, after } = change;
    const changes: SessionHistoryEntry["changes"] = [];
    const add = (field: SessionHistoryField, from: string | null | undefined, to: string | null | undefined) =>
      changes.push({ field, before: from ?? null, after: to ?? null });
    const has = (key: keyof Snapshot) => (after !== null && key in after) || (before !== null && key in before);
    if (has("startsAt")) add("time", when(before), when(after));
    if (has("venueName")) add("venue", before?.venueName, after?.venueName);
    if (has("moduleTitle") && change.kind !== "created") add("module", before?.moduleTitle, after?.moduleTitle);
    if (has("kind") && change.kind !== "created") add("kind", before?.kind, after?.kind);
    if (has("lecturerNames") && (change.kind !== "created" || after?.lecturerNames?.length)) {
      add("lecturers", before?.lecturerNames?.join(separator), after?.lecturerNames?.join(separator));
    }
    if (has("notes") && change.kind !== "created") add("notes", before?.notes, after?.notes);
    return {
      id: change.id,
      kind: change.kind,
      at: formatDateTime(change.at, timeZone, language),
      actorName: change.actorName ?? null,
      reason: change.reason,
      changes,
    };
  });
}
