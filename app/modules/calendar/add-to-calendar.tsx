import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { sessionCalendarPath } from "./calendar.ts";
import { CalendarIcon } from "./calendar-subscription.tsx";

/**
 * One tap adds the session to the phone's calendar: iOS opens its "add event"
 * sheet for the .ics file, Android hands the download to the calendar app.
 * A plain link, not a client-side navigation: the answer is a file, not a page.
 */
export function AddToCalendarLink({ sessionId, className = "" }: { sessionId: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <a
      href={sessionCalendarPath(sessionId)}
      className={buttonClass("secondary", className)}
      data-testid="add-to-calendar"
    >
      <CalendarIcon />
      {t("calendar.addToCalendar")}
    </a>
  );
}
