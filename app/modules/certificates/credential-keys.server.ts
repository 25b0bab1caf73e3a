// The academy's Ed25519 signing keys. The private key is sealed with the server
// secret (AES-256-GCM under a key derived from it by HKDF), kept only in the
// database, and opened in memory to sign; it is never logged or sent. Rotation
// retires the current key and makes a new one: a retired key stays published,
// so the credentials it signed still verify, but signs nothing more.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { can } from "~/modules/accounts/authorization.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";
import { localDate } from "~/utils/time.ts";
import type { Actor } from "./access.server.ts";

type Client = Prisma.TransactionClient | typeof db;

const SEAL_INFO = "academy:credential-signing-key:v1";

function sealingKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, salt, SEAL_INFO, 32));
}

/** v1.<salt>.<iv>.<tag>.<ciphertext>, base64url: a fresh salt and nonce every time. */
export function sealSecret(plain: string, secret = sessionSecrets()[0]!): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, salt), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", salt, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Opens a sealed key with the current secret or an earlier one still configured (SESSION_SECRET=new,old). */
export function openSealed(sealed: string, secrets = sessionSecrets()): string {
  return openSealedWith(sealed, secrets).plain;
}

/** `stale`: opened with an earlier secret, so it should be sealed again with the current one. */
function openSealedWith(sealed: string, secrets: readonly string[]): { plain: string; stale: boolean } {
  const [version, salt, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !salt || !iv || !tag || body === undefined) throw new Error("A signing key is sealed in an unknown format");
  for (const [position, secret] of secrets.entries()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret, Buffer.from(salt, "base64url")), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return { plain: Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8"), stale: position > 0 };
    } catch {
      // Sealed under another of the secrets: try the next.
    }
  }
  throw new Error("The signing key cannot be opened with the server secret (was SESSION_SECRET changed without keeping the old one?)");
}

export type PublicKey = { keyId: string; publicKeyMultibase: string; createdAt: Date; retiredAt: Date | null };

/** A key id that sorts by date and cannot repeat: key-2026-12-01-3f9a1c. */
function newKeyId(now: Date): string {
  return `key-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString("hex")}`;
}

async function createKey(client: Client, now: Date) {
  const keyId = newKeyId(now);
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return client.signingKey.create({
    data: { keyId, publicKeyMultibase: exported.publicKeyMultibase, secretKeySealed: sealSecret(exported.secretKeyMultibase!), createdAt: now },
    select: { id: true, keyId: true },
  });
}

const currentWhere = { retiredAt: null } as const;
const newestFirst = [{ createdAt: "desc" as const }, { keyId: "desc" as const }];

/** Makes the academy's first key when it has none; run at start, and lazily before the first signature. */
export async function ensureSigningKey(client: Client = db, now = new Date()): Promise<void> {
  if (await client.signingKey.findFirst({ where: currentWhere, select: { id: true } })) return;
  await createKey(client, now);
}

/** The key that signs now, opened; made first if the academy has none yet. */
export async function currentSigningKey(client: Client, now: Date): Promise<{ id: string; keyId: string; secretKeyMultibase: string; publicKeyMultibase: string }> {
  let row = await client.signingKey.findFirst({ where: currentWhere, orderBy: newestFirst });
  if (!row) {
    await createKey(client, now);
    row = await client.signingKey.findFirstOrThrow({ where: currentWhere, orderBy: newestFirst });
  }
  const opened = openSealedWith(row.secretKeySealed, sessionSecrets());
  // After SESSION_SECRET=new,old the key moves to the new secret, so the old one can later be dropped.
  if (opened.stale) await client.signingKey.update({ where: { id: row.id }, data: { secretKeySealed: sealSecret(opened.plain) }, select: { id: true } });
  return { id: row.id, keyId: row.keyId, publicKeyMultibase: row.publicKeyMultibase, secretKeyMultibase: opened.plain };
}

/** Every key, current first then retired ones newest first: what the issuer profile publishes. */
export async function publicKeys(client: Client = db): Promise<PublicKey[]> {
  const rows = await client.signingKey.findMany({ select: { keyId: true, publicKeyMultibase: true, createdAt: true, retiredAt: true }, orderBy: newestFirst });
  return [...rows.filter((r) => r.retiredAt === null), ...rows.filter((r) => r.retiredAt !== null)];
}

export async function publicKey(keyId: string, client: Client = db): Promise<PublicKey | null> {
  if (keyId.length > 100) return null;
  return client.signingKey.findUnique({ where: { keyId }, select: { keyId: true, publicKeyMultibase: true, createdAt: true, retiredAt: true } });
}

/** Rotating the key is the academy's business: admins only, as the settings page is. */
export const mayRotateKeys = (actor: Actor) => can(actor, "update:cohort", "any");

/** Retires every current key and makes a new one, in one transaction, on record. */
export async function rotateSigningKey(actor: Actor, context: { request: Request; now: Date }): Promise<{ retired: string[]; keyId: string }> {
  if (!mayRotateKeys(actor)) throw new Response("Forbidden", { status: 403 });
  return db.$transaction(async (tx) => {
    const current = await tx.signingKey.findMany({ where: currentWhere, select: { keyId: true } });
    await tx.signingKey.updateMany({ where: currentWhere, data: { retiredAt: context.now } });
    const created = await createKey(tx, context.now);
    await recordAudit(
      { action: "credential.key_rotated", actorId: actor.id, targetType: "signing_key", targetId: created.id, request: context.request, detail: { retired: current.map((k) => k.keyId), keyId: created.keyId }, at: context.now },
      tx,
    );
    return { retired: current.map((k) => k.keyId), keyId: created.keyId };
  });
}

/** The keys as the settings page lists them, dates in the academy's time zone. */
export async function signingKeyRows(timeZone: string): Promise<{ keyId: string; createdOn: string; retiredOn: string | null }[]> {
  return (await publicKeys()).map((key) => ({ keyId: key.keyId, createdOn: localDate(key.createdAt, timeZone), retiredOn: key.retiredAt ? localDate(key.retiredAt, timeZone) : null }));
}

/** The settings page's rotation form: only with its confirmation ticked. */
export async function rotateFromForm(actor: Actor, form: FormData, context: { request: Request; now: Date }): Promise<{ ok: true; keyId: string } | { ok: false; error: "confirmRequired" }> {
  if (!mayRotateKeys(actor)) throw new Response("Forbidden", { status: 403 });
  if (form.get("confirm") !== "yes") return { ok: false, error: "confirmRequired" };
  const { keyId } = await rotateSigningKey(actor, context);
  return { ok: true, keyId };
}
