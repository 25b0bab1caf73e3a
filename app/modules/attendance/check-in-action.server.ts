// What a POST to the check-in page does, once, for both ways it arrives: the
// route's action (a page before JavaScript, a guest) and the server's fast path
// for the confirm a loaded page sends (check-in-fast-path.server.ts). Both read
// the same form and answer with the same result, so a trainee sees the same
// message whichever way the tap went.
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { RequestFacts } from "~/utils/request.server.ts";
import { existingDevice, proofFrom } from "./check-in-request.server.ts";
import { checkIn } from "./check-in.server.ts";
import { checkInPath, GuestFieldsSchema, parsePosition, type CheckInRefusal } from "./check-in.ts";
import { checkInGuest } from "./guests.server.ts";

export type CheckInActionResult =
  | { kind: "recorded"; status: string; already: boolean; guest: boolean }
  | { kind: "refused"; reason: CheckInRefusal; guest: boolean }
  | { kind: "guestErrors"; errors: Record<string, string[]> };

/** The action's answer: its data, or what it throws (the sign-in redirect, or 404 for a session that does not exist). */
export type CheckInAnswer =
  | { kind: "result"; result: CheckInActionResult }
  | { kind: "signIn"; location: string }
  | { kind: "notFound" };

/** Where a signed-out trainee is sent: the sign-in page, coming back to the check-in. */
export const checkInSignInLocation = (sessionId: string) => `/login?${new URLSearchParams({ redirectTo: checkInPath(sessionId) })}`;

export async function answerCheckIn(input: { request: RequestFacts; sessionId: string; form: FormData; now: Date }): Promise<CheckInAnswer> {
  const { request, sessionId, form, now } = input;
  const deviceId = await existingDevice(request);
  const position = parsePosition(form);
  const proof = proofFrom(form, { sessionId, deviceId, now });
  if (form.get("intent") === "guest") {
    const fields = GuestFieldsSchema.safeParse(Object.fromEntries(form));
    const errors: Record<string, string[]> = fields.success ? {} : (fields.error.flatten().fieldErrors as Record<string, string[]>);
    if (!proof) errors.code = ["checkin.errors.codeRequired"];
    if (!fields.success || !proof) return { kind: "result", result: { kind: "guestErrors", errors } };
    try {
      const outcome = await checkInGuest({ sessionId, ...fields.data, ...proof, now, deviceId, request });
      return {
        kind: "result",
        result: outcome.ok ? { kind: "recorded", status: outcome.status, already: outcome.already, guest: true } : { kind: "refused", reason: outcome.reason, guest: true },
      };
    } catch (error) {
      if (error instanceof DomainError) return { kind: "result", result: { kind: "guestErrors", errors: { [error.field ?? "form"]: [error.messageKey] } } };
      throw error;
    }
  }
  const user = await getCurrentUser(request);
  if (!user) return { kind: "signIn", location: checkInSignInLocation(sessionId) };
  if (!proof) return { kind: "result", result: { kind: "refused", reason: "invalid", guest: false } };
  const outcome = await checkIn({ sessionId, personId: user.id, ...proof, now, deviceId, position, request });
  if (!outcome.ok && outcome.reason === "not_found") return { kind: "notFound" };
  return {
    kind: "result",
    result: outcome.ok ? { kind: "recorded", status: outcome.status, already: outcome.already, guest: false } : { kind: "refused", reason: outcome.reason, guest: false },
  };
}
