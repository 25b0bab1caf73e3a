import type { IssuedInvitation } from "~/modules/accounts/invitations.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateTime } from "~/utils/time.ts";
import type { InvitationView } from "./invitation-panel.tsx";
import { publicOrigin } from "~/utils/request.server.ts";

/** The link is built from the address staff used (or APP_URL), so it works wherever they reached the app. */
export function invitationView(
  request: Request,
  personName: string,
  invitation: IssuedInvitation,
  timeZone: string,
  language: Language,
): InvitationView {
  const origin = publicOrigin(request);
  return {
    personName,
    code: invitation.code,
    link: `${origin}/activate/${invitation.token}`,
    expires: formatDateTime(invitation.expiresAt, timeZone, language),
  };
}
