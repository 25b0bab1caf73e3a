// A material's file, for the people of its module's cohort; anyone else gets 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { fileResponse } from "~/modules/files/file-storage.server.ts";
import { openMaterialForUser } from "~/modules/materials/materials.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await openMaterialForUser(user, params.materialId ?? "");
  return fileResponse(file, { disposition: "attachment" });
}
