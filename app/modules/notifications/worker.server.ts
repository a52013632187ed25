import { run, type TaskList } from "graphile-worker";
import { eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { pruneRateLimits } from "~/utils/rate-limit.server";
import { EMAIL_FROM, getResend } from "./email.server";
import { runImport as runMetricsImport } from "~/modules/metrics/service.server";

export const taskList: TaskList = {
  async send_email(payload) {
    const { id } = payload as { id: string };
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    if (!email || email.status === "sent" || email.status === "captured") return;
    const { data, error } = await getResend().emails.send(
      {
        from: EMAIL_FROM(),
        to: email.toAddress,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      },
      { idempotencyKey: email.idempotencyKey },
    );
    if (error) {
      await db
        .update(emailOutbox)
        .set({ status: "retrying", attempts: sql`${emailOutbox.attempts} + 1`, lastError: error.message })
        .where(eq(emailOutbox.id, id));
      throw new Error(error.message);
    }
    await db
      .update(emailOutbox)
      .set({ status: "sent", attempts: sql`${emailOutbox.attempts} + 1`, providerId: data?.id ?? null, sentAt: new Date(), lastError: null })
      .where(eq(emailOutbox.id, id));
  },
  metrics_commit_import: async (payload) => runMetricsImport((payload as { importId: string }).importId),
  async prune_rate_limits() {
    await pruneRateLimits();
  },
};

/** Runs the job queue in this process; returns a function that stops it. */
export async function startWorker() {
  const runner = await run({
    connectionString: process.env.DATABASE_URL,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
    noHandleSignals: true,
    pollInterval: 1000,
    taskList,
    crontab: "*/10 * * * * prune_rate_limits",
  });
  return () => runner.stop();
}
