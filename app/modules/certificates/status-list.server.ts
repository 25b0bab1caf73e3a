// The academy's revocation status lists (W3C Bitstring Status List): each
// certificate's credential holds one bit, at its `statusListIndex`; the bit is
// set once the certificate is revoked or superseded by a reissue. A list is
// built from the database and signed when asked for, and kept until what it
// says changes: a fingerprint of the list's revoked and superseded rows (and of
// the signing key) is read first, and the cached credential served while it matches.
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { db, type Prisma } from "~/utils/db.server.ts";
import { academyCredentialUrls, STATUS_LIST_LENGTH } from "./credential.ts";
import { currentSigningKey } from "./credential-keys.server.ts";
import { credentialDocumentLoader } from "./credential-loader.server.ts";
import { signCredential } from "./credential-signing.server.ts";

type Client = Prisma.TransactionClient | typeof db;

/** The next free bit, in issue order. The caller holds the academy's row lock, so two batches never take the same one. */
export async function allocateStatusIndex(tx: Prisma.TransactionClient): Promise<number> {
  const last = await tx.certificate.aggregate({ _max: { statusListIndex: true } });
  return (last._max.statusListIndex ?? -1) + 1;
}

const changed = { OR: [{ revokedAt: { not: null } }, { supersededById: { not: null } }] };
const inList = (list: number) => ({ statusListIndex: { gte: (list - 1) * STATUS_LIST_LENGTH, lt: list * STATUS_LIST_LENGTH } });

/** Lists that exist: 1 up to the one holding the highest index given out (list 1 always, so its URL never 404s). */
export async function statusListExists(list: number, client: Client = db): Promise<boolean> {
  if (!Number.isSafeInteger(list) || list < 1) return false;
  if (list === 1) return true;
  const last = await client.certificate.aggregate({ _max: { statusListIndex: true } });
  return last._max.statusListIndex !== null && list <= Math.floor(last._max.statusListIndex / STATUS_LIST_LENGTH) + 1;
}

async function fingerprint(list: number, client: Client): Promise<{ key: string; since: Date | null }> {
  const [counts, signing] = await Promise.all([
    client.certificate.aggregate({ where: { ...inList(list), ...changed }, _count: { _all: true }, _max: { revokedAt: true, supersededAt: true } }),
    client.signingKey.findFirst({ where: { retiredAt: null }, orderBy: [{ createdAt: "desc" }, { keyId: "desc" }], select: { keyId: true } }),
  ]);
  const times = [counts._max.revokedAt, counts._max.supersededAt].filter((t): t is Date => t !== null);
  const since = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
  return { key: `${counts._count._all}|${since?.toISOString() ?? "-"}|${signing?.keyId ?? "-"}`, since };
}

const cache = new Map<string, { fingerprint: string; credential: Record<string, unknown> }>();

/** For tests: forget every cached list. */
export function forgetStatusLists(): void {
  cache.clear();
}

/** The signed BitstringStatusListCredential for list `list`, as published at /credentials/status/<list>. */
export async function statusListCredential(origin: string, list: number, now: Date, client: Client = db): Promise<Record<string, unknown>> {
  const print = await fingerprint(list, client);
  const cacheKey = `${origin}|${list}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.fingerprint === print.key) return cached.credential;

  const rows = await client.certificate.findMany({ where: { ...inList(list), ...changed }, select: { statusListIndex: true } });
  const bits = await createList({ length: STATUS_LIST_LENGTH });
  for (const row of rows) bits.setStatus(row.statusListIndex! % STATUS_LIST_LENGTH, true);
  const urls = academyCredentialUrls(origin);
  const unsigned = await createCredential({ id: urls.statusList(list), list: bits, statusPurpose: "revocation" });
  // The list is valid from its last change (or from when it is first built), so the same state signs the same way.
  const validFrom = (print.since ?? now).toISOString().replace(/\.\d{3}Z$/, "Z");
  const key = await currentSigningKey(client, now);
  const credential = await signCredential({ ...unsigned, issuer: urls.issuer, validFrom }, { origin, key, loader: credentialDocumentLoader(async () => null), now });
  cache.set(cacheKey, { fingerprint: print.key, credential });
  return credential;
}
