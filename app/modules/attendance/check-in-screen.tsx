// The projector screen: a QR code and a six-digit code that change every slot,
// derived here in the browser from the window's key, so that a dropped network
// does not stop them; the count and the arriving names catch up by polling.
import QRCode from "qrcode";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { codesForSlot, SLOT_MS, slotAt, slotInWindow } from "./check-in-codes.ts";

export type ScreenState = {
  sessionId: string;
  keyHex: string;
  opensAt: string;
  closesAt: string;
  serverTime: string;
  checkedIn: number;
  expected: number;
  guests: number;
  recent: { id: string; name: string; late: boolean }[];
};

/** The QR code as an SVG path, the same on the server and in the browser. */
export function QrSvg({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    let d = "";
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { d, size: modules.size + 8 };
  }, [text]);
  return (
    <svg viewBox={`0 0 ${path.size} ${path.size}`} role="img" aria-label={label} className="h-full w-full bg-white" shapeRendering="crispEdges">
      <path d={path.d} fill="#000" />
    </svg>
  );
}

function useCodes(state: ScreenState, offsetMs: number, origin: string) {
  const [now, setNow] = useState(() => new Date(state.serverTime).getTime());
  useEffect(() => {
    const tick = () => setNow(Date.now() + offsetMs);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [offsetMs]);
  const slot = slotAt(now);
  const window = { opensAt: new Date(state.opensAt), closesAt: new Date(state.closesAt) };
  const open = now >= window.opensAt.getTime() && now < window.closesAt.getTime() && slotInWindow(slot, window);
  const codes = useMemo(() => (open ? codesForSlot(state.keyHex, state.sessionId, slot) : null), [open, state.keyHex, state.sessionId, slot]);
  const url = codes ? `${origin}/check-in/${state.sessionId}?t=${codes.qrToken}` : null;
  return { codes, url, now, secondsLeft: Math.ceil(((slot + 1) * SLOT_MS - now) / 1000), beforeOpen: now < window.opensAt.getTime() };
}

/** Keeps the screen awake where the browser can (HTTPS or localhost); elsewhere nothing happens. */
function useWakeLock() {
  useEffect(() => {
    type Sentinel = { release: () => Promise<void> };
    const wakeLock = (navigator as Navigator & { wakeLock?: { request: (type: "screen") => Promise<Sentinel> } }).wakeLock;
    if (!wakeLock) return;
    let sentinel: Sentinel | null = null;
    const take = () => {
      if (document.visibilityState === "visible") wakeLock.request("screen").then((s) => (sentinel = s), () => undefined);
    };
    take();
    document.addEventListener("visibilitychange", take);
    return () => {
      document.removeEventListener("visibilitychange", take);
      void sentinel?.release().catch(() => undefined);
    };
  }, []);
}

const POLL_MS = 3000;

/** Polls the count; a failed poll is only a stale count, shown as such. */
function usePolledState(initial: ScreenState, href: string) {
  const [state, setState] = useState(initial);
  const [offline, setOffline] = useState(false);
  const [offsetMs, setOffsetMs] = useState(() => new Date(initial.serverTime).getTime() - Date.now());
  const busy = useRef(false);
  useEffect(() => {
    const timer = setInterval(async () => {
      if (busy.current) return;
      busy.current = true;
      try {
        const response = await fetch(href, { headers: { Accept: "application/json" }, cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ScreenState;
        setState(next);
        setOffsetMs(new Date(next.serverTime).getTime() - Date.now());
        setOffline(false);
      } catch {
        setOffline(true);
      } finally {
        busy.current = false;
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [href]);
  return { state, offline, offsetMs };
}

export function CheckInScreen({ initial, origin, countHref, title, when }: { initial: ScreenState; origin: string; countHref: string; title: string; when: string }) {
  const { t } = useTranslation();
  const { state, offline, offsetMs } = usePolledState(initial, countHref);
  const { codes, url, secondsLeft, beforeOpen } = useCodes(state, offsetMs, origin);
  useWakeLock();
  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <div className="flex min-h-dvh flex-col gap-6 bg-white p-6 text-ink lg:p-10">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold lg:text-5xl">{title}</h1>
          <p className="mt-2 text-xl text-muted lg:text-2xl">{when}</p>
        </div>
        <button type="button" onClick={fullscreen} className="rounded-lg border border-line px-4 py-2 text-lg">
          {t("checkin.screen.fullscreen")}
        </button>
      </header>
      <main className="grid flex-1 items-center gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="mx-auto aspect-square w-full max-w-[min(80vh,640px)]">
          {url && codes ? (
            <a href={url} data-testid="check-in-qr" data-check-in-url={url} className="block h-full w-full" tabIndex={-1}>
              <QrSvg text={url} label={t("checkin.screen.qrLabel")} />
            </a>
          ) : (
            <p className="flex h-full items-center justify-center rounded-xl border-4 border-dashed border-line p-8 text-center text-3xl text-muted" data-testid="check-in-closed">
              {t(beforeOpen ? "checkin.screen.notOpen" : "checkin.screen.closed")}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-6">
          {codes ? (
            <div>
              <p className="text-2xl text-muted">{t("checkin.screen.typeCode")}</p>
              <p className="font-mono text-7xl font-bold tracking-[0.2em] tabular-nums lg:text-9xl" data-testid="check-in-code">
                {codes.code}
              </p>
              <p className="text-lg text-muted">{t("checkin.screen.changesIn", { count: secondsLeft })}</p>
            </div>
          ) : null}
          <div aria-live="polite">
            <p className="text-2xl text-muted">{t("checkin.screen.checkedIn")}</p>
            <p className="text-7xl font-bold tabular-nums" data-testid="check-in-count">
              {state.checkedIn} <span className="text-4xl text-muted">/ {state.expected}</span>
            </p>
            {state.guests ? <p className="text-xl text-muted">{t("checkin.screen.guests", { count: state.guests })}</p> : null}
            {offline ? <p className="mt-2 text-lg text-amber-700">{t("checkin.screen.offline")}</p> : null}
          </div>
          <ul className="flex flex-wrap gap-2 text-xl" aria-label={t("checkin.screen.arriving")} data-testid="check-in-recent">
            {state.recent.map((r) => (
              <li key={r.id} className={`rounded-full px-3 py-1 ${r.late ? "bg-amber-100 text-amber-900" : "bg-emerald-50 text-emerald-900"}`}>
                {r.name}
              </li>
            ))}
          </ul>
        </div>
      </main>
    </div>
  );
}
