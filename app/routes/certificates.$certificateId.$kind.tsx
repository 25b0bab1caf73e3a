// A certificate's stored PDF (/certificates/<id>/pdf) or image (/certificates/<id>/png):
// its trainee while it is current, staff of its cohort and admins; anyone else is refused.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { certificateDownload, isDocumentKind } from "~/modules/certificates/downloads.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isDocumentKind(params.kind)) throw new Response("Not found", { status: 404 });
  return certificateDownload(user, params.certificateId ?? "", params.kind);
}
