// An organisation's seal or signature as uploaded, for the admin's preview; 404 when there is none.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { openOrganisationImage, sealImageKinds } from "~/modules/certificates/organisation-seals.server.ts";
import { fileResponse } from "~/modules/files/file-storage.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const kind = sealImageKinds.find((known) => known === params.kind);
  if (!kind) throw new Response("Not found", { status: 404 });
  const image = await openOrganisationImage(user, params.organisationId ?? "", kind);
  if (!image) throw new Response("Not found", { status: 404 });
  return fileResponse(image, { disposition: "inline" });
}
