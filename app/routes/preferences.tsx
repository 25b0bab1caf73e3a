import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { db } from "~/utils/db.server.ts";
import { parseLanguage } from "~/utils/i18n.ts";
import { languageCookie } from "~/utils/i18n.server.ts";
import { elderModeCookie } from "~/utils/preferences.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

// Preferences are for everybody, signed in or not: the sign-in page has the switches too.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const headers = new Headers();
  const language = parseLanguage(String(form.get("language") ?? ""));
  if (language) {
    headers.append("Set-Cookie", await languageCookie.serialize(language));
    // Remembered on the account too: what the app sends without a browser (the calendar feed) speaks it.
    const user = await getCurrentUser(request);
    if (user) await db.person.update({ where: { id: user.id }, data: { locale: language } });
  }
  const elder = form.get("elderMode");
  if (elder === "on" || elder === "off") {
    headers.append("Set-Cookie", await elderModeCookie.serialize(elder === "on" ? "1" : "0"));
  }
  return redirect(safeRedirect(form.get("redirectTo")), { headers });
}

export function loader() {
  return redirect("/");
}
