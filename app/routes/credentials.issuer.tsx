// The academy's issuer profile for its Open Badges credentials, with every signing key (current and retired). Public.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { issuerProfileDocument, jsonLdResponse } from "~/modules/certificates/credential-documents.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return jsonLdResponse(await issuerProfileDocument(publicOrigin(request)), 300);
}
