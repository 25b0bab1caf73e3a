// Tracks and session kinds, shared with the browser. Names come from the translation files.

export const trackKeys = ["policy", "technology", "management"] as const;
export type TrackKey = (typeof trackKeys)[number];

export const sessionKinds = ["lecture", "workshop", "site_visit", "exchange"] as const;
export type SessionKind = (typeof sessionKinds)[number];
