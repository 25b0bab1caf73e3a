// The Open Badges 3.0 credential of a certificate, as plain JSON-LD before it is
// signed, and the academy's public credential addresses. Pure: the server signs
// and verifies (credential-signing.server.ts); the bench builds the same shape.
import type { CertificateSnapshot } from "./certificates.ts";

export const CREDENTIALS_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OPEN_BADGES_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1";
export const MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";

/** Bits in one status list: 16 KB, the size the Bitstring Status List spec asks for so one holder's bit hides among many. */
export const STATUS_LIST_LENGTH = 131_072;

/** The largest credential file the verification page reads. */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;

/** The public addresses, relative to the app's origin. */
export const credentialPaths = {
  issuer: "/credentials/issuer",
  key: (keyId: string) => `/credentials/keys/${encodeURIComponent(keyId)}`,
  statusList: (list: number) => `/credentials/status/${list}`,
  download: (certificateId: string) => `/certificates/${encodeURIComponent(certificateId)}/credential.json`,
};

/** The absolute ids the credentials carry: the issuer profile (also the keys' controller), its keys, its status lists. */
export function academyCredentialUrls(origin: string) {
  const issuer = `${origin}${credentialPaths.issuer}`;
  return {
    issuer,
    verificationMethod: (keyId: string) => `${issuer}#${keyId}`,
    key: (keyId: string) => `${origin}${credentialPaths.key(keyId)}`,
    statusList: (list: number) => `${origin}${credentialPaths.statusList(list)}`,
  };
}

/** Where a certificate's bit lives: list 1 holds indexes 0…131071, list 2 the next, and so on. */
export function statusPosition(statusListIndex: number): { list: number; index: number } {
  return { list: Math.floor(statusListIndex / STATUS_LIST_LENGTH) + 1, index: statusListIndex % STATUS_LIST_LENGTH };
}

export type CredentialTexts = {
  /** e.g. "人工智能赋能产业升级专题班（第一期）结业证书" */
  achievementName: string;
  /** What was completed: the class, its dates, its organisers and its hours by track. */
  achievementDescription: string;
  /** The cohort's rule for the certificate, in plain words. */
  criteria: string;
};

export type CredentialFacts = {
  origin: string;
  issuedAt: Date;
  statusListIndex: number;
  /** The class's first and last day as instants (midnight in the academy's time zone). */
  activityStart: Date;
  activityEnd: Date;
  texts: CredentialTexts;
};

const dateTime = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * An OpenBadgeCredential (VC data model 2.0, as the Open Badges 3.0.3 context
 * requires) for one certificate: the academy as issuer, the cohort's 结业证书
 * as the achievement, the trainee by the name printed on the certificate (no
 * other personal data), the certificate's serial as its licence number, its
 * verification page as its id, and its revocation bit.
 */
export function unsignedCredential(snapshot: CertificateSnapshot, facts: CredentialFacts): Record<string, unknown> {
  const urls = academyCredentialUrls(facts.origin);
  const position = statusPosition(facts.statusListIndex);
  const statusList = urls.statusList(position.list);
  return {
    "@context": [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_V3_CONTEXT],
    id: snapshot.verifyUrl,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: facts.texts.achievementName,
    issuer: { id: urls.issuer, type: ["Profile"], name: snapshot.academyName, url: facts.origin },
    validFrom: dateTime(facts.issuedAt),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", identityHash: snapshot.traineeName, hashed: false }],
      licenseNumber: snapshot.serial,
      activityStartDate: dateTime(facts.activityStart),
      activityEndDate: dateTime(facts.activityEnd),
      creditsEarned: snapshot.totalHours,
      achievement: {
        id: `${urls.issuer}#achievement-${encodeURIComponent(snapshot.cohortCode)}`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: facts.texts.achievementName,
        description: facts.texts.achievementDescription,
        criteria: { narrative: facts.texts.criteria },
        creditsAvailable: snapshot.totalHours,
        humanCode: snapshot.cohortCode,
        inLanguage: "zh-CN",
      },
    },
    credentialStatus: {
      id: `${statusList}#${position.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(position.index),
      statusListCredential: statusList,
    },
  };
}

/** What the verification page says about an uploaded credential file. */
export type CheckFailure = "noFile" | "tooLarge" | "unreadable" | "notJson" | "notCredential" | "otherIssuer" | "unknownKey" | "signature" | "unknownDocument" | "status";

export type CredentialStatusNow = { kind: "valid" } | { kind: "revoked"; on: string; reason: string } | { kind: "superseded"; currentPath: string | null };

export type CredentialCheck =
  | { genuine: false; failure: CheckFailure; detail: string }
  | {
      genuine: true;
      key: { keyId: string; retired: boolean };
      name: string;
      traineeName: string;
      serial: string;
      issuedOn: string;
      verifyPath: string | null;
      status: CredentialStatusNow;
    };
