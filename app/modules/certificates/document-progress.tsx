// The certificates page's file progress: while a batch's PDFs and images are
// drawn on the server, the count of those ready, polled every second or so;
// without JavaScript the same count with a link that reloads the page. Files
// left undrawn (the server stopped) can be drawn from here, or on first download.
import { Form, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";

export type FilesProgress = { total: number; ready: number; drawing: boolean };

const POLL_MS = 1200;

export function DocumentProgress({ initial, pollUrl, archiveUrl }: { initial: FilesProgress; pollUrl: string; archiveUrl: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const revalidator = useRevalidator();
  const [progress, setProgress] = useState(initial);
  useEffect(() => setProgress(initial), [initial]);

  const drawing = progress.drawing && progress.ready < progress.total;
  useEffect(() => {
    if (!drawing) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(pollUrl, { headers: { Accept: "application/json" } }).catch(() => null);
      if (stopped || !response?.ok) return;
      const next = (await response.json()) as FilesProgress;
      setProgress(next);
      // Done: the page's own data (links, counts) is read again once.
      if (!next.drawing || next.ready >= next.total) revalidator.revalidate();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // The revalidator changes identity on every render; the poll depends on the URL and whether files are being drawn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawing, pollUrl]);

  if (progress.total === 0) return null;
  const percent = Math.round((progress.ready / progress.total) * 100);
  const missing = progress.total - progress.ready;
  return (
    <section className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4" aria-labelledby="certificate-files-heading" data-testid="certificate-files">
      <h3 id="certificate-files-heading" className="font-semibold">
        {t("certificates.admin.documentsTitle")}
      </h3>
      <p className="text-sm" role="status" aria-live="polite">
        {t("certificates.admin.documentsProgress", progress)}
        {drawing ? ` · ${t("certificates.admin.documentsDrawing")}` : ""}
      </p>
      <div
        role="progressbar"
        aria-label={t("certificates.admin.documentsTitle")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-3 overflow-hidden rounded-full bg-gray-100"
      >
        <div className={`h-full rounded-full ${missing === 0 ? "bg-emerald-600" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
      </div>
      {drawing ? (
        <a href={`${location.pathname}${location.search}`} className="self-start text-sm text-brand-700 underline">
          {t("certificates.admin.documentsRefresh")}
        </a>
      ) : missing > 0 ? (
        <Form method="post" className="flex flex-col gap-2">
          <p className="text-sm text-muted">{t("certificates.admin.documentsInterrupted", { count: missing })}</p>
          <input type="hidden" name="intent" value="documents" />
          <Button type="submit" variant="secondary" className="self-start">
            {t("certificates.admin.documentsResume")}
          </Button>
        </Form>
      ) : (
        <p className="text-sm text-emerald-800">{t("certificates.admin.documentsReady")}</p>
      )}
      <a href={archiveUrl} download className="inline-flex min-h-11 items-center self-start font-medium text-brand-700 underline" data-testid="certificate-archive">
        {t("certificates.admin.downloadArchive", { count: progress.total })}
      </a>
      <p className="text-sm text-muted">{t("certificates.admin.archiveHint")}</p>
    </section>
  );
}
