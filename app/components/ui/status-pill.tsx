import type { ReactNode } from "react";

const tones = {
  neutral: "bg-gray-100 text-gray-700",
  info: "bg-blue-50 text-blue-800",
  success: "bg-emerald-50 text-emerald-800",
  warning: "bg-amber-50 text-amber-900",
  danger: "bg-brand-50 text-brand-700",
} as const;

export type Tone = keyof typeof tones;

export function StatusPill({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tones[tone]}`}>{children}</span>;
}

export const personStatusTone: Record<string, Tone> = { invited: "warning", active: "success", deactivated: "neutral" };
