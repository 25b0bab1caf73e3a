// A short description of a browser for the list of signed-in devices. Product
// names stay as they are in both languages.

const browsers: [RegExp, string][] = [
  [/MicroMessenger/i, "WeChat"],
  [/DingTalk/i, "DingTalk"],
  [/Edg\//, "Edge"],
  [/(?:Chrome|CriOS)\//, "Chrome"],
  [/Firefox\//, "Firefox"],
  [/Safari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/HarmonyOS|OpenHarmony/, "HarmonyOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return [browser, system].filter(Boolean).join(" · ") || null;
}

/** WeChat's built-in browser, which cannot subscribe to or add calendars. */
export function isWeChat(userAgent: string | null): boolean {
  return /MicroMessenger/i.test(userAgent ?? "");
}
