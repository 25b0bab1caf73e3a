// Rotating check-in codes, shared by the server and the projector screen.
//
// The server holds one secret. For each session and check-in window it derives
// a key, HMAC-SHA256(secret, sessionId|window); only that key goes to the
// projector, which derives each time slot's codes itself, so a dropped network
// does not stop the codes. A slot's tag is HMAC-SHA256(key, sessionId|slot):
// the QR carries the slot and 16 bytes of the tag; the typed code is six digits
// cut from the same tag. A code is accepted only for its slot and the one
// before, only inside the window it was derived for. @noble/hashes, not Web
// Crypto, because a projector opened over plain HTTP on a LAN has no Web Crypto.
import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils";

/** A code lives one slot on screen and is accepted for one more. */
export const SLOT_MS = 15_000;
export const CODE_DIGITS = 6;
/** A check-in link opened before signing in keeps the time it was opened for this long. */
export const OPENED_AT_LIMIT_MS = 2 * 60_000;

export type CheckInWindowRange = { opensAt: Date; closesAt: Date };

const hmacHex = (key: Uint8Array | string, message: string) =>
  bytesToHex(hmac(sha256, typeof key === "string" ? utf8ToBytes(key) : key, utf8ToBytes(message)));

/** The key of one session and window, as hex: what the projector screen receives. */
export function windowKey(serverSecret: string, sessionId: string, window: CheckInWindowRange, sessionSecret = ""): string {
  return hmacHex(serverSecret, `${sessionId}|${sessionSecret}|${window.opensAt.toISOString()}|${window.closesAt.toISOString()}`);
}

export const slotAt = (at: Date | number) => Math.floor((typeof at === "number" ? at : at.getTime()) / SLOT_MS);
export const slotStart = (slot: number) => new Date(slot * SLOT_MS);

function tag(keyHex: string, sessionId: string, slot: number): string {
  return hmacHex(hexToBytes(keyHex), `${sessionId}|${slot}`);
}

/** Six digits from the tag (the HOTP truncation of RFC 4226 over its first bytes). */
function digitsOf(tagHex: string): string {
  const value = Number.parseInt(tagHex.slice(0, 8), 16) & 0x7fffffff;
  return String(value % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, "0");
}

export type SlotCodes = { slot: number; qrToken: string; code: string };

/** The codes a projector shows in `slot`. */
export function codesForSlot(keyHex: string, sessionId: string, slot: number): SlotCodes {
  const t = tag(keyHex, sessionId, slot);
  return { slot, qrToken: `${slot}.${t.slice(0, 32)}`, code: digitsOf(t) };
}

/** The projector shows codes only inside the window; outside it, nothing to scan. */
export function slotInWindow(slot: number, window: CheckInWindowRange): boolean {
  const start = slotStart(slot).getTime();
  return start + SLOT_MS > window.opensAt.getTime() && start < window.closesAt.getTime();
}

export type CodeRefusal = "not_open" | "closed" | "expired" | "future" | "invalid";
export type CodeCheck = { ok: true; slot: number } | { ok: false; reason: CodeRefusal };

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function windowRefusal(window: CheckInWindowRange, at: Date): CodeRefusal | null {
  if (at < window.opensAt) return "not_open";
  if (at >= window.closesAt) return "closed";
  return null;
}

/** How many past slots a refused typed code is compared against, to say "expired" rather than "wrong". */
const EXPIRED_LOOKBACK_SLOTS = 20;

/**
 * Checks a scanned QR token ("slot.tag") at `at`: the tag must be this
 * session's for that slot, the slot the current one or the one before, and
 * `at` inside the window.
 */
export function checkQrToken(input: { keyHex: string; sessionId: string; window: CheckInWindowRange; token: string; at: Date }): CodeCheck {
  const match = /^(\d{1,12})\.([0-9a-f]{32})$/.exec(input.token.trim());
  if (!match) return { ok: false, reason: "invalid" };
  const slot = Number(match[1]);
  if (!constantTimeEqual(codesForSlot(input.keyHex, input.sessionId, slot).qrToken, input.token.trim())) return { ok: false, reason: "invalid" };
  const refusal = windowRefusal(input.window, input.at);
  if (refusal) return { ok: false, reason: refusal };
  const now = slotAt(input.at);
  if (slot > now) return { ok: false, reason: "future" };
  if (slot < now - 1 || !slotInWindow(slot, input.window)) return { ok: false, reason: "expired" };
  return { ok: true, slot };
}

/** Checks a typed six-digit code at `at`: this slot's or the one before, inside the window. */
export function checkTypedCode(input: { keyHex: string; sessionId: string; window: CheckInWindowRange; code: string; at: Date }): CodeCheck {
  const code = input.code.replace(/\s/g, "");
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) return { ok: false, reason: "invalid" };
  const refusal = windowRefusal(input.window, input.at);
  if (refusal) return { ok: false, reason: refusal };
  const now = slotAt(input.at);
  for (const slot of [now, now - 1]) {
    if (slotInWindow(slot, input.window) && constantTimeEqual(codesForSlot(input.keyHex, input.sessionId, slot).code, code)) return { ok: true, slot };
  }
  for (let slot = now - 2; slot >= now - EXPIRED_LOOKBACK_SLOTS; slot -= 1) {
    if (constantTimeEqual(codesForSlot(input.keyHex, input.sessionId, slot).code, code)) return { ok: false, reason: "expired" };
  }
  return { ok: false, reason: "invalid" };
}

/**
 * A signed "opened at" value for a check-in link, bound to the session, the
 * token and the device cookie, so that a trainee who has to sign in first is
 * judged by when they opened the link; worthless on another phone.
 */
export function signOpenedAt(serverSecret: string, input: { sessionId: string; token: string; deviceId: string; openedAt: Date }): string {
  const ms = input.openedAt.getTime();
  return `${ms}.${hmacHex(serverSecret, `opened|${input.sessionId}|${input.token}|${input.deviceId}|${ms}`).slice(0, 32)}`;
}

/** The time a link was opened, when the value is genuine and not older than the limit; else null. */
export function readOpenedAt(
  serverSecret: string,
  value: string | null | undefined,
  input: { sessionId: string; token: string; deviceId: string; now: Date },
): Date | null {
  const match = /^(\d{1,15})\.([0-9a-f]{32})$/.exec(value ?? "");
  if (!match) return null;
  const openedAt = new Date(Number(match[1]));
  if (!constantTimeEqual(signOpenedAt(serverSecret, { ...input, openedAt }), value!)) return null;
  const age = input.now.getTime() - openedAt.getTime();
  return age >= 0 && age <= OPENED_AT_LIMIT_MS ? openedAt : null;
}
