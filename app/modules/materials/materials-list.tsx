import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/utils/i18n.ts";
import { formatBytes, type MaterialView } from "./materials.ts";

const badgeClass: Record<MaterialView["typeGroup"], string> = {
  pdf: "bg-red-50 text-red-800 ring-red-200",
  word: "bg-blue-50 text-blue-800 ring-blue-200",
  powerpoint: "bg-orange-50 text-orange-800 ring-orange-200",
  excel: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  image: "bg-violet-50 text-violet-800 ring-violet-200",
  link: "bg-canvas text-muted ring-line",
  other: "bg-canvas text-muted ring-line",
};

/** A short type mark: the same product names in both languages, "Link" translated. */
export function MaterialTypeBadge({ material }: { material: Pick<MaterialView, "typeGroup" | "typeLabel"> }) {
  const { t } = useTranslation();
  const label = material.typeGroup === "link" ? t("faculty.materials.link") : (material.typeLabel ?? t("faculty.materials.file"));
  return (
    <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-semibold ring-1 ${badgeClass[material.typeGroup]}`}>
      {label}
    </span>
  );
}

/**
 * A module's materials for trainees and staff: files download from
 * /materials/<id> (only the cohort's people get them), links open the other site.
 * `actions` renders extra controls beside each one (staff's remove button).
 */
export function MaterialsList({
  materials,
  actions,
  emptyText,
}: {
  materials: MaterialView[];
  actions?: (material: MaterialView) => ReactNode;
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = (i18n.language === "en" ? "en" : "zh-CN") as Language;
  if (!materials.length) return emptyText ? <p className="text-sm text-muted">{emptyText}</p> : null;
  return (
    <ul className="flex flex-col divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface" data-testid="materials-list">
      {materials.map((material) => {
        const href = material.kind === "file" ? `/materials/${material.id}` : (material.url ?? "#");
        const detail =
          material.kind === "file"
            ? [material.fileName, material.sizeBytes !== null ? formatBytes(material.sizeBytes, language) : null, material.addedAt]
            : [material.url ? hostOf(material.url) : null, material.addedAt];
        return (
          <li key={material.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
            <a
              href={href}
              className="flex min-h-11 min-w-0 flex-1 items-center gap-3 hover:underline"
              {...(material.kind === "link" ? { target: "_blank", rel: "noopener noreferrer" } : { download: material.fileName ?? true })}
            >
              <MaterialTypeBadge material={material} />
              <span className="flex min-w-0 flex-col">
                <span className="font-medium [overflow-wrap:anywhere]">{material.title}</span>
                {detail.some(Boolean) ? <span className="break-words text-sm text-muted">{detail.filter(Boolean).join(" · ")}</span> : null}
              </span>
              {material.kind === "link" ? <span className="sr-only">{t("faculty.materials.opensNewWindow")}</span> : null}
            </a>
            {actions ? actions(material) : null}
          </li>
        );
      })}
    </ul>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
