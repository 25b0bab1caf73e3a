// Signing and verifying credentials with Data Integrity `eddsa-rdfc-2022`
// (RDF dataset canonicalisation, then Ed25519), and the academy's own public
// documents the verifier needs: the issuer profile, which is also the keys'
// controller document, and each key as a Multikey.
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { academyCredentialUrls, DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OPEN_BADGES_V3_CONTEXT } from "./credential.ts";
import type { DocumentLoader } from "./credential-loader.server.ts";
import type { PublicKey } from "./credential-keys.server.ts";

export type SigningKeyMaterial = { keyId: string; publicKeyMultibase: string; secretKeyMultibase: string };

// Importing a key parses and checks it: done once per key and process.
const signers = new Map<string, Promise<Ed25519Multikey.KeyPair>>();

function keyPairFor(origin: string, key: SigningKeyMaterial) {
  const urls = academyCredentialUrls(origin);
  const id = urls.verificationMethod(key.keyId);
  const cacheKey = `${id} ${key.publicKeyMultibase}`;
  let pair = signers.get(cacheKey);
  if (!pair) {
    pair = Ed25519Multikey.from({ type: "Multikey", id, controller: urls.issuer, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase });
    signers.set(cacheKey, pair);
  }
  return pair;
}

/** Adds a DataIntegrityProof made with the academy's key to `unsigned`. */
export async function signCredential(unsigned: Record<string, unknown>, input: { origin: string; key: SigningKeyMaterial; loader: DocumentLoader; now: Date }): Promise<Record<string, unknown>> {
  const pair = await keyPairFor(input.origin, input.key);
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date: input.now });
  // A copy: issuing adds the proof to the object it is given.
  return vc.issue({ credential: structuredClone(unsigned), suite, documentLoader: input.loader, now: input.now });
}

/** Checks the proof (and, when asked, the status list entry); never throws for a bad credential. */
export async function verifySignedCredential(credential: object, input: { loader: DocumentLoader; checkStatus: boolean; now?: Date }): Promise<vc.VerifyResult> {
  const suite = new DataIntegrityProof({ cryptosuite });
  try {
    return await vc.verifyCredential({ credential, suite, documentLoader: input.loader, ...(input.checkStatus ? { checkStatus } : {}), ...(input.now ? { now: input.now } : {}) });
  } catch (error) {
    return { verified: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** A key as the verifier resolves it: a Multikey controlled by the issuer profile. */
export function keyDocument(origin: string, key: Pick<PublicKey, "keyId" | "publicKeyMultibase">) {
  const urls = academyCredentialUrls(origin);
  return { "@context": MULTIKEY_V1_CONTEXT, id: urls.verificationMethod(key.keyId), type: "Multikey", controller: urls.issuer, publicKeyMultibase: key.publicKeyMultibase };
}

/**
 * The issuer profile: the academy's name and address, and every key it has
 * signed with. Retired keys stay listed under assertionMethod, so what they
 * signed still verifies; the profile's description says which key is current.
 * A DID-style controller document (DID 1.0 context first), so verifiers read
 * the keys without reframing it.
 */
export function issuerProfile(origin: string, academy: { name: string }, keys: readonly PublicKey[]) {
  const urls = academyCredentialUrls(origin);
  const current = keys.find((k) => k.retiredAt === null);
  const retired = keys.filter((k) => k.retiredAt !== null);
  const methods = keys.map((key) => ({ id: urls.verificationMethod(key.keyId), type: "Multikey", controller: urls.issuer, publicKeyMultibase: key.publicKeyMultibase }));
  return {
    "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OPEN_BADGES_V3_CONTEXT],
    id: urls.issuer,
    type: ["Profile"],
    name: academy.name,
    url: origin,
    description: [
      current ? `Current signing key: ${current.keyId}` : "No signing key yet",
      ...(retired.length ? [`Retired keys (still valid for credentials they signed): ${retired.map((k) => `${k.keyId} (retired ${k.retiredAt!.toISOString().slice(0, 10)})`).join(", ")}`] : []),
    ].join(". "),
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
