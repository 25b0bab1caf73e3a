// What an organisation may have printed on certificates: shared by the server and the organisation page.

/** A seal or signature image is a small PNG; 1 MB is far beyond a scanned seal. */
export const MAX_SEAL_BYTES = 1024 * 1024;
export const sealImageKinds = ["seal", "signature"] as const;
export type SealImageKind = (typeof sealImageKinds)[number];
