// The certificates bench's credential part: each snapshot's Open Badges 3.0
// credential built and signed as issuance does (eddsa-rdfc-2022, an in-memory
// key, no database), then every one verified. Each signed credential is
// checked to verify, so a broken path fails the run.
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import type { CertificateSnapshot } from "~/modules/certificates/certificates.ts";
import { academyCredentialUrls, STATUS_LIST_LENGTH, unsignedCredential } from "~/modules/certificates/credential.ts";
import { credentialTexts } from "~/modules/certificates/credential-issuance.server.ts";
import { credentialDocumentLoader } from "~/modules/certificates/credential-loader.server.ts";
import { issuerProfile, keyDocument, signCredential, verifySignedCredential } from "~/modules/certificates/credential-signing.server.ts";
import { zonedInstant } from "~/utils/time.ts";

const origin = "https://academy.example.cn";
const rule = { minAttendancePercent: 80, requireEveryTrack: true, minTrackPercent: null, minCreditHours: null, excusedLeaveDenominator: true };

export async function benchKey() {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return { keyId: "key-bench", publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase! };
}

export type BenchKey = Awaited<ReturnType<typeof benchKey>>;

/** Signs each snapshot's credential; returns them and the milliseconds it took. */
export async function signBenchCredentials(snapshots: readonly CertificateSnapshot[], key: BenchKey): Promise<{ signed: Record<string, unknown>[]; ms: number }> {
  const loader = credentialDocumentLoader(async () => null);
  const started = performance.now();
  const signed: Record<string, unknown>[] = [];
  for (const [index, snapshot] of snapshots.entries()) {
    const unsigned = unsignedCredential(snapshot, {
      origin,
      issuedAt: new Date(`${snapshot.issuedOn}T02:00:00Z`),
      statusListIndex: index,
      activityStart: zonedInstant(snapshot.startDate, "00:00", "Asia/Shanghai"),
      activityEnd: zonedInstant(snapshot.endDate, "00:00", "Asia/Shanghai"),
      texts: credentialTexts(snapshot, rule),
    });
    signed.push(await signCredential(unsigned, { origin, key, loader, now: new Date(`${snapshot.issuedOn}T02:00:00Z`) }));
  }
  return { signed, ms: performance.now() - started };
}

/** Verifies every signed credential as the upload check does: its proof, then its status list entry (the list's own proof included). */
export async function verifyBenchCredentials(signed: readonly Record<string, unknown>[], key: BenchKey): Promise<number> {
  const urls = academyCredentialUrls(origin);
  const profile = issuerProfile(origin, { name: "bench" }, [{ ...key, createdAt: new Date(), retiredAt: null }]);
  const method = keyDocument(origin, key);
  const unsignedList = await createCredential({ id: urls.statusList(1), list: await createList({ length: STATUS_LIST_LENGTH }), statusPurpose: "revocation" });
  const list = await signCredential({ ...unsignedList, issuer: urls.issuer, validFrom: "2026-01-01T00:00:00Z" }, { origin, key, loader: credentialDocumentLoader(async () => null), now: new Date("2026-01-01T00:00:00Z") });
  const own = new Map<string, unknown>([[profile.id, profile], [method.id, method], [urls.statusList(1), list]]);
  const loader = credentialDocumentLoader(async (url) => own.get(url) ?? null);
  const started = performance.now();
  for (const credential of signed) {
    const result = await verifySignedCredential(credential, { loader, checkStatus: true });
    if (!result.verified) throw new Error(`credential ${String(credential.id)} does not verify: ${result.error?.message ?? "no reason given"}`);
  }
  return performance.now() - started;
}
