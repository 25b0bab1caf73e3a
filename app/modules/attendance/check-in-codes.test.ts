import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkQrToken,
  checkTypedCode,
  codesForSlot,
  OPENED_AT_LIMIT_MS,
  readOpenedAt,
  signOpenedAt,
  SLOT_MS,
  slotAt,
  windowKey,
} from "./check-in-codes.ts";

const secret = "server-secret-for-tests";
const window = { opensAt: new Date("2025-03-03T00:30:00Z"), closesAt: new Date("2025-03-03T04:15:00Z") };
const sessionId = "session-a";
const key = windowKey(secret, sessionId, window);
const inClass = new Date("2025-03-03T01:00:07Z");
const shown = codesForSlot(key, sessionId, slotAt(inClass));
const after = (ms: number) => new Date(inClass.getTime() + ms);
const qr = (token: string, at: Date, id = sessionId, k = key) => checkQrToken({ keyHex: k, sessionId: id, window, token, at });
const typed = (code: string, at: Date, id = sessionId, k = key) => checkTypedCode({ keyHex: k, sessionId: id, window, code, at });

describe("check-in codes", () => {
  it("derive the same key as Node's own HMAC-SHA256, so the projector and the server agree", () => {
    const expected = createHmac("sha256", secret).update(`${sessionId}||${window.opensAt.toISOString()}|${window.closesAt.toISOString()}`).digest("hex");
    expect(key).toBe(expected);
    expect(shown.code).toMatch(/^\d{6}$/);
  });

  it("accept a code in its own slot and the one after it", () => {
    expect(qr(shown.qrToken, inClass)).toEqual({ ok: true, slot: shown.slot });
    expect(typed(shown.code, inClass)).toEqual({ ok: true, slot: shown.slot });
    expect(qr(shown.qrToken, after(SLOT_MS))).toMatchObject({ ok: true });
    expect(typed(shown.code, after(SLOT_MS))).toMatchObject({ ok: true });
  });

  it("refuse an expired code, and a replay of an accepted one once its two slots are over", () => {
    expect(qr(shown.qrToken, after(2 * SLOT_MS))).toEqual({ ok: false, reason: "expired" });
    expect(typed(shown.code, after(2 * SLOT_MS))).toEqual({ ok: false, reason: "expired" });
    expect(qr(shown.qrToken, after(45 * 60_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse a forged code", () => {
    const forged = `${shown.slot}.${"0".repeat(32)}`;
    expect(qr(forged, inClass)).toEqual({ ok: false, reason: "invalid" });
    expect(qr("not-a-token", inClass)).toEqual({ ok: false, reason: "invalid" });
    const wrongKey = windowKey("another-secret", sessionId, window);
    expect(qr(codesForSlot(wrongKey, sessionId, shown.slot).qrToken, inClass)).toEqual({ ok: false, reason: "invalid" });
    const wrongDigits = String((Number(shown.code) + 1) % 1_000_000).padStart(6, "0");
    expect(typed(wrongDigits, inClass).ok).toBe(false);
    expect(typed("12ab56", inClass)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuse another session's code", () => {
    const otherKey = windowKey(secret, "session-b", window);
    const other = codesForSlot(otherKey, "session-b", shown.slot);
    expect(qr(other.qrToken, inClass)).toEqual({ ok: false, reason: "invalid" });
    // Even where the six digits happen to be derived with this session's id, the key differs.
    expect(qr(codesForSlot(otherKey, sessionId, shown.slot).qrToken, inClass)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuse a code for a slot that has not come yet", () => {
    const future = codesForSlot(key, sessionId, shown.slot + 1);
    expect(qr(future.qrToken, inClass)).toEqual({ ok: false, reason: "future" });
    expect(typed(future.code, inClass).ok).toBe(false);
  });

  it("refuse everything outside the check-in window", () => {
    const early = new Date(window.opensAt.getTime() - 1000);
    const earlyCodes = codesForSlot(key, sessionId, slotAt(early));
    expect(qr(earlyCodes.qrToken, early)).toEqual({ ok: false, reason: "not_open" });
    expect(typed(earlyCodes.code, early)).toEqual({ ok: false, reason: "not_open" });
    const late = new Date(window.closesAt.getTime() + 1000);
    const lateCodes = codesForSlot(key, sessionId, slotAt(late));
    expect(qr(lateCodes.qrToken, late)).toEqual({ ok: false, reason: "closed" });
    expect(typed(lateCodes.code, late)).toEqual({ ok: false, reason: "closed" });
    // A window moved by staff gives another key: the old screen's codes stop working.
    const moved = windowKey(secret, sessionId, { ...window, closesAt: new Date(window.closesAt.getTime() + 60_000) });
    expect(moved).not.toBe(key);
  });

  it("keep the time a link was opened across a quick sign-in, on the same phone only", () => {
    const device = "device-1";
    const opened = signOpenedAt(secret, { sessionId, token: shown.qrToken, deviceId: device, openedAt: inClass });
    const back = after(90_000);
    const openedAt = readOpenedAt(secret, opened, { sessionId, token: shown.qrToken, deviceId: device, now: back });
    expect(openedAt).toEqual(inClass);
    // Judged at the time it was opened, the code is good; judged on return, it has expired.
    expect(qr(shown.qrToken, openedAt!)).toMatchObject({ ok: true });
    expect(qr(shown.qrToken, back)).toEqual({ ok: false, reason: "expired" });
    // Too slow, another phone, another token or a tampered time: no grace.
    expect(readOpenedAt(secret, opened, { sessionId, token: shown.qrToken, deviceId: device, now: after(OPENED_AT_LIMIT_MS + 1) })).toBeNull();
    expect(readOpenedAt(secret, opened, { sessionId, token: shown.qrToken, deviceId: "device-2", now: back })).toBeNull();
    expect(readOpenedAt(secret, opened, { sessionId: "session-b", token: shown.qrToken, deviceId: device, now: back })).toBeNull();
    const tampered = opened.replace(/^\d+/, String(back.getTime()));
    expect(readOpenedAt(secret, tampered, { sessionId, token: shown.qrToken, deviceId: device, now: back })).toBeNull();
    expect(readOpenedAt(secret, "garbage", { sessionId, token: shown.qrToken, deviceId: device, now: back })).toBeNull();
  });
});
