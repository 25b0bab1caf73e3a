import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getCurrentUser(request);
  const cookie = await endAuthSession(request);
  if (user) await recordAudit({ action: "auth.sign_out", actorId: user.id, targetType: "person", targetId: user.id, request });
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

// Signing out changes state, so it is a POST; a stray GET just goes home.
export function loader() {
  return redirect("/");
}
