// What staff can do on a person's page, one schema per button, told apart by `intent`.
import { z } from "zod";
import { roleKeys } from "~/modules/accounts/roles.ts";
import { assignmentRoles } from "./people.ts";
import { traineeProfileFields } from "./profile.ts";

const assignment = {
  cohortId: z.string({ required_error: "people.errors.cohortRequired" }).min(1, "people.errors.cohortRequired").max(64),
  role: z.enum(assignmentRoles, { errorMap: () => ({ message: "people.errors.roleRequired" }) }),
};

export const PersonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reinvite") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({
    intent: z.literal("roles"),
    roles: z.array(z.enum(roleKeys), { required_error: "people.errors.roleRequired" }).min(1, "people.errors.roleRequired"),
  }),
  z.object({ intent: z.literal("assign"), ...assignment }),
  z.object({ intent: z.literal("details"), ...traineeProfileFields }),
  z.object({ intent: z.literal("unassign"), ...assignment }),
]);
