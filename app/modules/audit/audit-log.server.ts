import { db, type Prisma } from "~/utils/db.server.ts";
import { zonedDayRange } from "~/utils/time.ts";
import type { AuditAction } from "./audit.ts";
import { personTextFilter } from "~/utils/text-search.server.ts";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  action?: AuditAction;
  /** Name, mobile number or e-mail of the actor or the person acted on. */
  person?: string;
  /** Calendar dates in the academy's zone, inclusive. */
  from?: string;
  to?: string;
  page: number;
};

export async function readAuditLog(filter: AuditFilter, timeZone: string) {
  const person = filter.person?.trim();
  const matchingIds = person
    ? (
        await db.person.findMany({
          where: await personTextFilter(person),
          select: { id: true },
          take: 500,
        })
      ).map((p) => p.id)
    : null;
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(matchingIds ? { OR: [{ actorId: { in: matchingIds } }, { targetType: "person", targetId: { in: matchingIds } }] } : {}),
    at: {
      ...(filter.from ? { gte: zonedDayRange(filter.from, timeZone).start } : {}),
      ...(filter.to ? { lt: zonedDayRange(filter.to, timeZone).end } : {}),
    },
  };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, action: true, targetType: true, targetId: true, ip: true, userAgent: true, detail: true, actor: { select: { id: true, name: true } } },
    }),
  ]);
  const targetIds = [...new Set(events.filter((e) => e.targetType === "person" && e.targetId).map((e) => e.targetId!))];
  const targets = new Map(
    (await db.person.findMany({ where: { id: { in: targetIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  return {
    total,
    events: events.map((e) => ({
      ...e,
      targetName: e.targetType === "person" && e.targetId ? (targets.get(e.targetId) ?? null) : null,
    })),
  };
}
