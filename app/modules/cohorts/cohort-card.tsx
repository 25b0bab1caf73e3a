import { useTranslation } from "react-i18next";
import { trackKeys, type TrackKey } from "~/modules/curriculum/curriculum.ts";
import { trackBarClass } from "~/modules/curriculum/track-badge.tsx";

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
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">{t("cohort.dates")}</dt>
        <dd>{cohort.dates}</dd>
        {cohort.venue ? (
          <>
            <dt className="text-muted">{t("cohort.venue")}</dt>
            <dd>{cohort.venue}</dd>
          </>
        ) : null}
        {cohort.organisers.length ? (
          <>
            <dt className="text-muted">{t("cohort.organisers")}</dt>
            <dd>{cohort.organisers.join(t("common.listSeparator"))}</dd>
          </>
        ) : null}
        {cohort.partners.length ? (
          <>
            <dt className="text-muted">{t("cohort.partner")}</dt>
            <dd>{cohort.partners.join(t("common.listSeparator"))}</dd>
          </>
        ) : null}
      </dl>
      <TrackBalance hoursByTrack={cohort.hoursByTrack} />
    </article>
  );
}
