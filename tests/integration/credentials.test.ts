// Open Badges 3.0 credentials against a real database: every issued
// certificate carries a signed credential; any edit breaks it; rotation keeps
// old credentials verifying while a foreign key never does; the loader fetches
// nothing; the published status list and the upload check tell revoked and
// superseded apart; bad uploads get a clear answer; only the trainee, the
// cohort's staff and admins download a credential.
import { beforeAll, describe, expect, test } from "vitest";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { academyCredentialUrls, MAX_CREDENTIAL_BYTES, STATUS_LIST_LENGTH } from "~/modules/certificates/credential.ts";
import { checkCredentialText } from "~/modules/certificates/credential-check.server.ts";
import { credentialDownload } from "~/modules/certificates/credential-download.server.ts";
import { openSealed, rotateFromForm, rotateSigningKey, sealSecret } from "~/modules/certificates/credential-keys.server.ts";
import { credentialDocumentLoader, UnknownDocumentError } from "~/modules/certificates/credential-loader.server.ts";
import { issuerProfileDocument } from "~/modules/certificates/credential-documents.server.ts";
import { signCredential } from "~/modules/certificates/credential-signing.server.ts";
import { issueByException, issueToEligible, reissueCertificate, revokeCertificate } from "~/modules/certificates/issuance.server.ts";
import { statusListCredential } from "~/modules/certificates/status-list.server.ts";
import { action as verifyAction } from "~/routes/verify._index.tsx";
import { loader as statusLoader } from "~/routes/credentials.status.$list.tsx";
import { loader as issuerLoader } from "~/routes/credentials.issuer.tsx";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const origin = "https://academy.test";
const now = new Date("2026-03-20T08:00:00Z");
const admin = asUser("admin-credentials", ["admin"]);
const context = (at = now) => ({ request: new Request("http://localhost/admin"), origin, now: at });
const checkContext = { origin, now: new Date("2026-04-01T00:00:00Z"), timeZone: "Asia/Shanghai" };
const check = (credential: unknown) => checkCredentialText(JSON.stringify(credential), checkContext);

let cohortId: string;
let people: { id: string; name: string }[];
let enrollments: string[];

/** The fields of an issued credential these tests read and edit. */
type IssuedCredential = {
  "@context": string[];
  id: string;
  type: string[];
  validFrom: string;
  issuer: { id: string; name: string };
  credentialSubject: {
    identifier: [{ identityHash: string }];
    licenseNumber: string;
    activityEndDate: string;
    creditsEarned: number;
    achievement: { name: string; criteria: { narrative: string } };
  };
  credentialStatus: { statusListIndex: string };
  proof: { verificationMethod: string };
};

async function credentialOf(enrollmentId: string) {
  const row = await db.certificate.findFirstOrThrow({ where: { enrollmentId, supersededById: null }, orderBy: { issuedAt: "desc" } });
  return { row, credential: JSON.parse(row.credential!) as IssuedCredential };
}

beforeAll(async () => {
  await db.person.create({ data: { id: admin.id, name: "管理员", status: "active" } });
  cohortId = (await createCohort({ title: "人工智能企业家班" })).id;
  const policy = await createModule(cohortId, { track: "policy", creditHours: 6 });
  const sessions = await Promise.all([72, 48].map((h) => createSession(policy.id, { startsAt: new Date(now.getTime() - h * 3_600_000) })));
  people = await Promise.all(["张三", "李四", "王五", "赵六"].map((name) => createPerson({ name })));
  enrollments = (await Promise.all(people.map((p) => enroll(cohortId, p.id)))).map((e) => e.id);
  for (const enrollmentId of enrollments.slice(0, 3)) {
    await Promise.all(sessions.map((s) => db.attendance.create({ data: { enrollmentId, sessionId: s.id, status: "present", method: "roll_call" } })));
  }
  await issueToEligible(admin, cohortId, context());
});

describe("issuing", () => {
  test("each certificate carries an OpenBadgeCredential signed with eddsa-rdfc-2022, with its own status bit and no more personal data than it prints", async () => {
    const rows = await db.certificate.findMany({ where: { enrollment: { cohortId } }, orderBy: { sequence: "asc" } });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.statusListIndex)).size).toBe(3);
    const { row, credential } = await credentialOf(enrollments[0]!);
    const urls = academyCredentialUrls(origin);
    expect(credential["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.id).toBe(`${origin}/verify/${row.verificationCode}`);
    expect(credential.issuer).toMatchObject({ id: urls.issuer, type: ["Profile"], url: origin });
    expect(credential.validFrom).toBe("2026-03-20T08:00:00Z");
    expect(credential.credentialSubject.identifier).toEqual([{ type: "IdentityObject", identityType: "name", identityHash: "张三", hashed: false }]);
    expect(credential.credentialSubject.licenseNumber).toBe(row.serial);
    expect(credential.credentialSubject.achievement).toMatchObject({ type: ["Achievement"], achievementType: "Certificate", name: "人工智能企业家班结业证书", creditsAvailable: 6 });
    expect(credential.credentialSubject.achievement.criteria.narrative).toContain("总出勤率不低于 80%");
    expect(credential.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: String(row.statusListIndex), statusListCredential: urls.statusList(1) });
    expect(credential.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });
    expect(credential.proof.verificationMethod).toMatch(new RegExp(`^${urls.issuer}#key-`));
    const person = await db.person.findUniqueOrThrow({ where: { id: people[0]!.id } });
    if (person.mobile) expect(row.credential).not.toContain(person.mobile);
  });

  test("the private key is kept sealed with the server secret and opens with nothing else", async () => {
    const key = await db.signingKey.findFirstOrThrow({ where: { retiredAt: null } });
    const secret = openSealed(key.secretKeySealed);
    expect(secret).toMatch(/^z/);
    expect(key.secretKeySealed).not.toContain(secret);
    expect(() => openSealed(key.secretKeySealed, ["another secret"])).toThrow(/cannot be opened/);
    // A secret rotated as SESSION_SECRET=new,old still opens it, and the key is sealed again under the new one.
    const resealed = sealSecret(secret, "the old secret");
    expect(openSealed(resealed, ["the new secret", "the old secret"])).toBe(secret);
    const profile = JSON.stringify(await issuerProfileDocument(origin));
    expect(profile).not.toContain(secret);
  });
});

describe("status bits", () => {
  test("two cohorts issuing at the same moment never share a status bit", async () => {
    const x = await createCohort({ title: "并发甲班" });
    const y = await createCohort({ title: "并发乙班" });
    const trainees = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => createPerson({ name: `并发${i}` })));
    const cohortOf = (i: number) => (i % 2 === 0 ? x.id : y.id);
    const placed = await Promise.all(trainees.map((p, i) => enroll(cohortOf(i), p.id)));
    const results = await Promise.all(placed.map((e, i) => issueByException(admin, cohortOf(i), { enrollmentId: e.id, reason: "经学院批准" }, context())));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db.certificate.findMany({ where: { enrollmentId: { in: placed.map((e) => e.id) } }, select: { statusListIndex: true, credential: true } });
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.statusListIndex)).size).toBe(6);
    for (const row of rows) expect((JSON.parse(row.credential!) as IssuedCredential).credentialStatus.statusListIndex).toBe(String(row.statusListIndex));
  });
});

describe("verifying", () => {
  test("an issued credential verifies as genuine and current", async () => {
    const { row, credential } = await credentialOf(enrollments[0]!);
    const result = await check(credential);
    expect(result).toMatchObject({ genuine: true, traineeName: "张三", serial: row.serial, issuedOn: "2026-03-20", verifyPath: `/verify/${row.verificationCode}`, status: { kind: "valid" }, key: { retired: false } });
  });

  test("changing any field makes verification fail", async () => {
    const { credential } = await credentialOf(enrollments[0]!);
    const edits: [string, (c: IssuedCredential) => void][] = [
      ["name", (c) => (c.credentialSubject.identifier[0].identityHash = "张三丰")],
      ["serial", (c) => (c.credentialSubject.licenseNumber = `${c.credentialSubject.licenseNumber}9`)],
      ["issue date", (c) => (c.validFrom = "2026-03-19T08:00:00Z")],
      ["class dates", (c) => (c.credentialSubject.activityEndDate = "2027-01-01T00:00:00Z")],
      ["achievement", (c) => (c.credentialSubject.achievement.name = "博士学位")],
      ["credit hours", (c) => (c.credentialSubject.creditsEarned = 600)],
      ["issuer name", (c) => (c.issuer.name = "另一所学院")],
      ["status index", (c) => (c.credentialStatus.statusListIndex = String(Number(c.credentialStatus.statusListIndex) + 7))],
      ["verification page", (c) => (c.id = `${origin}/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)],
    ];
    for (const [field, edit] of edits) {
      const changed = structuredClone(credential);
      edit(changed);
      expect(await check(changed), field).toMatchObject({ genuine: false, failure: "signature" });
    }
  });

  test("after rotation, credentials signed with the retired key still verify; new ones use the new key; a foreign key never verifies", async () => {
    const before = await credentialOf(enrollments[0]!);
    // The settings form rotates only with its confirmation ticked.
    expect(await rotateFromForm(admin, new FormData(), { request: new Request("http://localhost/admin/settings"), now })).toEqual({ ok: false, error: "confirmRequired" });
    expect(await db.signingKey.count()).toBe(1);
    const rotated = await rotateSigningKey(admin, { request: new Request("http://localhost/admin/settings"), now: new Date("2026-03-21T00:00:00Z") });
    expect(rotated.retired).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "credential.key_rotated" } })).toBe(1);
    expect(await check(before.credential)).toMatchObject({ genuine: true, key: { keyId: rotated.retired[0], retired: true }, status: { kind: "valid" } });

    await issueByException(admin, cohortId, { enrollmentId: enrollments[3]!, reason: "经学院批准" }, context(new Date("2026-03-21T01:00:00Z")));
    const after = await credentialOf(enrollments[3]!);
    expect(after.credential.proof.verificationMethod).toBe(`${academyCredentialUrls(origin).issuer}#${rotated.keyId}`);
    expect(await check(after.credential)).toMatchObject({ genuine: true, key: { keyId: rotated.keyId, retired: false } });
    const profile = (await issuerProfileDocument(origin)) as { assertionMethod: string[] };
    expect(profile.assertionMethod).toHaveLength(2);

    // Someone else's key, claiming to be the academy's current key: the signature does not match.
    const foreign = await Ed25519Multikey.generate();
    const exported = await foreign.export({ publicKey: true, secretKey: true });
    const { proof: _proof, ...unsigned } = before.credential;
    const forged = await signCredential(unsigned, { origin, key: { keyId: rotated.keyId, publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase! }, loader: credentialDocumentLoader(async () => null), now });
    expect(await check(forged)).toMatchObject({ genuine: false, failure: "signature" });
    // The same key under a name the academy never published.
    const renamed = await signCredential(unsigned, { origin, key: { keyId: "key-forged", publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase! }, loader: credentialDocumentLoader(async () => null), now });
    expect(await check(renamed)).toMatchObject({ genuine: false, failure: "unknownKey" });
    // Another issuer altogether.
    expect(await check({ ...before.credential, issuer: { id: "https://elsewhere.example/issuer" } })).toMatchObject({ genuine: false, failure: "otherIssuer", detail: "https://elsewhere.example/issuer" });
  });

  test("the document loader holds its contexts and refuses every other URL", async () => {
    const loader = credentialDocumentLoader(async () => null);
    await expect(loader("https://www.w3.org/ns/credentials/v2")).resolves.toMatchObject({ documentUrl: "https://www.w3.org/ns/credentials/v2" });
    await expect(loader("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")).resolves.toBeTruthy();
    await expect(loader("https://w3id.org/security/multikey/v1")).resolves.toBeTruthy();
    await expect(loader("https://example.com/context.json")).rejects.toBeInstanceOf(UnknownDocumentError);
    await expect(loader("http://127.0.0.1:9/internal")).rejects.toBeInstanceOf(UnknownDocumentError);
    const { credential } = await credentialOf(enrollments[0]!);
    const pointing = { ...credential, "@context": [...credential["@context"], "https://example.com/context.json"] };
    expect(await check(pointing)).toMatchObject({ genuine: false, failure: "unknownDocument", detail: "https://example.com/context.json" });
  });
});

describe("status", () => {
  test("a revoked certificate's bit is set in the published list, and the upload check says revoked with date and reason", async () => {
    const { row, credential } = await credentialOf(enrollments[1]!);
    const first = await statusListCredential(origin, 1, now);
    expect(await statusListCredential(origin, 1, now)).toBe(first);
    await revokeCertificate(admin, cohortId, { certificateId: row.id, reason: "出勤记录有误" }, context(new Date("2026-03-22T02:00:00Z")));

    const response = await statusLoader({ request: new Request(`${origin}/credentials/status/1`), params: { list: "1" }, context: {} });
    expect(response.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const published = (await response.json()) as { proof: unknown; credentialSubject: { encodedList: string; statusPurpose: string } };
    expect(published.proof).toBeTruthy();
    expect(published.credentialSubject.statusPurpose).toBe("revocation");
    const bits = await decodeList({ encodedList: published.credentialSubject.encodedList });
    expect(bits.getStatus(row.statusListIndex! % STATUS_LIST_LENGTH)).toBe(true);
    const other = await credentialOf(enrollments[0]!);
    expect(bits.getStatus(other.row.statusListIndex!)).toBe(false);

    expect(await check(credential)).toMatchObject({ genuine: true, status: { kind: "revoked", on: "2026-03-22", reason: "出勤记录有误" } });
  });

  test("a superseded certificate's credential says superseded and links to its successor", async () => {
    const old = await credentialOf(enrollments[2]!);
    await db.person.update({ where: { id: people[2]!.id }, data: { name: "王武" } });
    await reissueCertificate(admin, cohortId, { certificateId: old.row.id, reason: "姓名更正" }, context(new Date("2026-03-23T00:00:00Z")));
    const successor = await credentialOf(enrollments[2]!);
    expect(successor.row.id).not.toBe(old.row.id);
    expect(successor.credential.credentialSubject.identifier[0].identityHash).toBe("王武");
    expect(await check(old.credential)).toMatchObject({ genuine: true, traineeName: "王五", status: { kind: "superseded", currentPath: `/verify/${successor.row.verificationCode}` } });
    expect(await check(successor.credential)).toMatchObject({ genuine: true, status: { kind: "valid" } });
  });

  test("the issuer profile is public JSON-LD with CORS", async () => {
    const response = await issuerLoader({ request: new Request(`${origin}/credentials/issuer`), params: {}, context: {} });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const profile = (await response.json()) as { id: string; verificationMethod: { id: string; type: string }[] };
    expect(profile.id).toBe(academyCredentialUrls(origin).issuer);
    expect(profile.verificationMethod.every((m) => m.type === "Multikey")).toBe(true);
  });
});

describe("the upload form", () => {
  async function upload(file: File | null) {
    const form = new FormData();
    if (file) form.set("credential", file);
    const request = new Request("http://localhost/verify?index", { method: "POST", body: form });
    const result = await verifyAction({ request, params: {}, context: {} });
    return { status: result.init?.status ?? 200, check: result.data.check };
  }

  test("garbage, an oversized file, a file that is not JSON and no file at all each get a clear answer, never a 500", async () => {
    expect(await upload(null)).toMatchObject({ status: 400, check: { genuine: false, failure: "noFile" } });
    expect(await upload(new File(["not json at all {"], "证书.json", { type: "application/json" }))).toMatchObject({ status: 400, check: { failure: "notJson" } });
    expect(await upload(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])], "seal.png", { type: "image/png" }))).toMatchObject({ status: 400, check: { failure: "notJson" } });
    expect(await upload(new File([JSON.stringify({ hello: "world" })], "x.json"))).toMatchObject({ status: 200, check: { failure: "notCredential" } });
    expect(await upload(new File([JSON.stringify([1, 2, 3])], "x.json"))).toMatchObject({ status: 200, check: { failure: "notCredential" } });
    const big = new File([`{"a":"${"x".repeat(MAX_CREDENTIAL_BYTES)}"}`], "big.json", { type: "application/json" });
    expect(await upload(big)).toMatchObject({ status: 400, check: { failure: "tooLarge", detail: "big.json" } });
  });

  test("a genuine file uploaded through the form is checked", async () => {
    const { row } = await credentialOf(enrollments[0]!);
    // The request's origin is the issuer's here: the form is checked as the server at that address would.
    const form = new FormData();
    form.set("credential", new File([row.credential!], `${row.serial}.json`, { type: "application/ld+json" }));
    const request = new Request(`${origin}/verify?index`, { method: "POST", body: form });
    const result = await verifyAction({ request, params: {}, context: {} });
    expect(result.data.check).toMatchObject({ genuine: true, serial: row.serial });
  });
});

describe("downloading a credential", () => {
  test("the trainee it was issued to, the cohort's staff and admins may; another trainee, staff of another cohort and the instructor may not", async () => {
    const { row } = await credentialOf(enrollments[0]!);
    const other = await createCohort({ title: "别的班" });
    const staffHere = await createPerson({ roles: ["staff"] });
    await assign(cohortId, staffHere.id, "staff");
    const staffElsewhere = await createPerson({ roles: ["staff"] });
    await assign(other.id, staffElsewhere.id, "staff");
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(cohortId, instructor.id, "instructor");
    const download = (actor: ReturnType<typeof asUser>) =>
      credentialDownload(actor, row.id, { origin, now }).then(
        (file) => (file ? { status: 200, body: file.body, fileName: file.fileName } : { status: 404 }),
        (thrown: Response) => ({ status: thrown.status }),
      );
    expect(await download(asUser(people[0]!.id, ["trainee"]))).toEqual({ status: 200, body: row.credential, fileName: `${row.serial}.json` });
    expect(await download(asUser(staffHere.id, ["staff"]))).toMatchObject({ status: 200 });
    expect(await download(admin)).toMatchObject({ status: 200 });
    expect(await download(asUser(people[1]!.id, ["trainee"]))).toEqual({ status: 403 });
    expect(await download(asUser(staffElsewhere.id, ["staff"]))).toEqual({ status: 403 });
    expect(await download(asUser(instructor.id, ["instructor"]))).toEqual({ status: 403 });
    expect(await credentialDownload(admin, "no-such-certificate", { origin, now })).toBeNull();
  });

  test("a certificate from before credentials existed gets one when first downloaded, signed as of its issue date", async () => {
    const { row } = await credentialOf(enrollments[0]!);
    await db.certificate.update({ where: { id: row.id }, data: { credential: null, statusListIndex: null } });
    const file = await credentialDownload(admin, row.id, { origin, now: new Date("2026-05-01T00:00:00Z") });
    const credential = JSON.parse(file!.body) as { validFrom: string };
    expect(credential.validFrom).toBe("2026-03-20T08:00:00Z");
    expect(await check(credential)).toMatchObject({ genuine: true, status: { kind: "valid" } });
  });
});
