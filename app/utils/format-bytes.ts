// File sizes as people read them, in their language.
import type { Language } from "./i18n.ts";

/** 512 B, 34 KB, 4.8 MB. */
export function formatBytes(bytes: number, language: Language = "zh-CN"): string {
  const format = (value: number, digits: number) =>
    new Intl.NumberFormat(language === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${bytes}\u00a0B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)}\u00a0KB`;
  return `${format(bytes / (1024 * 1024), 1)}\u00a0MB`;
}
