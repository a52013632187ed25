import { desc, lt } from "drizzle-orm";
import { db } from "~/db/client.server";
import { auditLog } from "~/db/schema/audit";
import { emailOf } from "~/modules/auth/index.server";

export async function listAuditEntries({ before, limit = 50 }: { before?: number; limit?: number } = {}) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorEmail: emailOf(auditLog.actorId),
    })
    .from(auditLog)
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
