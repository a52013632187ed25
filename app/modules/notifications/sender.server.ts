import crypto from "node:crypto";
import { and, asc, inArray, sql } from "drizzle-orm";
import type { CreateEmailOptions, ErrorResponse } from "resend";
import { db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema/notifications";
import { EMAIL_FROM, emailCaptureMode, getResend } from "./email.server";

type OutboxRow = typeof emailOutbox.$inferSelect;
type Outcome = "sent" | "failed" | "transient";

/** Where a send job is in graphile-worker's own retries (its attempts start at 1). */
export type JobAttempt = { attempts: number; maxAttempts: number };

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
const config = () => ({
  /** API calls per job before handing the retry to the queue (which backs off for longer). */
  inlineAttempts: Math.max(1, num("EMAIL_INLINE_ATTEMPTS", 5)),
  baseMs: num("EMAIL_RETRY_BASE_MS", 500),
  maxMs: num("EMAIL_RETRY_MAX_MS", 30_000),
});

/**
 * Sends queued outbox emails: the ones without attachments in ONE batch call (≤100, see
 * enqueueSends), the others one call each. Every call carries an idempotency key made from
 * the emails' (event, recipient) keys, so a retry after a lost response — or after this
 * process died mid-call — is answered from the provider's record instead of sending again.
 * 429, 5xx and network errors are retried with exponential backoff (honouring Retry-After),
 * first inside the job, then by the queue; other errors are permanent and recorded as failed.
 */
export async function sendOutboxEmails(ids: string[], job: JobAttempt = { attempts: 1, maxAttempts: 1 }, signal?: AbortSignal) {
  if (!ids.length) return;
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(and(inArray(emailOutbox.id, ids), inArray(emailOutbox.status, ["queued", "retrying"])))
    .orderBy(asc(emailOutbox.id));
  if (!rows.length) return;
  if (emailCaptureMode()) {
    await db
      .update(emailOutbox)
      .set({ status: "captured", sentAt: new Date() })
      .where(
        inArray(
          emailOutbox.id,
          rows.map((r) => r.id),
        ),
      );
    return;
  }
  const plain = rows.filter((r) => r.attachments.length === 0);
  const withFiles = rows.filter((r) => r.attachments.length > 0);
  const groups = [...(plain.length ? [plain] : []), ...withFiles.map((r) => [r])];
  const outcomes = await Promise.all(groups.map((group) => deliver(group, signal)));

  const pending = groups.filter((_, i) => outcomes[i] === "transient").flat();
  if (!pending.length) return;
  if (job.attempts >= job.maxAttempts && !signal?.aborted) {
    // Out of attempts: a permanent failure, visible (and retryable) in the admin outbox.
    await db
      .update(emailOutbox)
      .set({ status: "failed" })
      .where(
        inArray(
          emailOutbox.id,
          pending.map((r) => r.id),
        ),
      );
    return;
  }
  throw new Error(`${pending.length} email(s) not accepted yet; the queue retries later`);
}

/** The idempotency key of one call: the email's own key, or a digest of the batch's keys. */
function callIdempotencyKey(rows: Pick<OutboxRow, "idempotencyKey">[]) {
  if (rows.length === 1) return rows[0]!.idempotencyKey;
  const keys = rows.map((r) => r.idempotencyKey).sort();
  return `batch:${crypto.createHash("sha256").update(keys.join("\n")).digest("base64url")}`;
}

function toPayload(row: OutboxRow): CreateEmailOptions {
  return {
    from: EMAIL_FROM(),
    to: row.toAddress,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: row.headers,
    ...(row.attachments.length ? { attachments: row.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
  };
}

async function deliver(rows: OutboxRow[], signal?: AbortSignal): Promise<Outcome> {
  const { inlineAttempts, baseMs, maxMs } = config();
  const idempotencyKey = callIdempotencyKey(rows);
  const ids = rows.map((r) => r.id);
  let calls = 0;
  let lastError = "";
  for (let attempt = 0; attempt < inlineAttempts; attempt++) {
    calls++;
    const result = await call(rows, idempotencyKey);
    if (!result.error) {
      await markSent(ids, result.providerIds, calls);
      return "sent";
    }
    lastError = describe(result.error);
    if (!isTransient(result.error)) {
      await db
        .update(emailOutbox)
        .set({ status: "failed", attempts: sql`${emailOutbox.attempts} + ${calls}`, lastError })
        .where(inArray(emailOutbox.id, ids));
      return "failed";
    }
    // Shutting down: leave the rest to the queue (whichever instance picks the job up next).
    if (signal?.aborted) break;
    if (attempt < inlineAttempts - 1) await sleep(backoffMs(attempt, retryAfterMs(result.headers), baseMs, maxMs), signal);
  }
  await db
    .update(emailOutbox)
    .set({ status: "retrying", attempts: sql`${emailOutbox.attempts} + ${calls}`, lastError })
    .where(inArray(emailOutbox.id, ids));
  return "transient";
}

type CallResult = { error: null; providerIds: string[] } | { error: ErrorResponse; headers: Record<string, string> | null };

async function call(rows: OutboxRow[], idempotencyKey: string): Promise<CallResult> {
  if (rows.length === 1) {
    const { data, error, headers } = await getResend().emails.send(toPayload(rows[0]!), { idempotencyKey });
    return error ? { error, headers } : { error: null, providerIds: [data!.id] };
  }
  const { data, error, headers } = await getResend().batch.send(rows.map(toPayload), { idempotencyKey });
  return error ? { error, headers } : { error: null, providerIds: data!.data.map((d) => d.id) };
}

async function markSent(ids: string[], providerIds: (string | undefined)[], calls: number) {
  const pairs = ids.map((id, i) => ({ id, provider_id: providerIds[i] ?? null }));
  await db.execute(sql`
    update email_outbox o
       set status = 'sent', attempts = o.attempts + ${calls}, provider_id = v.provider_id, sent_at = now(), last_error = null
      from json_to_recordset(${JSON.stringify(pairs)}::json) as v(id uuid, provider_id text)
     where o.id = v.id`);
}

/** 429, 5xx, no answer at all, and "the same key is still being processed" are worth retrying. */
function isTransient(error: ErrorResponse) {
  const status = error.statusCode;
  if (status === null || status === undefined) return true;
  if (status === 429 || status >= 500) return true;
  return status === 409 && (error.name as string) === "concurrent_idempotent_requests";
}

function describe(error: ErrorResponse) {
  return `${error.statusCode ?? "network"} ${error.name}: ${error.message}`.slice(0, 1000);
}

function retryAfterMs(headers: Record<string, string> | null) {
  const value = headers?.["retry-after"];
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 0;
}

/** Exponential backoff with jitter, never shorter than the provider's Retry-After, capped. */
function backoffMs(attempt: number, retryAfter: number, baseMs: number, maxMs: number) {
  const exponential = baseMs * 2 ** attempt * (0.5 + Math.random() / 2);
  return Math.min(maxMs, Math.max(exponential, retryAfter));
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

/**
 * graphile-worker 0.17 only frees the jobs of a worker that died (SIGKILL, OOM, lost machine)
 * after 4 hours. Send jobs are safe to run twice (idempotency keys, status checks) and never
 * run longer than a few minutes, so this cron task (server/jobs.ts) frees any send job
 * locked for longer than `olderThanSeconds`: a crashed instance delays emails by minutes, not hours.
 */
export async function recoverStalledSends(olderThanSeconds = 15 * 60) {
  const rows = await db.execute<{ id: string }>(sql`
    update graphile_worker._private_jobs as jobs
       set locked_at = null, locked_by = null, run_at = greatest(jobs.run_at, now())
      from graphile_worker._private_tasks as tasks
     where tasks.id = jobs.task_id
       and tasks.identifier = 'send_email'
       and jobs.locked_at < now() - make_interval(secs => ${olderThanSeconds})
    returning jobs.id`);
  return rows.length;
}
