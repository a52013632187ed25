import { count, desc, eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema/notifications";

const OUTBOX_PAGE_SIZE = 50;

/** One page of the outbox, newest first, without the bodies (they can be large). */
export async function listOutbox(page: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        template: emailOutbox.template,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(emailOutbox),
  ]);
  const pages = Math.max(1, Math.ceil((total?.n ?? 0) / OUTBOX_PAGE_SIZE));
  return { rows, page, pages, total: total?.n ?? 0 };
}

/** One email with its plain-text part; the HTML part is never rendered in the portal. */
export async function getOutboxEmail(id: string) {
  const [row] = await db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      locale: emailOutbox.locale,
      text: emailOutbox.text,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id));
  return row ?? null;
}
