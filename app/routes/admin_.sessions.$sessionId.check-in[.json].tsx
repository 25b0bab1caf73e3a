// What the projector screen polls: the count, the latest names, and the window's key (it changes with the window).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectorState, requireCheckInStaff } from "~/modules/attendance/check-in-screen.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireCheckInStaff(request, params.sessionId ?? "");
  return Response.json(await projectorState(session, new Date()), { headers: { "Cache-Control": "no-store" } });
}
