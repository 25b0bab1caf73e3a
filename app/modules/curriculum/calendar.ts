// Calendar-link forms, shared by the server and the browser.
import { z } from "zod";

/** Replacing a feed's secret address: the only thing the calendar pages post. */
export const CalendarLinkActionSchema = z.object({ intent: z.literal("reset-link") });
