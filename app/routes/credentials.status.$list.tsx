// The academy's revocation status list (a signed Bitstring Status List credential). Public.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonLdResponse, notFoundJson, statusListDocument } from "~/modules/certificates/credential-documents.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const list = /^[1-9]\d{0,6}$/.test(params.list ?? "") ? Number(params.list) : 0;
  const document = list ? await statusListDocument(publicOrigin(request), list, new Date()) : null;
  return document ? jsonLdResponse(document, 60) : notFoundJson();
}
