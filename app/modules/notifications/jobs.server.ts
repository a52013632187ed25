import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";

export type JobOptions = { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string };

/**
 * Adds a graphile-worker job with the caller's transaction: if the change rolls back,
 * so does the job; if it commits, the job will run.
 */
export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: JobOptions = {}) {
  await tx.execute(sql`select graphile_worker.add_job(
    identifier => ${task},
    payload => ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null},
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25},
    job_key => ${options.jobKey ?? null}
  )`);
}
