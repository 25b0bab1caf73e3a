// Checking an uploaded credential file on the public verification page:
// genuine (this academy's issuer, one of its keys, the signature over every
// field) or which check failed, then current, revoked or superseded from the
// published status list, with the date, reason or successor from the database.
import { readUploadForm } from "~/modules/files/upload-form.server.ts";
import { db } from "~/utils/db.server.ts";
import { localDate } from "~/utils/time.ts";
import { academyCredentialUrls, MAX_CREDENTIAL_BYTES, STATUS_LIST_LENGTH, type CheckFailure, type CredentialCheck, type CredentialStatusNow } from "./credential.ts";
import { academyDocumentLoader } from "./credential-documents.server.ts";
import { publicKey } from "./credential-keys.server.ts";
import { verifySignedCredential } from "./credential-signing.server.ts";

type Context = { origin: string; now: Date; timeZone: string };

const fail = (failure: CheckFailure, detail = ""): CredentialCheck => ({ genuine: false, failure, detail: detail.slice(0, 200) });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Every error message in a verification result, nested ones included. */
function messages(error: unknown, depth = 0): string[] {
  if (!(error instanceof Error) || depth > 5) return [];
  const nested = [...asArray((error as { errors?: unknown }).errors), (error as { cause?: unknown }).cause, (error as { details?: { cause?: unknown } }).details?.cause];
  return [error.message, ...nested.flatMap((e) => messages(e, depth + 1))];
}

/** The certificate behind a credential's status entry, for the date and reason or the successor. */
async function statusFromDatabase(statusListIndex: number, bitSet: boolean, context: Context): Promise<CredentialStatusNow> {
  if (!bitSet) return { kind: "valid" };
  const row = await db.certificate.findUnique({ where: { statusListIndex }, select: { revokedAt: true, revokedReason: true, supersededById: true } });
  if (row?.revokedAt) return { kind: "revoked", on: localDate(row.revokedAt, context.timeZone), reason: row.revokedReason ?? "" };
  let next = row?.supersededById ?? null;
  let code: string | null = null;
  for (let hops = 0; next && hops < 50; hops += 1) {
    const successor: { verificationCode: string; supersededById: string | null } | null = await db.certificate.findUnique({ where: { id: next }, select: { verificationCode: true, supersededById: true } });
    if (!successor) break;
    code = successor.verificationCode;
    next = successor.supersededById;
  }
  return { kind: "superseded", currentPath: code ? `/verify/${code}` : null };
}

/** Checks the text of a credential file (already bounded to MAX_CREDENTIAL_BYTES). */
export async function checkCredentialText(body: string, context: Context): Promise<CredentialCheck> {
  let credential: unknown;
  try {
    credential = JSON.parse(body.replace(/^\uFEFF/, ""));
  } catch {
    return fail("notJson");
  }
  if (!isObject(credential) || !asArray(credential.type).includes("VerifiableCredential")) return fail("notCredential");
  const issuerId = isObject(credential.issuer) ? text(credential.issuer.id) : text(credential.issuer);
  // A proof, or a set of them: each must be made with one of the academy's keys.
  const methods = asArray(credential.proof).map((proof) => (isObject(proof) ? text(proof.verificationMethod) : ""));
  if (!issuerId || methods.length === 0 || methods.length > 4 || methods.includes("")) return fail("notCredential");
  const urls = academyCredentialUrls(context.origin);
  if (issuerId !== urls.issuer) return fail("otherIssuer", issuerId);
  let key: Awaited<ReturnType<typeof publicKey>> = null;
  for (const method of methods) {
    key = method.startsWith(`${urls.issuer}#`) ? await publicKey(method.slice(urls.issuer.length + 1)) : null;
    if (!key) return fail("unknownKey", method);
  }
  if (!key) return fail("notCredential");

  const result = await verifySignedCredential(credential, { loader: academyDocumentLoader(context.origin, context.now), checkStatus: true, now: context.now });
  const proofOk = result.results?.length ? result.results.every((r) => r.verified) : false;
  if (!result.verified) {
    const all = [result.error, ...(result.results ?? []).map((r) => r.error), result.statusResult?.error].flatMap((e) => messages(e));
    const unknown = all.map((m) => /Not a document Academy holds: (\S+)/.exec(m)?.[1]).find(Boolean);
    if (unknown) return fail("unknownDocument", unknown);
    return fail(proofOk ? "status" : "signature");
  }
  const entry = asArray(credential.credentialStatus).find((s): s is Record<string, unknown> => isObject(s) && s.type === "BitstringStatusListEntry");
  const listNumber = Number(/\/(\d+)$/.exec(text(entry?.statusListCredential))?.[1]);
  const index = Number(text(entry?.statusListIndex));
  const bit = result.statusResult?.results?.[0]?.status;
  if (!entry || !Number.isSafeInteger(listNumber) || !Number.isSafeInteger(index) || typeof bit !== "boolean") return fail("status");

  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const identity = asArray(subject.identifier).find((i): i is Record<string, unknown> => isObject(i) && i.identityType === "name");
  const id = text(credential.id);
  const verifyPrefix = `${context.origin}/verify/`;
  return {
    genuine: true,
    key: { keyId: key.keyId, retired: key.retiredAt !== null },
    name: text(credential.name),
    traineeName: text(identity?.identityHash),
    serial: text(subject.licenseNumber),
    issuedOn: localDate(new Date(text(credential.validFrom)), context.timeZone),
    verifyPath: id.startsWith(verifyPrefix) ? id.slice(context.origin.length) : null,
    status: await statusFromDatabase((listNumber - 1) * STATUS_LIST_LENGTH + index, bit, context),
  };
}

/** Reads the verification page's upload form (the file bounded while it streams in) and checks the file. */
export async function checkUploadedCredential(request: Request, context: Context): Promise<CredentialCheck> {
  const { formData, tooLarge, unreadable } = await readUploadForm(request, { fileFields: ["credential"], maxFileBytes: MAX_CREDENTIAL_BYTES });
  if (tooLarge.length) return fail("tooLarge", tooLarge[0]!.fileName);
  if (unreadable) return fail("unreadable");
  const file = formData.get("credential");
  if (!(file instanceof File) || file.size === 0) return fail("noFile");
  return checkCredentialText(await file.text(), context);
}
