// One of the academy's signing keys as a Multikey document (also reachable as /credentials/issuer#<keyId>). Public.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonLdResponse, keyDocumentFor, notFoundJson } from "~/modules/certificates/credential-documents.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const document = await keyDocumentFor(publicOrigin(request), params.keyId ?? "");
  return document ? jsonLdResponse(document, 3600) : notFoundJson();
}
