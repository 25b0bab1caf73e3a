import { db, type Prisma } from "~/utils/db.server.ts";
import { clientAddress, type RequestFacts } from "~/utils/request.server.ts";
import type { AuditAction } from "./audit.ts";

export type { AuditAction } from "./audit.ts";

type AuditInput = {
  action: AuditAction;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  request?: RequestFacts;
  detail?: Record<string, unknown>;
  at?: Date;
};

/** Appends one event to the audit log; pass `tx` to keep it in the caller's transaction. */
export async function recordAudit(input: AuditInput, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      actorId: input.actorId ?? null,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      ip: input.request ? clientAddress(input.request) : null,
      userAgent: input.request?.headers.get("User-Agent")?.slice(0, 300) ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
      at: input.at ?? new Date(),
    },
  });
}
