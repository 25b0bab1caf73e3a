// A lecturer's photo, for anyone signed in (trainees see who teaches them); 404 when there is none.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { fileResponse } from "~/modules/files/file-storage.server.ts";
import { openLecturerPhoto } from "~/modules/faculty/lecturers.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const photo = await openLecturerPhoto(params.lecturerId ?? "");
  if (!photo) throw new Response("Not found", { status: 404 });
  return fileResponse(photo, { disposition: "inline", maxAgeSeconds: 300 });
}
