import { useTranslation } from "react-i18next";
import { trackKeys, type TrackKey } from "~/modules/academy/tracks.ts";
import { trackBarClass } from "~/modules/academy/track-badge.tsx";

export type CohortCardData = {
  cohortId: string;
  title: string;
  dates: string;
  status: string;
  enrollmentStatus: string;
  venue: string | null;
  organisers: string[];
  partners: string[];
  hoursByTrack: Record<TrackKey, number>;
};

/** Credit hours per track as one bar: the three-track balance of a programme. */
export function TrackBalance({ hoursByTrack }: { hoursByTrack: Record<TrackKey, number> }) {
  const { t } = useTranslation();
  const total = trackKeys.reduce((sum, key) => sum + hoursByTrack[key], 0);
  if (!total) return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex h-3 overflow-hidden rounded-full bg-canvas" aria-hidden>
        {trackKeys.map((key) => (
          <div key={key} className={trackBarClass[key]} style={{ width: `${(hoursByTrack[key] / total) * 100}%` }} />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {trackKeys.map((key) => (
          <li key={key} className="flex items-center gap-1.5">
            <span className={`inline-block size-2.5 rounded-full ${trackBarClass[key]}`} aria-hidden />
            {t(`tracks.${key}`)} {t("common.hours", { count: hoursByTrack[key] })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Dates, venue, organisers and partner of a cohort, as trainees and applicants see them. */
export function CohortFacts({ facts }: { facts: Pick<CohortCardData, "dates" | "venue" | "organisers" | "partners"> }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    ["cohort.dates", facts.dates],
    ["cohort.venue", facts.venue],
    ["cohort.organisers", facts.organisers.join(t("common.listSeparator")) || null],
    ["cohort.partner", facts.partners.join(t("common.listSeparator")) || null],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

export function CohortCard({ cohort }: { cohort: CohortCardData }) {
  const { t } = useTranslation();
  return (
    <article className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm" data-testid="my-cohort">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">
          {t(`enrollmentStatus.${cohort.enrollmentStatus}`)}
        </span>
        <span className="text-xs text-muted">{t(`cohortStatus.${cohort.status}`)}</span>
      </div>
      <h3 className="text-lg font-semibold leading-snug">{cohort.title}</h3>
      <CohortFacts facts={cohort} />
      <TrackBalance hoursByTrack={cohort.hoursByTrack} />
    </article>
  );
}
