import { useTranslation } from "react-i18next";
import type { TrackKey } from "~/modules/academy/tracks.ts";

const trackClasses: Record<TrackKey, string> = {
  policy: "bg-amber-50 text-track-policy ring-amber-200",
  technology: "bg-blue-50 text-track-technology ring-blue-200",
  management: "bg-emerald-50 text-track-management ring-emerald-200",
};

export function TrackBadge({ track }: { track: TrackKey }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${trackClasses[track]}`}>
      {t(`tracks.${track}`)}
    </span>
  );
}

export const trackBarClass: Record<TrackKey, string> = {
  policy: "bg-track-policy",
  technology: "bg-track-technology",
  management: "bg-track-management",
};
