// Calendar links and forms, shared by the server and the browser.
import { z } from "zod";

/** Replacing a feed's secret address: the only thing the calendar pages post. */
export const CalendarLinkActionSchema = z.object({ intent: z.literal("reset-link") });

/** A feed's address for the browser (https) and for calendar apps' subscribe handler (webcal). */
export type FeedAddresses = { https: string; webcal: string };

/** "Add to calendar": one session as a file, for the people of its cohort. */
export const sessionCalendarPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}/calendar.ics`;
