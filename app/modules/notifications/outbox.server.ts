import { and, eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema/notifications";
import { recordAudit } from "~/modules/audit/index.server";
import { hasRole, type Role } from "~/modules/auth";
import { enqueueSends } from "./email.server";

type Actor = { id: string; role: Role };
export type RetryResult = { ok: true } | { ok: false; reason: "forbidden" | "not_found" | "not_failed" };

/**
 * Puts a failed email back in the queue (admin only, audited in the same transaction).
 * It keeps its idempotency key, so the provider still delivers it at most once.
 */
export async function retryEmail(actor: Actor, id: string, meta: { ipAddress?: string | null } = {}): Promise<RetryResult> {
  if (!hasRole(actor.role, "admin")) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx) => {
    const [email] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)).for("update");
    if (!email) return { ok: false, reason: "not_found" } as const;
    if (email.status !== "failed") return { ok: false, reason: "not_failed" } as const;
    await tx
      .update(emailOutbox)
      .set({ status: "queued" })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")));
    await enqueueSends(tx, [{ id, hasAttachments: email.attachments.length > 0 }], `email-retry:${id}`);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "email.retry",
      subjectType: "email",
      subjectId: id,
      data: { to: email.toAddress, template: email.template, attempts: email.attempts, lastError: email.lastError },
      ipAddress: meta.ipAddress ?? null,
    });
    return { ok: true } as const;
  });
}
