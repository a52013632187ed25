import type { DbOrTx } from "~/db/client.server";
import { auditLog } from "~/db/schema/audit";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
  ipAddress?: string | null;
};

/** Call inside the transaction of the change it records, so the two commit together. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    data: entry.data ?? {},
    ipAddress: entry.ipAddress ?? null,
  });
}
