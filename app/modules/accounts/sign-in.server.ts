import { db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { parseSignInIdentifier } from "./identifiers.ts";
import { decoyPasswordHash, verifyPassword } from "./password.server.ts";

export type SignInResult = { ok: true; personId: string } | { ok: false };

/**
 * Checks an identifier (mobile number or e-mail) and password. Unknown accounts,
 * inactive accounts and wrong passwords give the same answer after the same work.
 */
export async function signIn(input: { identifier: string; password: string; request: Request }): Promise<SignInResult> {
  const identifier = parseSignInIdentifier(input.identifier);
  const person = identifier
    ? await db.person.findUnique({
        where: identifier.kind === "mobile" ? { mobile: identifier.value } : { email: identifier.value },
        select: { id: true, status: true, passwordHash: true },
      })
    : null;
  const passwordOk = await verifyPassword(person?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!person || !person.passwordHash || !passwordOk || person.status !== "active") {
    await recordAudit({
      action: "auth.sign_in_failed",
      targetType: person ? "person" : undefined,
      targetId: person?.id,
      request: input.request,
      detail: person ? undefined : { identifier: input.identifier.slice(0, 100) },
    });
    return { ok: false };
  }
  await db.person.update({ where: { id: person.id }, data: { lastSignInAt: new Date() } });
  await recordAudit({ action: "auth.sign_in", actorId: person.id, targetType: "person", targetId: person.id, request: input.request });
  return { ok: true, personId: person.id };
}
