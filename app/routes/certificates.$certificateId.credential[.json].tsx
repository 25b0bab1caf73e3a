// A certificate's Open Badges credential as a file, for its trainee and the cohort's staff.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { credentialDownload } from "~/modules/certificates/credential-download.server.ts";
import { contentDisposition } from "~/utils/download.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await credentialDownload(user, params.certificateId ?? "", { origin: publicOrigin(request), now: new Date() });
  if (!file) throw new Response("Not Found", { status: 404 });
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", file.fileName, "credential.json"),
      "Cache-Control": "private, no-store",
    },
  });
}
