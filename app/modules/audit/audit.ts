// Audit actions, shared with the browser for the audit log's filter.
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_locked",
  "auth.sign_out",
  "auth.sessions_ended",
  "auth.password_changed",
  "person.created",
  "person.invited",
  "person.activated",
  "person.activation_failed",
  "person.deactivated",
  "person.reactivated",
  "person.updated",
  "role.granted",
  "role.revoked",
  "assignment.added",
  "assignment.removed",
  "roster.imported",
  "roster.codes_issued",
] as const;
export type AuditAction = (typeof auditActions)[number];
