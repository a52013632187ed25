import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import type { DbOrTx } from "~/db/client.server";
import { emailOutbox } from "~/db/schema/notifications";
import { enqueueJob } from "./jobs.server";

type EmailAttachment = { filename: string; content: string; contentType?: string };

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
  attachments?: EmailAttachment[];
};

/** A rendered email, ready for the outbox. */
export type OutboxEmail = Omit<EmailMessage, "body"> & { html: string; text: string };

/** Resend accepts at most 100 emails per batch call. */
const BATCH_LIMIT = 100;
/** The batch endpoint takes no attachments: those go one call each, a few per job. */
const ATTACHMENT_JOB_SIZE = 10;
/** Job attempts before an email that keeps meeting 429/5xx is recorded as failed. */
const SEND_MAX_ATTEMPTS = 10;

export function emailCaptureMode() {
  return !process.env.RESEND_API_KEY;
}

let resendClient: Resend | null = null;
/**
 * Constructed lazily: `new Resend()` throws without a key. The SDK reads RESEND_BASE_URL
 * when it is first imported, which is how tests point it at a local fake provider.
 */
export function getResend() {
  resendClient ??= new Resend(process.env.RESEND_API_KEY);
  return resendClient;
}

export const EMAIL_FROM = () => process.env.EMAIL_FROM ?? "CAB Portal <portal@cab.example.org>";

export async function renderEmail(body: ReactElement) {
  // React 18's streaming renderer can leave a stray NUL byte where a multi-byte character
  // (e.g. react-email's preview padding) straddles its 2 KB chunk boundary; PostgreSQL refuses NUL in text.
  const [html, text] = (await Promise.all([render(body), render(body, { plainText: true })])).map((s) => s.replace(/\u0000/g, ""));
  return { html: html!, text: text! };
}

/**
 * Inserts rendered emails into the outbox in the caller's transaction and returns the ids of
 * the new rows (an idempotency key already used inserts nothing). Without RESEND_API_KEY the
 * row is "captured": the outbox is the delivery.
 */
export async function insertOutbox(tx: DbOrTx, emails: OutboxEmail[]): Promise<{ id: string; hasAttachments: boolean }[]> {
  const captured = emailCaptureMode();
  const inserted: { id: string; hasAttachments: boolean }[] = [];
  // Chunks keep each statement well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await tx
      .insert(emailOutbox)
      .values(
        emails.slice(i, i + 500).map((m) => ({
          idempotencyKey: m.idempotencyKey,
          template: m.template,
          toAddress: m.to,
          userId: m.userId ?? null,
          locale: m.locale,
          subject: m.subject,
          html: m.html,
          text: m.text,
          headers: m.headers ?? {},
          attachments: m.attachments ?? [],
          status: captured ? ("captured" as const) : ("queued" as const),
          sentAt: captured ? new Date() : null,
        })),
      )
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id, attachments: emailOutbox.attachments });
    inserted.push(...rows.map((r) => ({ id: r.id, hasAttachments: r.attachments.length > 0 })));
  }
  if (!captured) await enqueueSends(tx, inserted);
  return inserted;
}

/**
 * Queues the send jobs for outbox rows, in the caller's transaction: up to 100 emails per
 * job (one Resend batch call), emails with attachments a few per job.
 */
export async function enqueueSends(tx: DbOrTx, rows: { id: string; hasAttachments: boolean }[], jobKey?: string) {
  const plain = rows.filter((r) => !r.hasAttachments).map((r) => r.id);
  const withFiles = rows.filter((r) => r.hasAttachments).map((r) => r.id);
  const chunks: string[][] = [];
  for (let i = 0; i < plain.length; i += BATCH_LIMIT) chunks.push(plain.slice(i, i + BATCH_LIMIT));
  for (let i = 0; i < withFiles.length; i += ATTACHMENT_JOB_SIZE) chunks.push(withFiles.slice(i, i + ATTACHMENT_JOB_SIZE));
  for (const ids of chunks) {
    await enqueueJob(tx, "send_email", { ids }, { maxAttempts: SEND_MAX_ATTEMPTS, jobKey: chunks.length === 1 ? jobKey : undefined });
  }
}

/**
 * Puts one email in the outbox inside the caller's transaction (and its send job, unless
 * captured). Returns false when this idempotency key was already used.
 */
export async function queueEmail(tx: DbOrTx, message: EmailMessage): Promise<boolean> {
  const { body, ...rest } = message;
  const rendered = await renderEmail(body);
  const inserted = await insertOutbox(tx, [{ ...rest, ...rendered }]);
  return inserted.length > 0;
}
