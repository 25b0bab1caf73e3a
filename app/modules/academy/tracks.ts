// Tracks and session kinds, shared with the browser. Names come from the translation files.

export const trackKeys = ["policy", "technology", "management"] as const;
export type TrackKey = (typeof trackKeys)[number];

export const sessionKinds = ["lecture", "workshop", "site_visit", "exchange"] as const;
export type SessionKind = (typeof sessionKinds)[number];

export type HoursByTrack = Record<TrackKey, number>;

const noHours = (): HoursByTrack => ({ policy: 0, technology: 0, management: 0 });

/** Credit hours per track of a set of modules (the programme's balance). */
export function hoursByTrackOf(modules: { track: TrackKey; creditHours: number }[]): HoursByTrack {
  const hours = noHours();
  for (const module of modules) hours[module.track] += module.creditHours;
  return hours;
}
