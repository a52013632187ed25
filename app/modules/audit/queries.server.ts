import { and, desc, eq, gte, isNotNull, like, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/client.server";
import { auditLog } from "~/db/schema/audit";
import { displayNameOf, emailOf } from "~/modules/auth/index.server";
import { addDays, startOfCountyDay } from "~/utils/clock";
import type { AuditFamily } from "./index";

export type AuditQuery = {
  before?: number;
  limit?: number;
  /** Only what this person did (a user id). */
  actorId?: string;
  /** Only actions of this family ("brief" → brief.create, brief.publish…). */
  family?: AuditFamily;
  /** County days, both included. */
  from?: string;
  to?: string;
};

export async function listAuditEntries({ before, limit = 50, actorId, family, from, to }: AuditQuery = {}) {
  const where: (SQL | undefined)[] = [
    before ? lt(auditLog.id, before) : undefined,
    actorId ? eq(auditLog.actorId, actorId) : undefined,
    // `_` and `%` cannot occur in a family name, so the prefix is literal.
    family ? or(eq(auditLog.action, family), like(auditLog.action, `${family}.%`)) : undefined,
    from ? gte(auditLog.createdAt, startOfCountyDay(from)) : undefined,
    to ? lt(auditLog.createdAt, startOfCountyDay(addDays(to, 1))) : undefined,
  ];
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorEmail: emailOf(auditLog.actorId),
      actorName: displayNameOf(auditLog.actorId),
      // A person the entry is about is named (other subjects are named by what the entry recorded).
      subjectName: sql<string | null>`case when ${auditLog.subjectType} = 'user' then ${displayNameOf(auditLog.subjectId)} end`,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** Everyone who has an entry in the log, by name, for the "person" filter. */
export async function listAuditActors() {
  const actors = db.selectDistinct({ id: auditLog.actorId }).from(auditLog).where(isNotNull(auditLog.actorId)).as("actors");
  const rows = await db.select({ id: actors.id, name: displayNameOf(actors.id), email: emailOf(actors.id) }).from(actors);
  return rows
    .filter((r): r is { id: string; name: string | null; email: string | null } => r.id !== null)
    .map((r) => ({ id: r.id, label: r.name && r.email ? `${r.name} (${r.email})` : (r.name ?? r.email ?? r.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
