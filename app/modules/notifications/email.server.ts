import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import type { DbOrTx } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { enqueueJob } from "./jobs.server";

export type EmailMessage = {
  template: string;
  to: string;
  userId?: string | null;
  locale: string;
  subject: string;
  body: ReactElement;
  /** One key per (event, recipient): the same key is never delivered twice. */
  idempotencyKey: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType?: string }[];
};

export function emailCaptureMode() {
  return !process.env.RESEND_API_KEY;
}

let resendClient: Resend | null = null;
/** Constructed lazily: `new Resend()` throws without a key. */
export function getResend() {
  resendClient ??= new Resend(process.env.RESEND_API_KEY);
  return resendClient;
}

export const EMAIL_FROM = () => process.env.EMAIL_FROM ?? "CAB Portal <portal@cab.example.org>";

/**
 * Puts an email in the outbox inside the caller's transaction. Without RESEND_API_KEY it is
 * captured there (the outbox is the delivery); otherwise a send job is queued with it.
 * Returns false when this idempotency key was already used.
 */
export async function queueEmail(tx: DbOrTx, message: EmailMessage): Promise<boolean> {
  // @react-email/render sometimes leaves NUL bytes in the preview padding (seen with some subject
  // lengths); PostgreSQL refuses them in text columns, so they are dropped here.
  const [html, text] = (await Promise.all([render(message.body), render(message.body, { plainText: true })])).map((s) => s.replace(/\u0000/g, ""));
  const captured = emailCaptureMode();
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      idempotencyKey: message.idempotencyKey,
      template: message.template,
      toAddress: message.to,
      userId: message.userId ?? null,
      locale: message.locale,
      subject: message.subject,
      html,
      text,
      headers: message.headers ?? {},
      attachments: message.attachments ?? [],
      status: captured ? "captured" : "queued",
      sentAt: captured ? new Date() : null,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  if (!row) return false;
  if (!captured) await enqueueJob(tx, "send_email", { id: row.id }, { jobKey: `email:${row.id}` });
  return true;
}
